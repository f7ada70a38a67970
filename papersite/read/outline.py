"""The outline of a pack: where each of its documents starts, of what kind, and for which agenda item.

A clerk reads a pack through its agenda, its table of contents: the items, and the pages each item's papers
take. The outline is found the same way. The headings of each kind of document (`headings`) and ModernGov's
"Agenda Item N" stamps say where documents start; the agenda says which item each is for and how far its
pages run, so that a heading printed inside another item's pages (an appendix that is an earlier report, with
its own "From:/To:/Subject:") is taken for part of that item, not for a report of its own. A report's own
text then ends where its appendices begin (`reports`, `appendices`).

Where the reading is wrong, the clerk writes the outline into the pack's sidecar and the build follows it
(`given_outline`); `check FILE --outline` prints the outline found, ready to edit.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from ..model import Appendix, FrontSheet, Report
from .appendices import name_appendices, split_appendices
from .dates import find_date
from .frontsheet import parse_front_sheet
from .headings import is_upper, report_heading_size, starts_guide, starts_minutes
from .matching import match_reports, title_share
from .pages import Pages
from .reports import LABEL_WORD, parse_heading, split_report
from .text import Para

FRONT_SHEET_RE = re.compile(r"^(?:meeting:|date/time:|agenda$|agenda item no\.?$|summons\b|dear (?:member|councillor))",
                            re.I)
KINDS = ("front-sheet", "guide", "minutes", "report", "appendix", "document")
HEADING_LINES = 3  # lines above "Minutes of a meeting" on its page that name the council and the body
STAMP_HEADING = 3  # paras: a heading recognised this near under a stamp is the stamped paper's
HEAD_PARAS = 5  # the paras at the top of a page where a paper's title stands
FOUND_BY_TITLE = 0.6  # share of an agenda item's title words a page's first lines must carry to start its paper


@dataclass(frozen=True)
class Part:
    """One document of the pack: paras[start:end]."""
    kind: str  # one of KINDS
    start: int
    end: int
    heading: int = 0  # reports: how many paras its heading takes
    agenda_item: int | None = None
    title: str | None = None  # as the clerk's outline gives it, or (appendices) as found or listed
    label: str | None = None  # appendices
    listed: bool = True  # appendices: the report lists it
    parent: int | None = None  # appendices: the index in the outline of their report


@dataclass
class Outline:
    parts: list[Part]
    front: FrontSheet | None
    missing: dict[int, list[Appendix]] = field(default_factory=dict)  # report part index -> listed, absent
    details: dict[int, Report] = field(default_factory=dict)  # report part index -> what it says of itself
    given: bool = False  # the clerk's, from the sidecar
    front_pages: int = 0  # pages before the first paper (the agenda numbers pages from the next)


@dataclass(frozen=True)
class Reading:
    """What the outline is found from: the pack's paragraphs and pages, and its agenda."""
    paras: tuple[Para, ...]
    pages: Pages
    blank_after: set[int]  # last lines of paras a blank-page notice follows
    firsts: frozenset[int]  # first lines of the paras that open a page
    agenda: tuple = ()
    front_pages: int = 0  # pages before the first paper (the agenda numbers pages from the next)
    marked: frozenset[int] = frozenset()  # first lines of pages a PDF's bookmarks name as an appendix's

    def fits(self, line: int, agenda=None) -> dict[int, int] | None:
        """The agenda items whose pages (as the agenda numbers them) hold `line`, each with how many pages
        outside its range the line falls (0 inside it; packs joined from separately published papers lose
        blank pages, so later pages drift a little from the agenda's numbers). None where the pack's pages are
        not exact."""
        agenda = self.agenda if agenda is None else agenda
        if not self.pages.exact or not agenda:
            return None
        page = self.pages.index_of(line)
        found = {}
        for item in agenda:
            if item.pages:
                first = self.pages.index_of_printed(item.pages[0], self.front_pages)
                last = self.pages.index_of_printed(item.pages[1], self.front_pages)
                outside = max(first - page, page - last, 0)
                if outside <= max(2, item.pages[0] // 25):
                    found[item.number] = outside
        return found

    def split(self, start: int, end: int):
        """A report's paras[start:end] (after its heading) as its own text, what follows it, and its details."""
        return split_report(self.paras[start:end], self.blank_after, self.firsts, self.pages.exact)


def find_outline(paras: tuple[Para, ...], pages: Pages, blank_after: set[int], bookmarks=()) -> Outline:
    """`bookmarks`: a PDF's (pdf.Bookmark): a page a bookmark names as an appendix starts one."""
    starts = _starts(paras, pages)
    front_end = starts[0][0] if starts else len(paras)
    front = parse_front_sheet(paras[:front_end]) if front_end else None
    if front is not None and not (front.agenda or any(FRONT_SHEET_RE.match(p.plain) for p in paras[:front_end])):
        front = None
    if front is None and starts and front_end:
        index, kind, heading = starts[0]
        starts[0] = (0, kind, heading + index if kind == "report" else 0)  # what comes first joins the first paper
    if front is None and not starts:
        return Outline([Part("document", 0, len(paras))] if paras else [], None)
    front_pages = pages.index_of(paras[front_end].first) if front is not None and front_end < len(paras) else 0
    reading = Reading(paras, pages, blank_after, pages.first_on_pages(paras), front.agenda if front else (),
                      front_pages, _appendix_pages(paras, pages, bookmarks))
    outline = _outline_of(reading, starts, front, front_end, {})
    # The agenda is a way in too: a paper no heading was recognised for is looked for by its title.
    found = _found_by_agenda(reading, outline)
    if found:
        starts = sorted(starts + [(index, "report", heading) for index, heading, _ in found])
        outline = _outline_of(reading, starts, front, front_end, {index: item for index, _, item in found})
    return outline


# "Appendix B", "Annex 2": the word in any case, the label as labels are printed (not "an annex to the report")
BOOKMARKED_APPENDIX_RE = re.compile(rf"\b(?i:{LABEL_WORD})\s+(?:[A-Z]|\d{{1,3}})\b")


def _appendix_pages(paras: tuple[Para, ...], pages: Pages, bookmarks) -> frozenset[int]:
    """The first line of each page a bookmark names as an appendix ("… - Appendix B - EqIA"): ModernGov
    bookmarks every paper of the pack it joins, and an appendix may print no label or title of its own."""
    wanted = {b.page for b in bookmarks if BOOKMARKED_APPENDIX_RE.search(b.title)}
    firsts, seen = set(), set()
    for para in paras:
        page = pages.index_of(para.first)
        if page in wanted and page not in seen:
            seen.add(page)
            firsts.add(para.first)
    return frozenset(firsts)


def _outline_of(reading: Reading, starts, front, front_end: int, forced: dict) -> Outline:
    parts: list[Part] = [Part("front-sheet", 0, front_end)] if front is not None else []
    for n, (index, kind, heading) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(reading.paras)
        parts.append(Part(kind, index, end, heading))
    outline = Outline(parts, front, front_pages=reading.front_pages)
    _place_papers(reading, outline, forced)
    return outline


def _found_by_agenda(reading: Reading, outline: Outline):
    """(para index, heading size, agenda item) for each agenda item that should have a paper but got none,
    where a page (or the text after a blank-page notice) inside another paper opens with the item's title."""
    paras = reading.paras
    present = {p.agenda_item for p in outline.parts if p.kind in ("report", "minutes") and p.agenda_item is not None}
    wanted = [a for a in reading.agenda if (a.pages or a.report_by) and a.number not in present and not a.to_follow]
    if not wanted:
        return []
    openers = reading.firsts | {paras[k].first for k in range(1, len(paras)) if paras[k - 1].last in reading.blank_after}
    starts = {p.start: p for p in outline.parts}
    candidates = [k for k in range(1, len(paras)) if paras[k].first in openers and (
        k not in starts or (starts[k].kind == "appendix" and not starts[k].listed and not starts[k].label))]
    after_front = next((p.end for p in outline.parts if p.kind == "front-sheet"), 1)
    found = []
    for item in wanted:
        lower = max((p.start for p in outline.parts if p.agenda_item is not None and p.agenda_item < item.number
                     and p.kind in ("report", "minutes")), default=after_front - 1)
        upper = min((p.start for p in outline.parts if p.agenda_item is not None and p.agenda_item > item.number
                     and p.kind in ("report", "minutes")), default=len(paras))
        scored = [(title_share(item.title, _head(paras, k)), k) for k in candidates if lower < k < upper]
        best = max(scored, default=None)
        if best and best[0] >= FOUND_BY_TITLE:
            found.append((best[1], _heading_lines(paras, best[1]), item))
    return found


def _head(paras: tuple[Para, ...], k: int) -> str:
    return " ".join(p.plain for p in paras[k:k + HEAD_PARAS])[:300]


def _heading_lines(paras: tuple[Para, ...], k: int) -> int:
    """How many paras head a paper found by its title or stamp: its lines in capitals (committee, date,
    title), if any."""
    size = 0
    while k + size < len(paras) and size < HEAD_PARAS and (
            is_upper(paras[k + size].plain) or (find_date(paras[k + size].plain) and len(paras[k + size].plain) < 30)):
        size += 1
    return size


def _starts(paras: tuple[Para, ...], pages: Pages) -> list[tuple[int, str, int]]:
    """(para index, kind, heading size) of every document a heading or a stamp starts."""
    starts: list[tuple[int, str, int]] = []
    i = 0
    while i < len(paras):
        size = report_heading_size(paras, i)
        if size:
            starts.append((i, "report", size))
            i += size
            continue
        if starts_minutes(paras, i):
            starts.append((_minutes_top(paras, i, pages, starts[-1][0] if starts else -1), "minutes", 0))
        elif starts_guide(paras[i]):
            starts.append((i, "guide", 0))
        i += 1
    # An "Agenda Item N" stamp starts a paper: where no heading was recognised just under it, one starts at the
    # text under the stamp.
    started = {k for index, _, heading in starts for k in range(index, index + max(heading, 1))}
    firsts = [p.first for p in paras]
    for line, _ in pages.stamps:
        under = bisect.bisect_right(firsts, line)
        if under < len(paras) and not started & set(range(under, under + STAMP_HEADING)):
            starts.append((under, "report", _heading_lines(paras, under)))
            started.add(under)
    return sorted(starts)


def _first_on_page(paras: tuple[Para, ...], i: int, pages: Pages) -> bool:
    return i == 0 or pages.index_of(paras[i - 1].last) != pages.index_of(paras[i].first)


def _minutes_top(paras: tuple[Para, ...], i: int, pages: Pages, previous: int) -> int:
    """Minutes start at the top of their page when only a line or two naming the council and the body stand
    above "Minutes of a meeting" ("KENT COUNTY COUNCIL" / "CABINET")."""
    if not pages.exact:
        return i
    page = pages.index_of(paras[i].first)
    top = i
    while top - 1 > previous and i - (top - 1) <= HEADING_LINES and pages.index_of(paras[top - 1].first) == page \
            and len(paras[top - 1].plain) <= 80 and (is_upper(paras[top - 1].plain) or top - 1 == i - 1):
        top -= 1
    return top if _first_on_page(paras, top, pages) else i


def _place_papers(reading: Reading, outline: Outline, forced: dict) -> None:
    """Give each report its agenda item, take headings inside a report's pages for its appendices, and cut
    each report's own text from its appendices. `forced` holds the agenda items whose papers the agenda found
    (by the para each starts at): a paper found so with no heading takes its item's title."""
    paras = reading.paras
    reports = [n for n, p in enumerate(outline.parts) if p.kind == "report"]
    firsts = [paras[outline.parts[n].start].first for n in reports]
    titles = [parse_heading(paras[outline.parts[n].start:outline.parts[n].start + outline.parts[n].heading])[2]
              for n in reports]
    matched = match_reports(reading.agenda, titles, [reading.fits(line) for line in firsts],
                            [reading.pages.stamp_above(line) for line in firsts]) \
        if reading.agenda else [None] * len(reports)
    items, named = {}, {}
    for n, item in zip(reports, matched):
        start = outline.parts[n].start
        items[n] = forced[start].number if start in forced else item.number if item else None
        if start in forced and not outline.parts[n].heading:
            named[n] = forced[start].title
    parts: list[Part] = []
    missing: dict[int, list[Appendix]] = {}
    details: dict[int, Report] = {}
    current: dict | None = None

    def finish():
        if current is not None:
            placed, absent, details[len(parts)] = _report_and_appendices(reading, current, len(parts))
            if absent:
                missing[len(parts)] = absent
            parts.extend(placed)

    for n, part in enumerate(outline.parts):
        if part.kind != "report":
            finish()
            current = None
            parts.append(replace(part, agenda_item=_minutes_item(reading, part) if part.kind == "minutes" else None))
            continue
        if current is not None and _inside(reading, current, part, items[n]):
            current["end"] = part.end
            current["must_start"].add(paras[part.start].first)
            continue
        finish()
        current = {"part": replace(part, agenda_item=items[n], title=named.get(n, part.title)), "end": part.end,
                   "must_start": set(reading.marked)}
    finish()
    outline.parts, outline.missing, outline.details = parts, missing, details


def _inside(reading: Reading, current: dict, part: Part, item: int | None) -> bool:
    """Is a report heading at `part` one of the current report's appendices? Yes when it is for the same
    agenda item, or the agenda's pages put it inside the report's, and the report lists appendices not yet
    found."""
    report = current["part"]
    line = reading.paras[part.start].first
    same_item = item is not None and item == report.agenda_item
    ranges = {a.number: a.pages for a in reading.agenda if a.pages}
    inside_pages = False
    if reading.pages.exact and report.agenda_item in ranges:
        first, last = ranges[report.agenda_item]
        page = reading.pages.index_of(line)
        inside_pages = reading.pages.index_of_printed(first, reading.front_pages) < page \
            <= reading.pages.index_of_printed(last, reading.front_pages)
        if item is not None and item != report.agenda_item and (reading.fits(line) or {}).get(item) == 0:
            return False  # its own item's pages hold it too: a report of its own
    if not (same_item or inside_pages):
        return False
    _, rest, details = reading.split(report.start + report.heading, current["end"])
    found = split_appendices(rest, details.listed_appendices, reading.blank_after, reading.firsts,
                             frozenset(current["must_start"]), not reading.pages.exact)
    return len(details.listed_appendices) > len(found)


def _report_and_appendices(reading: Reading, current: dict, at: int):
    """The report's part, cut at the end of its own text, a part for each appendix after it, the listed
    appendices not found, and what the report says of itself (its sections, contacts, list of appendices)."""
    report: Part = current["part"]
    paras = reading.paras
    start, end = report.start, current["end"]
    must_start = frozenset(current["must_start"])
    body, rest, details = reading.split(start + report.heading, end)
    body_end = start + report.heading + len(body)
    inner = [k for k in range(start + report.heading, body_end) if paras[k].first in must_start]
    if inner:  # a heading the agenda puts among the appendices ends the report's own text
        body_end = inner[0]
        rest = paras[body_end:end]
    groups = split_appendices(tuple(rest), details.listed_appendices, reading.blank_after, reading.firsts, must_start,
                              not reading.pages.exact)
    found, absent = name_appendices(groups, details.listed_appendices, details.mentioned_appendices)
    placed = [replace(report, end=body_end)]
    offset = body_end
    for appendix in found:
        placed.append(Part("appendix", offset, offset + len(appendix.paras), agenda_item=report.agenda_item,
                           title=appendix.title, label=appendix.label, listed=appendix.listed, parent=at))
        offset += len(appendix.paras)
    return placed, absent, details


def _minutes_item(reading: Reading, part: Part) -> int | None:
    """The agenda item that carries a set of minutes: the one whose pages hold them, else the first item
    about minutes."""
    about = [a for a in reading.agenda if re.search(r"\bminutes\b", a.title, re.I)]
    fit = reading.fits(reading.paras[part.start].first, about)
    if fit:
        return min(fit, key=lambda number: (fit[number], number))
    return about[0].number if about else None
