"""Turn paragraphs into the blocks a page is made of: headings, paragraphs, lists and tables.

Each block keeps the source lines it came from: the nothing-lost check counts
them, and only what is in a block reaches a page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from ..read.text import BULLET_RE, LETTERED_RE, NUMBERED_PREFIX_RE, NUMBERED_RE, Para, plain, starts_item

PIPE_SEPARATOR_RE = re.compile(r"^[\s|:-]+$")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "list", "table"
    lines: tuple[int, ...]  # source lines this block shows
    text: str = ""  # heading or paragraph text, markup kept
    number: str | None = None  # printed paragraph number, "12"
    anchor: str | None = None  # id for a permalink: "para-12", "minute-23", a heading slug
    items: tuple[str, ...] = ()  # list items
    rows: tuple[tuple[str, ...], ...] = ()  # table rows; rows[0] is the header row
    level: int = 2  # heading level
    caption: str = ""  # tables: what the table is, from the heading or line just above it
    extra: dict = field(default_factory=dict, compare=False, hash=False)


HeadingRule = Callable[[Para], int]  # the heading level a para deserves, or 0 for body text


def looks_like_heading(para: Para) -> bool:
    """A short line on its own in capitals or in bold (marked up, or set so in a PDF), without a full stop, and
    words rather than figures (a bold total in a table is not a heading)."""
    text = para.text.strip()
    words = plain(text)
    if not words or len(words) > 90 or words.endswith((".", ",", ";")) or NUMBERED_RE.match(text):
        return False
    whole_bold = text.startswith("**") and text.endswith("**") and text.count("**") == 2
    letters = [c for c in words if c.isalpha()]
    upper = len(letters) >= 4 and all(c.isupper() for c in letters)
    styled = bool(para.emphasis) and len(letters) >= 3 and len(letters) * 2 >= len(words.replace(" ", ""))
    return whole_bold or upper or styled


def subheading(para: Para) -> int:
    return 3 if looks_like_heading(para) else 0


def to_blocks(paras: tuple[Para, ...] | list[Para], is_heading: HeadingRule = subheading) -> list[Block]:
    blocks: list[Block] = []
    used_anchors: set[str] = set()
    i = 0
    while i < len(paras):
        para = paras[i]
        if para.is_table_row():
            j = i
            while j < len(paras) and paras[j].is_table_row():
                j += 1
            blocks.append(table_block(paras[i:j]))
            i = j
            continue
        numbered = NUMBERED_RE.match(para.text)
        if numbered:
            number = numbered.group(1)
            anchor = f"para-{number}"
            anchor = anchor if anchor not in used_anchors else None
            if anchor:
                used_anchors.add(anchor)
            text = NUMBERED_PREFIX_RE.sub("", para.text, count=1)
            blocks.append(Block("para", para.lines, text=text, number=number, anchor=anchor))
        elif BULLET_RE.match(para.text) or LETTERED_RE.match(para.text):
            j = i
            while j < len(paras) and (BULLET_RE.match(paras[j].text) or LETTERED_RE.match(paras[j].text)) \
                    and not paras[j].is_table_row() and not NUMBERED_RE.match(paras[j].text):
                j += 1
            items = tuple(BULLET_RE.sub("", p.text, count=1).strip() for p in paras[i:j])
            blocks.append(Block("list", _lines(paras[i:j]), items=items))
            i = j
            continue
        elif _poster_words(paras, i):
            # A poster's words set one or two to a line ("we / LOVE / our / FOSTER / CARERS"): one line of text,
            # not a heading per word.
            j = i
            while j < len(paras) and _poster_words(paras, j) and (j == i or paras[j].first == paras[j - 1].last + 1):
                j += 1
            blocks.append(Block("para", _lines(paras[i:j]), text=" ".join(p.text.strip() for p in paras[i:j])))
            i = j
            continue
        elif is_heading(para) or _heads_numbered_paragraphs(paras, i):
            level = is_heading(para) or is_heading(replace(para, text=f"**{para.text.strip()}**"))
            j = _title_end(paras, i)  # a title set large over several lines is one heading
            text = " ".join(plain(p.text) for p in paras[i:j])
            blocks.append(Block("heading", _lines(paras[i:j]), text=text, level=level))
            i = j
            continue
        else:
            blocks.append(Block("para", para.lines, text=para.text.strip()))
        i += 1
    return blocks


POSTER_RUN = 3  # lines of one or two words each, one under another: a poster's words, not headings
HEADING_LENGTH = 80  # characters: a line alone that heads the numbered paragraphs under it is no longer


def _short(para: Para) -> bool:
    return len(para.plain.split()) <= 2 and not para.is_table_row() and not NUMBERED_RE.match(para.text) \
        and not BULLET_RE.match(para.text)


def _poster_words(paras, i: int) -> bool:
    """Is paras[i] one of a run of at least POSTER_RUN lines, one under another, of a word or two each?"""
    if not _short(paras[i]):
        return False
    start = end = i
    while start > 0 and _short(paras[start - 1]) and paras[start].first == paras[start - 1].last + 1:
        start -= 1
    while end + 1 < len(paras) and _short(paras[end + 1]) and paras[end + 1].first == paras[end].last + 1:
        end += 1
    return end - start + 1 >= POSTER_RUN


def _heads_numbered_paragraphs(paras, i: int) -> bool:
    """A short line standing alone (blank lines around it), in words, without a full stop, right above a
    numbered paragraph: the heading of the paragraphs under it ("MTFS Position" above "8. Despite …"), even
    where nothing marks it as one (capitals, bold)."""
    para = paras[i]
    text = para.plain
    if len(para.lines) != 1 or not text or len(text) > HEADING_LENGTH or not text[0].isupper() \
            or text.endswith((".", ",", ";", ":")) or starts_item(para.text) or para.is_table_row() or len(text.split()) < 2:
        return False
    before = paras[i - 1] if i else None
    after = paras[i + 1] if i + 1 < len(paras) else None
    alone = (before is None or para.first > before.last + 1) and after is not None and after.first > para.last + 1
    return alone and bool(NUMBERED_RE.match(after.text))


TITLE_LENGTH = 200  # characters: a title set large over several lines is no longer


def _title_end(paras, i: int) -> int:
    """After paras[i], the paras on the lines right under it in the same large type (a PDF's): one title."""
    style, j, length = paras[i].emphasis, i + 1, len(paras[i].text)
    if not style or style[0] != "large":
        return j
    while j < len(paras) and paras[j].emphasis == style and paras[j].first == paras[j - 1].last + 1 \
            and length + len(paras[j].text) <= TITLE_LENGTH and not paras[j - 1].text.rstrip().endswith("."):
        length += len(paras[j].text)
        j += 1
    return j


def _lines(paras) -> tuple[int, ...]:
    return tuple(n for p in paras for n in p.lines)


def split_row(line: str) -> tuple[str, ...]:
    line = line.strip(" \r\n")  # not tabs: a leading tab is an empty first cell
    if line.startswith("- |"):
        line = line[2:]
    if line.startswith("|"):
        cells = line.strip("|").split("|")
    else:
        cells = line.split("\t")
    return tuple(plain(cell) for cell in cells)


def table_block(paras) -> Block:
    rows = []
    for para in paras:
        for raw in para.raw:
            if raw.strip().startswith("|") and PIPE_SEPARATOR_RE.match(raw):
                continue  # |---|---| under a markdown header row
            rows.append(split_row(raw))
    # Header rows that are all empty (a junk "| | |" row) carry nothing: start at the first real one.
    while len(rows) > 1 and not any(rows[0]):
        rows.pop(0)
    width = max(len(r) for r in rows)
    # Trailing empty columns are tab debris, not data.
    while width > 1 and not any(len(r) >= width and r[width - 1] for r in rows):
        width -= 1
    rows = [tuple(r[:width]) + ("",) * (width - len(r[:width])) for r in rows]
    # The RAG status column, named in one of the first two (header) rows.
    rag = next((i for row in rows[:2] for i, cell in enumerate(row) if re.search(r"\bRAG\b", cell)), None)
    return Block("table", _lines(paras), rows=tuple(rows), extra={"rag_column": rag, "row_headers": _labels_rows(rows)})


FIGURE_RE = re.compile(r"^[<>£]?\d[\d,]*(?:\.\d+)?%?$")  # "3,972", "68.5%", ">97.2%": a figure, not a word
YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def is_figure(cell: str) -> bool:
    text = cell.strip()
    return bool(FIGURE_RE.match(text)) and not YEAR_RE.match(text)


def looks_like_data(row: tuple[str, ...]) -> bool:
    """A row of figures, not of column headings: a table continued from the one before has no header."""
    return any(is_figure(cell) for cell in row)


def _labels_rows(rows: list[tuple[str, ...]]) -> bool:
    """Does the first column name each row (words beside figures), so that its cells are row headers?"""
    body = rows[1:]
    if not body or len(rows[0]) < 2:
        return False
    labels = [row[0] for row in body if row[0].strip()]
    figures = sum(is_figure(cell) for row in body for cell in row[1:])
    return len(labels) >= 0.8 * len(body) and not any(is_figure(label) for label in labels) and figures > 0
