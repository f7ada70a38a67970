"""Follow-ups: resolutions that ask for something to come back to the committee, and whether it has.

"That a report be presented to the next meeting of the Committee around Young People who are Not in
Education, Employment or Training (NEET)" is answered by a later report of the same committee whose
title names the subject, if the archive has one.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..read.matching import words
from ..model import Archive, Document, Meeting

ASK_RE = re.compile(r"\b(?:report|update|presentation)\b.*?\b(?:be|would be|will be|to be|is to be)\s+"
                    r"(?:presented|submitted|brought|provided|considered|made)\b.*?"
                    r"\b(?P<when>next|future|later|further|subsequent)\b.*?\bmeeting\b", re.I)
SUBJECT_RE = re.compile(r"\b(?:around|on|regarding|about|concerning|into|covering)\s+(?P<subject>.+)$", re.I)
SUBJECT_END_RE = re.compile(r"(?<!\s)\s+and this would\b|;|\.\s|\.$")  # a run of spaces tried once, from its start
VAGUE_WORDS = {"who", "are", "not", "work", "undertaken", "update", "progress", "young", "people", "committee"}


@dataclass(frozen=True)
class FollowUp:
    id: str  # "<meeting id>/minute-<n>-<k>"
    meeting: str  # the meeting that asked
    minutes: str  # the minutes document that records the resolution
    minute: int  # the minute item's number
    resolution: str
    subject: str
    answered_by: str | None  # id of the later report that answers it


def find_follow_ups(archive: Archive) -> tuple[FollowUp, ...]:
    found = []
    reports = _ReportsInOrder(archive)
    for doc in archive.documents:
        if doc.kind != "minutes":
            continue
        for item in doc.details.items:
            for k, resolution in enumerate(item.resolutions, start=1):
                ask = ASK_RE.search(resolution)
                if not ask:
                    continue
                subject = _subject(resolution[ask.end():])
                answer = reports.answer(archive.meeting(doc.meeting), subject)
                found.append(FollowUp(f"{doc.meeting}/minute-{item.number}-{k}", doc.meeting, doc.id, item.number,
                                      resolution, subject, answer))
    return tuple(sorted(found, key=lambda f: f.id))


def _subject(rest: str) -> str:
    match = SUBJECT_RE.search(rest)
    text = match.group("subject") if match else rest
    return SUBJECT_END_RE.split(text, maxsplit=1)[0].strip(" .,;")


class _ReportsInOrder:
    """Each committee's reports, its meetings oldest first, with the words of each one's title and its agenda
    item's, and for each word the reports that have it: a resolution's answer is sought among the reports
    that share a word with its subject, not in every later report (each resolution read every report of
    the years after it: a quarter of a rebuild's connect stage)."""

    def __init__(self, archive: Archive):
        self.reports: dict[str, list[tuple[str, set[str]]]] = {}  # committee -> (report id, its words), in order
        self.dates: dict[str, list] = {}  # committee -> the date of each of those reports' meeting
        self.having: dict[str, dict[str, list[int]]] = {}  # committee -> word -> places in its list
        for meeting in sorted(archive.meetings, key=lambda m: m.date):
            for doc_id in meeting.documents:
                doc = archive.document(doc_id)
                if doc.kind != "report":
                    continue
                listed = self.reports.setdefault(meeting.committee, [])
                titled = words(doc.title) | words(_agenda_title(meeting, doc))
                for word in titled:
                    self.having.setdefault(meeting.committee, {}).setdefault(word, []).append(len(listed))
                listed.append((doc_id, titled))
                self.dates.setdefault(meeting.committee, []).append(meeting.date)

    def answer(self, asked: Meeting, subject: str) -> str | None:
        """The first report of a later meeting of the same committee whose title covers the subject."""
        wanted = {w for w in words(subject) if w not in VAGUE_WORDS} or words(subject)
        if not wanted or asked.committee not in self.reports:
            return None
        later = bisect.bisect_right(self.dates[asked.committee], asked.date)
        having = self.having.get(asked.committee, {})  # none: its reports' titles are all common words
        needed = max(1, round(0.5 * len(wanted)))
        for place in sorted({p for w in wanted for p in having.get(w, ()) if p >= later}):
            doc_id, titled = self.reports[asked.committee][place]
            if len(wanted & titled) >= needed:
                return doc_id
        return None


def _agenda_title(meeting, doc: Document) -> str:
    return next((item.title for item, ids in meeting.agenda if doc.id in ids), "")
