"""The agenda: the pack's table of contents. Each item's number, title, who reports and the pages its papers
take ("Pages 5 - 12").

Agendas arrive in many layouts, sometimes several in one pack: one row per item (tab-separated cells, pipe
tables with junk header rows, title + author + pages run together on one line, bullets), or the number alone
on its line with the title below it and the pages after the title or on a line of their own (ModernGov's
layout, and what pdftotext makes of most agenda tables). An item's number must follow the one before, so a
"16." ending a wrapped title, or a date, is not an item.
"""
from __future__ import annotations

import re

from ..model import AgendaItem
from .dates import find_dates
from .text import BULLET_RE, Para, plain

ITEM_RE = re.compile(r"^\s*(?:[-*•]\s*)?(?:\|\s*)?(\d{1,2})\.\s*(.*)$")  # never two runs of spaces side by side
NUMBER_ALONE_RE = re.compile(r"^\s*(?:item\s+)?(\d{1,2})[.)]?\s*$", re.I)
# From the start of a run of spaces only (the look-behind): tried at every space of a long run, it was quadratic.
PAGES_RE = re.compile(r"\(?(?<!\s)\s*Pages?\s+(\d+)(?:\s*[-–]\s*(\d+))?\s*\)?", re.I)
TO_FOLLOW_RE = re.compile(r"\(\s*to\s+follow\s*\)|(?<![\w-])to\s+follow\s*$", re.I)  # "(To follow)", not "to follow up"
AGENDA_HEADING_RE = re.compile(r"^(?:agenda|agenda item no\.?|item no\.?|items? of business)$", re.I)
# Who reports: run-together agenda lines are split before these words.
REPORTER_RE = re.compile(
    r"(?:Joint Report of |Report of )?(?:the )?(?:Chief Executive|Director|Assistant Director|Head of|"
    r"Lead Member|Cabinet Lead Member|County Solicitor|Chairman|Independent|Leicestershire and Rutland|"
    r"Chief Officer|Managing Director|Strategic Director|Executive Director)\b")
SPACED_RE = re.compile(r"^(?:\w ){3,}\w$")
# "7 24/00109 - Transfer the …": a number and its title with no full stop between, where the extractor joined
# the agenda's number column to its title column (never a date: "10 March 2025")
NUMBER_BESIDE_RE = re.compile(r"^\s*(\d{1,2})\s{1,4}(?=\S)(.+)$")
NEXT_MEETING_RE = re.compile(r"next meeting|future meetings?", re.I)
MAX_STEP = 5  # an item's number is at most this far past the one before (items withdrawn, "8A" items)


def parse_agenda(paras: tuple[Para, ...]) -> tuple[tuple[AgendaItem, ...], tuple]:
    """The agenda items in `paras` (a front sheet or a cover letter), and the future meeting dates listed
    under "Date of next meeting"."""
    start = next((i + 1 for i, p in enumerate(paras) if AGENDA_HEADING_RE.match(unspaced(p.plain).strip(" :"))), None)
    if start is None:
        return (), ()  # numbered lines in other text are not an agenda
    items: list[dict] = []
    future: list = []
    open_title = False  # the last item's title may still run on onto the next line
    for para in paras[start:]:
        text = para.plain
        row = _row_item(para) or _beside(para)
        alone = NUMBER_ALONE_RE.match(text)
        number = row[0] if row else int(alone.group(1)) if alone else None
        if alone and items and open_title and not _follows(items, number) and para.first - items[-1]["last"] <= 4 \
                and items[-1]["title"] and not items[-1]["title"][-1].endswith((".", ":", ")")):
            items[-1]["title"].append(text.rstrip("."))  # "… Procedure Rule" / "16.": the title's last word
            items[-1]["last"] = para.last
            continue
        if number is not None and _follows(items, number):
            if row:
                items.append(_item(row, para))
                open_title = not row[2]  # a row with its pages given is whole
            else:
                items.append({"number": number, "title": [], "report_by": None, "pages": None,
                              "line": para.first, "last": para.last, "to_follow": False})
                open_title = True
            continue
        if not items:
            continue
        item = items[-1]
        pages = PAGES_RE.search(text)
        first_line = open_title and not item["title"]  # the title under a number standing alone
        if pages and item["pages"] is None and (len(text) - len(pages.group(0)) < 4 or _adjacent(item, para)
                                                or first_line):
            item["pages"] = _pages(pages)
            rest = plain(text[:pages.start()] + " " + text[pages.end():])
            if rest and (_adjacent(item, para) or first_line):
                item["title"].append(rest)
            item["last"] = para.last
            continue
        if TO_FOLLOW_RE.fullmatch(text):
            item["to_follow"] = True
            item["last"] = para.last
            continue
        if open_title and _continues_title(item, para):
            item["title"].append(text)
            item["last"] = para.last
            continue
        open_title = False
        if NEXT_MEETING_RE.search(" ".join(item["title"]) + " " + text):
            future.extend(d for d, _, _ in find_dates(text))
    return tuple(_finished(i) for i in items if " ".join(i["title"]).strip()), tuple(sorted(set(future)))


