"""Follow-ups: resolutions that ask for something to come back to the committee, and whether it has.

"That a report be presented to the next meeting of the Committee around Young People who are Not in
Education, Employment or Training (NEET)" is answered by a later report of the same committee whose
title names the subject, if the archive has one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.matching import words
from ..model import Archive, Document

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
    by_committee: dict[str, list] = {}  # each committee's meetings, oldest first
    for meeting in sorted(archive.meetings, key=lambda m: m.date):
        by_committee.setdefault(meeting.committee, []).append(meeting)
    titles: dict[str, set[str]] = {}  # report id -> the words of its title and its agenda item's: found once
    for doc in archive.documents:
        if doc.kind != "minutes":
            continue
        for item in doc.details.items:
            for k, resolution in enumerate(item.resolutions, start=1):
                ask = ASK_RE.search(resolution)
                if not ask:
                    continue
                subject = _subject(resolution[ask.end():])
                answer = _answer(archive, doc, subject, by_committee, titles)
                found.append(FollowUp(f"{doc.meeting}/minute-{item.number}-{k}", doc.meeting, doc.id, item.number,
                                      resolution, subject, answer.id if answer else None))
    return tuple(sorted(found, key=lambda f: f.id))


def _subject(rest: str) -> str:
    match = SUBJECT_RE.search(rest)
    text = match.group("subject") if match else rest
    return SUBJECT_END_RE.split(text, maxsplit=1)[0].strip(" .,;")


def _answer(archive: Archive, minutes: Document, subject: str, by_committee: dict[str, list],
            titles: dict[str, set[str]]) -> Document | None:
    """The first later report of the same committee whose title covers the subject."""
    asked = archive.meeting(minutes.meeting)
    wanted = {w for w in words(subject) if w not in VAGUE_WORDS} or words(subject)
    if not wanted:
        return None
    for meeting in by_committee[asked.committee]:
        if meeting.date <= asked.date:
            continue
        for doc_id in meeting.documents:
            doc = archive.document(doc_id)
            if doc.kind != "report":
                continue
            if doc_id not in titles:
                titles[doc_id] = words(doc.title) | words(_agenda_title(meeting, doc))
            if len(wanted & titles[doc_id]) >= max(1, round(0.5 * len(wanted))):
                return doc
    return None


def _agenda_title(meeting, doc: Document) -> str:
    return next((item.title for item, ids in meeting.agenda if doc.id in ids), "")
