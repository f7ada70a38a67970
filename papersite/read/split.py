"""Split one cleaned source text into its documents.

An agenda pack is, in order: a front sheet with the agenda, the standard
"questioning by members" page, the minutes of the previous meeting, and the
reports (each followed by its appendices). Any of these may be missing, and the
documents may follow each other with or without a blank-page notice. The
splitter looks for the headings that start each kind of document; what lies
between two starts belongs to the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_date
from .text import Para

MINUTES_START_RE = re.compile(r"^minutes of (?:a|the) (?:\w+ )?meeting of\b", re.I)
FRONT_SHEET_RE = re.compile(r"^(?:meeting:|date/time:|agenda$)", re.I)
QUESTIONING_RE = re.compile(r"^questioning by members of overview and scrutiny\b", re.I)
REPORT_OF_RE = re.compile(r"^(?:joint )?report (?:of|from|by)\b", re.I)
COMMITTEE_WORD_RE = re.compile(r"\b(?:scrutiny|committee|cabinet|council|board|panel)\b", re.I)


@dataclass(frozen=True)
class Segment:
    kind: str  # "front-sheet", "questioning-guide", "minutes", "report", "document"
    paras: tuple[Para, ...]
    heading_size: int = 0  # for reports: how many paras form the committee/date/title/"report of" heading


def is_upper(text: str) -> bool:
    if len(text) > 250:
        return False  # a heading is never this long: no need to count its letters
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


def report_heading_size(paras: tuple[Para, ...], i: int) -> int:
    """If a report heading starts at paras[i], how many paras it takes; else 0.

    A heading is a block of capitals naming the committee, with the meeting date
    in it or just below, then the title and "REPORT OF THE …" in either order.
    """
    first = paras[i].plain
    if not is_upper(first) or REPORT_OF_RE.match(first):
        return 0
    if not COMMITTEE_WORD_RE.search(first):
        # "CHILDREN AND FAMILY SERVICES OVERVIEW AND" / "SCRUTINY COMMITTEE - 2 NOVEMBER 2021"
        follows = paras[i + 1] if i + 1 < len(paras) else None
        if not (follows and follows.first == paras[i].last + 1 and COMMITTEE_WORD_RE.search(follows.plain)):
            return 0
    window = paras[i:i + 8]
    heading_text = ""
    report_of_at = None
    for offset, para in enumerate(window):
        if offset and not is_upper(para.plain):
            break
        heading_text += " " + para.plain
        if REPORT_OF_RE.match(para.plain):
            report_of_at = offset
    if report_of_at is None or find_date(heading_text) is None:
        return 0
    size = report_of_at + 1
    # The title may come after "REPORT OF …" (and the role may wrap onto a second line).
    while size < len(window) and is_upper(window[size].plain) and size < 8:
        size += 1
    return size


def split(paras: tuple[Para, ...]) -> list[Segment]:
    starts: list[tuple[int, str, int]] = []  # (para index, kind, heading size)
    i = 0
    while i < len(paras):
        text = paras[i].plain
        size = report_heading_size(paras, i)
        if size:
            starts.append((i, "report", size))
            i += size
            continue
        if MINUTES_START_RE.match(text):
            starts.append((i, "minutes", 0))
        elif QUESTIONING_RE.match(text):
            starts.append((i, "questioning-guide", 0))
        i += 1
    front = _front_sheet_end(paras, starts)
    segments = []
    if front:
        segments.append(Segment("front-sheet", paras[:front]))
    elif not starts:
        return [Segment("document", paras)] if paras else []
    elif starts[0][0] > 0:
        # Text before the first recognised document: keep it with that document.
        starts[0] = (0, starts[0][1], starts[0][2] + (starts[0][0] if starts[0][1] == "report" else 0))
    for n, (index, kind, size) in enumerate(starts):
        if index < front:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paras)
        segments.append(Segment(kind, paras[max(index, front):end], size))
    return segments


def _front_sheet_end(paras: tuple[Para, ...], starts: list[tuple[int, str, int]]) -> int:
    """The front sheet runs from the top to the first other document, if the top looks like one."""
    first_other = starts[0][0] if starts else len(paras)
    if any(FRONT_SHEET_RE.match(p.plain) for p in paras[:first_other]):
        return first_other
    return 0
