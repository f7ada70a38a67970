"""Match each report in a pack to the agenda item it was written for.

Report headings and agenda titles often differ ("Engagement of the Council's
Strategic Plan" against "ENGAGEMENT ON THE COUNCIL'S STRATEGIC PLAN"), and one
item may carry two reports. Reports come in agenda order, so each report is
matched to the best-scoring item at or after the previous report's item.
"""
from __future__ import annotations

import re

from ..model import AgendaItem

STOP_WORDS = {"a", "an", "and", "the", "of", "on", "for", "to", "in", "s", "report", "reports", "with", "by", "from"}
# Agenda items that never carry a report of their own.
PROCEDURAL_RE = re.compile(r"^(?:minutes|question|declarations|presentation of petitions|to advise|date of (?:the )?next|"
                           r"any other items|urgent items|apologies|appointment of|election of|"
                           r"(?:chair(?:man)?['’]?s )?announcements|(?:cabinet )?member updates)", re.I)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("'", "")) if w not in STOP_WORDS}


def title_share(title: str, text: str) -> float:
    """How much of a title (its words, less the small ones) `text` carries."""
    wanted = words(title)
    return len(wanted & words(text)) / len(wanted) if wanted else 0.0


def score(item: AgendaItem, title: str) -> float:
    return title_share(item.title, title)


def match_reports(agenda: tuple[AgendaItem, ...], titles: list[str], fits: list[dict[int, int] | None] | None = None,
                  stamps: list[str | None] | None = None) -> list[AgendaItem | None]:
    """The agenda item of each report. `fits` holds, for each report, the items whose pages (as the agenda
    gives them) hold the report's first page, with how far outside their range it falls, where the pack's
    pages are known; `stamps` the item its first page is stamped with ("Agenda Item 7")."""
    candidates = [item for item in agenda if not PROCEDURAL_RE.match(item.title)]
    matched: list[AgendaItem | None] = []
    position = 0  # index into candidates of the previous report's item
    for k, title in enumerate(titles):
        stamp = stamps[k] if stamps else None
        stamped = next((item for item in agenda if stamp and str(item.number) == stamp.rstrip("ABCDEFGH")), None)
        if stamped is not None:
            matched.append(stamped)
            position = next((i for i, c in enumerate(candidates) if c is stamped), position)
            continue
        fit = fits[k] if fits else None
        best, best_score = None, 0.0
        for index in range(position, len(candidates)):
            outside = fit.get(candidates[index].number) if fit else None
            value = score(candidates[index], title) + (0.0 if outside is None else 0.5 if outside == 0 else 0.25)
            if value > best_score:
                best, best_score = index, value
        if best is None or best_score < 0.34:
            # No title in common: take the next item in order, as the pack does.
            taken = {id(m) for m in matched if m}
            best = next((i for i in range(position, len(candidates)) if id(candidates[i]) not in taken), None)
        matched.append(candidates[best] if best is not None else None)
        position = best if best is not None else position
    return matched