def unspaced(text: str) -> str:
    """"A G E N D A", letter-spaced as some extractors give a heading, as "AGENDA"."""
    return text.replace(" ", "") if SPACED_RE.match(text) else text


def _follows(items: list[dict], number: int) -> bool:
    if not items:
        return True
    last = items[-1]["number"]
    return last < number <= last + MAX_STEP


def _adjacent(item: dict, para: Para) -> bool:
    """On the line right after the item's last line: part of the same item, not a note under the agenda."""
    return para.first == item["last"] + 1


def _continues_title(item: dict, para: Para) -> bool:
    text = para.plain
    if not item["title"]:
        return True  # the title under a number standing alone
    if not _adjacent(item, para) or len(text) > 160:
        return False
    title = " ".join(item["title"])
    capitals = sum(map(str.isupper, text)) >= 0.9 * max(sum(map(str.isalpha, text)), 1)
    return not (capitals and not title.isupper())  # "EXEMPT ITEMS" under a title in mixed case is not the title


def _row_item(para: Para) -> tuple[int, str, str, str | None] | None:
    """(number, title, pages text, who reports) of an agenda item printed as one row, else None."""
    raw = para.text.strip()
    if raw.startswith("- |") or raw.startswith("|"):
        cells = [plain(c) for c in raw.lstrip("- ").strip("|").split("|")]
    else:
        cells = [plain(c) for c in raw.split("\t")]
    cells = [c for c in cells if c]
    if not cells:
        return None
    cells[0] = BULLET_RE.sub("", cells[0], count=1)  # "▪ 2. Question Time.": a bullet, in any glyph
    # "8.\tCommissioning Intentions.\tDirector …": the number may sit in a cell of its own.
    if re.fullmatch(r"\d{1,2}\.?", cells[0]) and len(cells) > 1:
        cells = [f"{cells[0].rstrip('.')}. {cells[1]}", *cells[2:]]
    match = ITEM_RE.match(cells[0])
    if not match or not match.group(2).strip():
        return None
    title = match.group(2).strip()
    rest = cells[1:]
    pages_text = ""
    if rest and PAGES_RE.fullmatch(rest[-1]):
        pages_text = rest.pop()
    else:
        found = PAGES_RE.search(title)
        if found:
            pages_text = found.group(0)
            title = plain(title[: found.start()] + " " + title[found.end():])
    report_by = rest[0] if rest else None
    if report_by is None:
        title, report_by = _split_reporter(title)
    return int(match.group(1)), title, pages_text, report_by


def _beside(para: Para) -> tuple[int, str, str, str | None] | None:
    match = NUMBER_BESIDE_RE.match(para.plain)
    if not match or find_dates(para.plain) or len(match.group(2).split()) < 2:
        return None
    title = match.group(2)
    found = PAGES_RE.search(title)
    pages_text = found.group(0) if found else ""
    if found:
        title = plain(title[:found.start()] + " " + title[found.end():])
    return int(match.group(1)), title, pages_text, None


def _item(row: tuple[int, str, str, str | None], para: Para) -> dict:
    number, title, pages_text, report_by = row
    pages = PAGES_RE.search(pages_text)
    to_follow = bool(TO_FOLLOW_RE.search(para.plain))
    if to_follow:
        title = plain(TO_FOLLOW_RE.sub(" ", title))
        report_by = plain(TO_FOLLOW_RE.sub(" ", report_by)) or None if report_by else None
    return {"number": number, "title": [title], "report_by": report_by, "pages": _pages(pages) if pages else None,
            "line": para.first, "last": para.last, "to_follow": to_follow}


def _pages(match: re.Match) -> tuple[int, int]:
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def _finished(item: dict) -> AgendaItem:
    title = " ".join(item["title"]).strip()
    if TO_FOLLOW_RE.search(title):
        item["to_follow"] = True
        title = plain(TO_FOLLOW_RE.sub(" ", title))
    return AgendaItem(item["number"], title.removesuffix(".").strip(), item["report_by"], item["pages"],
                      item["line"], item["to_follow"])


def _split_reporter(title: str) -> tuple[str, str | None]:
    """"SEND and Inclusion. Director of Children and Family Services" -> title and who reports."""
    for match in re.finditer(r"\.\s+", title):
        after = title[match.end():]
        if REPORTER_RE.match(after):
            return title[: match.start() + 1], after.strip() or None
    return title, None
