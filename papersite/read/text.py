"""Clean extracted text: remove debris, rejoin broken lines, and group lines into paragraphs.

Two extraction styles arrive. "Markdown-ish" text keeps one paragraph per line.
pdftotext-style text is hard-wrapped at a fixed width, so a paragraph is spread
over several lines that must be joined again. Either way the result is a list of
`Para`s, each remembering exactly which source lines it came from, so that the
build can prove no line was lost.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..config import Footer
from .pages import FORM_FEED, STAMP_RE, Pages, form_feed_starts, near_boundaries, page_number, paginate

BLANK_PAGE_RE = re.compile(r"^\W*this page (?:is|has been) (?:intentionally|deliberately) left blank\W*$", re.I)
# Bullets as extractors leave them: markdown dashes, real bullets, Wingdings and
# other private-use glyphs, ticks.
BULLET = r"(?:[-*•▪◦●○■□➢►✓✔√]|[\ue000-\uf8ff])"
BULLET_RE = re.compile(rf"^\s*{BULLET}\s+")
# A numbered paragraph, perhaps behind a bullet in any glyph ("- 26.", "• 2.")
NUMBERED_PREFIX_RE = re.compile(rf"^\s*(?:{BULLET}\s+)?(\d{{1,3}})\.\s+")
NUMBERED_RE = re.compile(rf"^\s*(?:{BULLET}\s+)?(\d{{1,3}})\.\s+\S")
LETTERED_RE = re.compile(rf"^\s*(?:{BULLET}\s+)?\(?(?:[a-z]|[ivx]{{1,5}})[.)]\s+\S")
# pdftotext sometimes reduces a bullet to a single leading space.
LONE_SPACE_BULLET_RE = re.compile(r"^ (?=[^\s])")
DOCUMENT_START_RE = re.compile(r"^\s*minutes of (?:a|the) (?:[\w'’&,.-]+ ){0,12}?meeting\b", re.I)
BARE_MARKER_RE = re.compile(r"^\s*(?:\d{1,3}\.|\(?[a-z]\)|[-•▪◦●■➢►✓]|[\ue000-\uf8ff])\s*$")
# Lines that start a paragraph of their own however full the line above: "PRESENT:", "IN ATTENDANCE:",
# "RESOLVED that …", "(Item 3)".
STARTS_AFRESH_RE = re.compile(r"^\s*(?:[A-Z][A-Z /]{2,30}:|RESOLVED\b|\(\s*[Ii]tem\s+\d+[a-z]?\s*\)\s*$)")
TERMINAL = tuple(".!?:;)\"'”’")
MARKUP_RE = re.compile(r"\*\*|__|</?(?:u|b|i|em|strong)>", re.I)


@functools.lru_cache(maxsize=65536)  # the recognisers ask for the same paragraph's plain text many times
def plain(text: str) -> str:
    """Text without extraction markup (bold stars, <u> tags) and with spaces tidied."""
    return " ".join(MARKUP_RE.sub("", text).replace("\u00a0", " ").split())


@dataclass(frozen=True)
class Para:
    lines: tuple[int, ...]  # the 1-based source lines it was made from, in order
    text: str  # joined text, markup kept (the renderer turns **bold** into <strong>)
    raw: tuple[str, ...]  # the original lines, for tables whose cells are tab-separated
    emphasis: tuple | None = None  # a PDF sets all its lines apart: ("large", size) or ("bold",)

    @property
    def first(self) -> int:
        return self.lines[0]

    @property
    def last(self) -> int:
        return self.lines[-1]

    @functools.cached_property
    def plain(self) -> str:  # asked for again and again as the pack is read (a million times in 300 packs)
        return plain(self.text)

    def is_table_row(self) -> bool:
        return is_table_row(self.raw[0])


def is_table_row(line: str) -> bool:
    text = line.strip(" \r\n")
    if "\t" in text and text.strip():
        return True  # a leading or trailing tab is an empty cell, so it counts
    stripped = text.strip()
    return (stripped.startswith("|") and stripped.count("|") >= 2) or stripped.startswith("- |")


def starts_item(line: str) -> bool:
    """Does this line start a list item, a numbered paragraph or a table row?"""
    return bool(BULLET_RE.match(line) or NUMBERED_RE.match(line) or LETTERED_RE.match(line)) or is_table_row(line)


def debris_kind(line: str, footers: tuple[Footer, ...]) -> str | None:
    """The name of the boilerplate this line is, or None if it is content. A bare number is a page number
    here; `clean` keeps it as content where its place says otherwise (`_bare_number_is_content`)."""
    stripped = line.strip()
    if not stripped:
        return None
    if BLANK_PAGE_RE.match(stripped):
        return "blank-page notice"
    if page_number(stripped) is not None:
        return "page number"
    if STAMP_RE.match(stripped):
        return "agenda item stamp"  # ModernGov's "Agenda Item 7" atop a paper's first page
    for footer in footers:
        if footer.pattern.search(stripped):
            return footer.name
    return None


BARE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")


def _bare_number_is_content(lines: tuple[str, ...], number: int, near: set[int] | None) -> bool:
    """A bare number that is not where page numbers are printed: inside a page (when form feeds show where
    pages end), or one of a column of numbers (table cells extracted one per line)."""
    line = lines[number - 1]
    if not BARE_NUMBER_RE.match(line.replace(FORM_FEED, "")):
        return False  # "Page 12", "Page 3 of 9": said to be page numbers
    if near is not None and number not in near:
        return True
    for step in (-1, 1):
        n = number + step
        while 1 <= n <= len(lines) and not lines[n - 1].strip():
            n += step
        if 1 <= n <= len(lines) and BARE_NUMBER_RE.match(lines[n - 1].replace(FORM_FEED, "")) \
                and not (near is not None and n in near and number in near):
            return True
    return False


def repeated_footers(lines: tuple[str, ...], debris: dict[int, str], boundaries: set[int] = frozenset()) -> dict[int, str]:
    """Short lines printed again and again beside the page numbers or at the top or foot of pages: running
    headers and footers."""
    page_marks = [n for n, kind in debris.items() if kind == "page number"]
    if len(page_marks) < 3 and not boundaries:
        return {}
    near_mark = set(boundaries)
    for mark in page_marks:
        # The nearest non-blank lines on either side of a page number.
        for step in (-1, 1):
            n, seen = mark + step, 0
            while 1 <= n <= len(lines) and seen < 2:
                if lines[n - 1].strip():
                    near_mark.add(n)
                    seen += 1
                n += step
    occurrences = Counter(lines[n - 1].strip() for n in near_mark if n not in debris)
    everywhere = Counter(line.strip() for line in lines if line.strip())
    footers = {text for text, count in occurrences.items()
               if count >= 3 and len(text) <= 100 and count >= 0.6 * everywhere[text]}
    return {n: "repeated footer" for n in near_mark if n not in debris and lines[n - 1].strip() in footers}


def is_hard_wrapped(lines: tuple[str, ...]) -> int:
    """The wrap width if the text was hard-wrapped by its extractor, else 0. Table rows are left out: an
    extractor that wraps paragraphs leaves a row of cells whole."""
    lengths = [len(line.rstrip()) for line in lines if line.strip() and not is_table_row(line)]
    if len(lengths) < 20 or sum(1 for n in lengths if n > 120) > len(lengths) * 0.01:
        return 0
    width = sorted(lengths)[int(len(lengths) * 0.95)]
    near_full = sum(1 for n in lengths if n >= width * 0.75)
    return width if width >= 50 and near_full >= len(lengths) * 0.2 else 0


@dataclass(frozen=True)
class Cleaned:
    paras: tuple[Para, ...]
    debris: dict[int, str]  # line number -> kind of boilerplate removed
    wrap_width: int  # 0 for markdown-ish text
    pages: Pages


def clean(lines: tuple[str, ...], footers: tuple[Footer, ...] = (), emphasis=None) -> Cleaned:
    """`emphasis(line)`: how that line is set apart, in bold or large type (known for a PDF: see
    `pdf.PdfText.emphasis`), or None. A paragraph never runs from emphasised lines into plain ones (a heading
    in bold is not joined to the text under it)."""
    form_feeds = form_feed_starts(lines)
    near = near_boundaries(lines, form_feeds) if form_feeds else None
    debris: dict[int, str] = {}
    for number, line in enumerate(lines, start=1):
        kind = debris_kind(line, footers)
        if kind == "page number" and _bare_number_is_content(lines, number, near):
            kind = None
        if kind:
            debris[number] = kind
    debris.update(repeated_footers(lines, debris, near or set()))
    width = is_hard_wrapped(lines)
    pages = paginate(lines, debris, form_feeds, bool(width))
    page_starts = set(pages.starts) if width and not pages.exact else set()
    paras = _group(lines, debris, width, page_starts, emphasis)
    return Cleaned(tuple(_rejoin_page_breaks(paras, debris)), debris, width, pages)


def _group(lines: tuple[str, ...], debris: dict[int, str], width: int, page_starts: set[int],
           emphasis=None) -> list[Para]:
    """One Para per line, or per run of wrapped lines in hard-wrapped text. `page_starts` are lines that start
    a page with a single space where a form feed was (not a bullet that lost its glyph)."""
    paras: list[Para] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            raw = tuple(lines[n - 1].replace(FORM_FEED, "") for n in current)
            text = " ".join(part.strip() for part in raw) if len(raw) > 1 else raw[0].rstrip()
            if width and LONE_SPACE_BULLET_RE.match(raw[0]) and not is_table_row(raw[0]) \
                    and current[0] not in page_starts:
                text = "- " + text.strip()  # the bullet the extractor dropped
            styles = {emphasis(n) for n in current} if emphasis else {None}
            styled = styles.pop() if len(styles) == 1 else ("bold",) if None not in styles else None
            paras.append(Para(tuple(current), text.replace("\ufeff", ""), raw, styled))
            current.clear()

    numbered = 0  # the number of the last numbered paragraph begun
    for number, line in enumerate(lines, start=1):
        if not line.strip() or number in debris:
            flush()
            continue
        if number in page_starts or line.startswith(FORM_FEED) and not line.lstrip(FORM_FEED)[:1].islower():
            flush()  # a new page starts afresh unless it carries on a sentence (rejoined when cut, below)
        if current and width and _continues(lines[current[-1] - 1], line, width, numbered) \
                and not (emphasis and bool(emphasis(current[-1])) != bool(emphasis(number))):
            current.append(number)
            continue

        flush()
        current.append(number)
        starts_number = NUMBERED_RE.match(line.replace(FORM_FEED, ""))
        if starts_number:
            numbered = int(starts_number.group(1))
        elif STARTS_AFRESH_RE.match(line) or (len(line) <= 80 and _capitals(line)):
            numbered = 0  # "(Item 6)", a heading: what is numbered under it is numbered from 1
    flush()
    return paras


def _continues(previous: str, line: str, width: int, numbered: int = 0) -> bool:
    """In hard-wrapped text: was `line` wrapped off the end of `previous`? `numbered` is the number of the
    last numbered paragraph begun (0 under a new heading): the next number starts a paragraph of its own."""
    if is_table_row(previous):
        return False
    if BARE_MARKER_RE.match(previous):
        return True  # "24." alone, its text wrapped onto the next line
    full = len(previous.rstrip()) >= width * 0.7
    wrapped_number = NUMBERED_RE.match(line) or BARE_MARKER_RE.match(line)
    if wrapped_number and full and not previous.rstrip().endswith(TERMINAL) and not (
            NUMBERED_RE.match(line) and int(NUMBERED_RE.match(line).group(1)) == numbered + 1):
        return True  # "…at the end of Quarter" / "2. The current figure…": a number wrapped to the line start
    if starts_item(line) or LONE_SPACE_BULLET_RE.match(line) or BARE_MARKER_RE.match(line) or STARTS_AFRESH_RE.match(line):
        return False
    if _capitals(line) and not _capitals(previous):
        return False  # a heading (perhaps the next document's) right under a full line of text
    if DOCUMENT_START_RE.match(line):
        return False
    return full


def _capitals(line: str) -> bool:
    upper, lower = sum(map(str.isupper, line)), sum(map(str.islower, line))
    return upper + lower >= 4 and upper >= 9 * lower


def _rejoin_page_breaks(paras: list[Para], debris: dict[int, str]) -> list[Para]:
    """Join a paragraph cut in two by a page break: it stops mid-sentence and the rest starts in lower case,
    or a page number or footer stands between a long line ending mid-phrase and its continuation."""
    out: list[Para] = []
    for para in paras:
        between = {debris[n] for n in range(out[-1].last + 1, para.first) if n in debris} if out else set()
        # A blank-page notice ends a document: nothing continues across it.
        if out and "blank-page notice" not in between and _is_cut(out[-1], para, bool(between)):
            before = out.pop()
            para = Para(before.lines + para.lines, f"{before.text.rstrip()} {para.text.strip()}", before.raw + para.raw)
        out.append(para)
    return out


def filled_cells(line: str) -> int:
    return sum(1 for cell in re.split(r"\t|\|", line) if cell.strip())


def _is_cut(before: Para, after: Para, debris_between: bool) -> bool:
    end = before.plain
    start = after.plain
    if not end or not start or end.endswith(TERMINAL):
        return False
    gap = after.first - before.last
    if gap == 1 and not debris_between:
        return False  # consecutive lines the grouping kept apart on purpose
    bare_number = re.fullmatch(r"\d{1,3}\.", start)
    if not (debris_between or bare_number or start[0].islower()):
        return False  # none of the three ways below to say yes can: asked first, as most pairs of paragraphs
        # end here, before the checks of their cells and numbers
    # A row with one filled cell ("6. Declarations … in accordance<TAB>") may still run on after a page break.
    if filled_cells(before.raw[-1]) > 1 or filled_cells(after.raw[0]) > 1:
        return False
    if bare_number:
        # "…Procedure Rule" + page break + "16."; one blank line apart, "2." is the next item's number
        return (gap > 3 or debris_between) and bool(re.search(r"[A-Za-z]$", end))
    if starts_item(after.raw[0]) or NUMBERED_RE.match(after.text) or BARE_MARKER_RE.match(after.raw[0]):
        return False  # a numbered paragraph or list item after a page break starts afresh
    if start.endswith(":") or _capitals(start) or DOCUMENT_START_RE.match(start) or BARE_MARKER_RE.match(start):
        return False  # "From:", a heading in capitals, "Minutes of a meeting of": what starts a paper
    if debris_between and len(end) >= 50 and re.search(r"[a-z,]$", end) and start[0].isalnum():
        return True
    return start[0].islower() and gap > 1
