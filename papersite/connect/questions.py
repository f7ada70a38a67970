"""Every question asked at a meeting, by residents at Question Time and by members, in one register."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Archive, Question


@dataclass(frozen=True)
class AskedQuestion:
    id: str  # "question-<yyyy-mm-dd>-<n>": the permalink on the questions page
    meeting: str
    date: date
    minutes: str  # the minutes document
    minute: int  # the minute item it was asked under
    by_member: bool  # asked by a councillor under Standing Orders, not a resident at Question Time
    question: Question


def collect_questions(archive: Archive) -> tuple[AskedQuestion, ...]:
    found = []
    for doc in archive.documents:
        if doc.kind != "minutes":
            continue
        when = archive.meeting(doc.meeting).date
        n = 0
        for item in doc.details.items:
            for question in item.questions:
                n += 1
                by_member = "member" in item.title.lower() or question.asker.rstrip(" ,.").endswith("CC")
                found.append(AskedQuestion(f"question-{when.isoformat()}-{n}", doc.meeting, when, doc.id,
                                           item.number, by_member, question))
    return tuple(sorted(found, key=lambda q: (q.date, q.id), reverse=True))
