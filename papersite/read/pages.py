"""The pack's pages: where each printed page begins, the number printed on it, and ModernGov's "Agenda Item N"
stamp on the first page of each document.

Every pack leaves its extractor with page breaks of some kind. pdftotext starts every page after the first
with a form feed (two on one line for a blank page): those breaks are exact. Text without form feeds still
shows where pages ended: a bare page number or "Page N" on its own line, a blank-page notice, and, where a
form feed was turned into a space, a first line that alone starts with one space. Those breaks are
inferred, and said to be (`Pages.exact`).

The agenda numbers its pages as the pack prints them ("Pages 5 - 12"), from the first page after the front
sheet; `Pages.index_of_printed` turns such a number into a page of this text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

FORM_FEED = "\f"
PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?(\d{1,3})\s*$", re.I)
PAGE_OF_RE = re.compile(r"^\W*page\s+(\d+)\s+of\s+\d+\W*$", re.I)
# Page numbers as word processors print them: "5 | P a g e", "Page | 5", "- 5 -"
PAGE_MARK_RE = re.compile(r"^\s*(?:(\d{1,3})\s*\|\s*p\s?a\s?g\s?e|p\s?a\s?g\s?e\s*\|\s*(\d{1,3})|[-–]\s*(\d{1,3})\s*[-–])\s*$",
                          re.I)
STAMP_RE = re.compile(r"^\s*agenda\s+item\s+(\d{1,3}[a-z]?)\.?\s*$", re.I)
LONE_SPACE_RE = re.compile(r"^ (?=\S)")
NUMBERED_LINE_RE = re.compile(r"^\s*\d{1,3}\.\s+\S")
STAMP_REACH = 4  # lines: a stamp stands just above the first line of the paper it marks
NEAR_BOUNDARY = 2  # a page number is among the last (or first) two non-blank lines of its page
BULLET_RUN = 8  # lines: bullets that lost their glyph are nearer than this to one another


@dataclass(frozen=True)
class Pages:
    starts: tuple[int, ...]  # the first line of each page, in order; starts[0] is 1
    printed: tuple[int | None, ...]  # each page's printed number, where one is printed
    stamps: tuple[tuple[int, str], ...]  # each "Agenda Item N" stamp: its line and N
    exact: bool  # the text gives its page breaks (form feeds); else they are inferred

    def __len__(self) -> int:
        return len(self.starts)

    def index_of(self, line: int) -> int:
        """The page (0-based) that holds `line`."""
        return max(bisect.bisect_right(self.starts, line) - 1, 0)

    def stamp_above(self, line: int) -> str | None:
        """The item a paper starting at `line` is stamped with: a stamp a few lines above it."""
        return next((item for at, item in self.stamps if 0 < line - at <= STAMP_REACH), None)

    def first_on_pages(self, paras) -> frozenset[int]:
        """The first lines of the paragraphs that open a page (the first text on it, below any running header
        or stamp)."""
        firsts, page = set(), None
        for para in paras:
            index = self.index_of(para.first)
            if index != page:
                firsts.add(para.first)
                page = index
        return frozenset(firsts)

    def number_of(self, index: int, front_pages: int) -> int | None:
        """The number the agenda gives page `index`: the one printed on it where it runs with the agenda's
        count, else counted from the first page after the front sheet (exact pages only); None before that
        page, or where the text does not say."""
        printed = self.printed[index] if index < len(self.printed) else None
        if printed is not None and self.index_of_printed(printed, front_pages) == index:
            return printed
        if self.exact and index >= front_pages:
            return index - front_pages + 1
        return None

    def index_of_printed(self, number: int, front_pages: int) -> int:
        """The page the agenda numbers `number`: counted from the first page after the front sheet, or, where
        the pack prints that number near there (a council's own combined pack), the page that prints it.
        A number printed far away belongs to a paper numbered from 1 again."""
        counted = number - 1 + front_pages
        printed = self._printed_index.get(number)
        if printed is not None and abs(printed - counted) <= max(3, number // 10):
            return printed
        return counted

    def __post_init__(self) -> None:
        object.__setattr__(self, "_printed_index", _agenda_numbering(self.printed))


def item_shifts(pages: Pages, front_pages: int, firsts: list[tuple[int, int]], agenda) -> dict[int, int]:
    """For each agenda item, how far the agenda's number for the first page of its first paper (`firsts`:
    (item, first line), in pack order) is from the count (`Pages.number_of`). A pack joined from separately
    published papers does not run with the agenda's count (each paper keeps its own length, the front sheet may
    be shorter): its items' pages are numbered from the page the agenda gives them, so that "(Pages 19 - 24)"
    lands where the item's paper begins. A shift larger than a joined pack's drift is not made: the count is
    kept, and the self-check has said the paper's pages differ from the agenda's."""
    wanted = {item.number: item.pages[0] for item in agenda if item.pages}
    shifts: dict[int, int] = {}
    for item, line in firsts:
        if item in wanted and item not in shifts:
            counted = pages.number_of(pages.index_of(line), front_pages)
            shift = wanted[item] - counted if counted is not None else 0
            shifts[item] = shift if abs(shift) <= max(3, wanted[item] // 10) else 0
    return {item: shift for item, shift in shifts.items() if shift}


def _agenda_numbering(printed: tuple[int | None, ...]) -> dict[int, int]:
    """Printed number -> page, for numbers that run on with the pages (7, 8, 9 on three pages in a row). Packs
    joined from separately published papers number each paper from 1 again: a number printed twice is not
    used, as it cannot say which page the agenda means."""
    seen: dict[int, list[int]] = {}
    for index, number in enumerate(printed):
        if number is not None:
            seen.setdefault(number, []).append(index)
    running = {}
    for number, indexes in seen.items():
        if len(indexes) != 1:
            continue
        index = indexes[0]
        neighbours = sum(1 for step in (-1, 1) if 0 <= index + step < len(printed)
                         and printed[index + step] == number + step)
        if neighbours:
            running[number] = index
    return running


def form_feed_starts(lines: tuple[str, ...]) -> list[int]:
    """First lines of pages by form feed; [] when the text has none. Each form feed starts a page, so two on
    one line (a blank page) give that line twice; the form feed that ends the file starts no page."""
    starts = [1]
    for number, line in enumerate(lines, start=1):
        starts.extend([number] * (len(line) - len(line.lstrip(FORM_FEED))))
    if len(starts) == 1:
        return []
    while len(starts) > 1 and not any(line.strip(FORM_FEED + " \t") for line in lines[starts[-1] - 1:]):
        starts.pop()  # nothing after the last form feed
    return starts


def page_number(line: str) -> int | None:
    """The number of a page-number line ("12", "Page 12", "Page 12 of 40"), or None."""
    text = line.replace(FORM_FEED, "")
    match = PAGE_NUMBER_RE.match(text) or PAGE_OF_RE.match(text) or PAGE_MARK_RE.match(text)
    return int(next(g for g in match.groups() if g)) if match else None


def near_boundaries(lines: tuple[str, ...], starts: list[int]) -> set[int]:
    """Lines among the first and last non-blank lines of each page."""
    near: set[int] = set()
    bounds = [*starts, len(lines) + 1]
    for first, after in zip(bounds, bounds[1:]):
        filled = [n for n in range(first, after) if lines[n - 1].strip(FORM_FEED + " \t")]
        near.update(filled[:NEAR_BOUNDARY])
        near.update(filled[-NEAR_BOUNDARY:])
    return near


def paginate(lines: tuple[str, ...], debris: dict[int, str], form_feeds: list[int], hard_wrapped: bool) -> Pages:
    """The pages of the text: by its form feeds, else inferred from page numbers, blank-page notices and
    lines that start a page with a single space."""
    if form_feeds:
        starts, exact = form_feeds, True
    else:
        starts, exact = _inferred_starts(lines, debris, hard_wrapped), False
    printed: list[int | None] = [None] * len(starts)
    stamps: list[tuple[int, str]] = []
    pages = Pages(tuple(starts), (), (), exact)
    for number, kind in sorted(debris.items()):
        index = pages.index_of(number)
        if kind == "page number":
            if printed[index] is None:  # an inferred break follows its page number: the number is its page's
                printed[index] = page_number(lines[number - 1])
        elif kind == "agenda item stamp":
            stamps.append((number, STAMP_RE.match(lines[number - 1].replace(FORM_FEED, "")).group(1).upper()))
    return Pages(tuple(starts), tuple(printed), tuple(stamps), exact)


def _inferred_starts(lines: tuple[str, ...], debris: dict[int, str], hard_wrapped: bool) -> list[int]:
    starts = {1}
    for number, kind in debris.items():
        if kind in ("page number", "blank-page notice"):
            nxt = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
            if nxt:
                starts.add(nxt)
    if hard_wrapped:
        starts.update(lone_space_starts(lines))
    return sorted(starts)


def lone_space_starts(lines: tuple[str, ...]) -> list[int]:
    """In hard-wrapped text whose form feeds became spaces, a page's first line alone starts with one space;
    bullets whose glyph was lost start so too, but come in runs, and never read as the heading of a paper."""
    marked = [n for n, line in enumerate(lines, start=1) if LONE_SPACE_RE.match(line) and line.strip()]

    def linked(a: int, b: int) -> bool:  # bullets of one list: near, with no numbered paragraph between
        return b - a <= BULLET_RUN and not any(NUMBERED_LINE_RE.match(lines[n - 1]) for n in range(a + 1, b))

    alone = []
    for i, n in enumerate(marked):
        in_run = (i and linked(marked[i - 1], n)) or (i + 1 < len(marked) and linked(n, marked[i + 1]))
        if not in_run or opens_a_paper(lines[n - 1]):
            alone.append(n)
    return alone


OPENING_RE = re.compile(r"^(?:minutes of (?:a|the)\b|(?:appendix|annex|enclosure)\s+[A-Z0-9]{1,3}\b|agenda\b)", re.I)


def opens_a_paper(line: str) -> bool:
    """A line that reads as the first of a paper: "Minutes of a meeting …", "Appendix 1 - …", or a heading in
    capitals."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    return bool(OPENING_RE.match(text)) or (len(letters) >= 4 and sum(map(str.isupper, letters)) >= 0.9 * len(letters))
