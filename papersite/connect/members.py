"""Committee members, from the minutes' PRESENT lists, the front sheets' membership and the questions they asked.

The papers print one person several ways ("Mrs. H. J. Fryer CC", "Mrs. H. Fryer CC", "Mrs H Fryer CC"),
so people are matched on surname and first initial.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Archive
from ..read.people import TITLE_RE

HONORIFIC_RE = re.compile(rf"^{TITLE_RE}\s+", re.I)
CHAIR_RE = re.compile(r"\bchair", re.I)  # "Chairman", "Chair", "Vice-Chairman"


@dataclass
class Member:
    slug: str
    name: str  # the fullest form the papers print
    attended: list[str] = field(default_factory=list)  # meeting ids, from PRESENT lists
    member_at: list[str] = field(default_factory=list)  # meeting ids whose front sheet lists them
    questions: list[str] = field(default_factory=list)  # AskedQuestion ids
    chaired: dict[str, str] = field(default_factory=dict)  # meeting id -> the role as printed ("Chairman")

    @property
    def url(self) -> str:
        return member_page(self.slug)


def member_key(name: str) -> str | None:
    """"Mrs. H. J. Fryer CC" -> "fryer-h"; None for text that is not a person's name."""
    bare = HONORIFIC_RE.sub("", name.strip())
    bare = re.sub(r"\b(?:CC|MP|MBE|OBE)\b|[().,]", " ", bare)
    parts = [p for p in bare.split() if p]
    if len(parts) < 2 or not all(p[0].isupper() for p in parts):
        return None
    surname = re.sub(r"[^a-z-]", "", parts[-1].lower())
    return f"{surname}-{parts[0][0].lower()}" if surname else None


def collect_members(archive: Archive, questions) -> list[Member]:
    members: dict[str, Member] = {}

    def note(name: str) -> Member | None:
        key = member_key(name)
        if key is None:
            return None
        member = members.setdefault(key, Member(key, name))
        if len(name) > len(member.name):
            member.name = name
        return member

    for doc in archive.documents:
        if doc.kind == "minutes":
            for person in doc.details.present:
                member = note(person.name)
                if member and doc.meeting not in member.attended:
                    member.attended.append(doc.meeting)
                if member and person.role and CHAIR_RE.search(person.role):
                    member.chaired[doc.meeting] = person.role
            chair = member_key(doc.details.chair or "")
            if chair in members:
                members[chair].chaired.setdefault(doc.meeting, "Chairman")
    for meeting in archive.meetings:
        for person in meeting.details.membership if meeting.details else ():
            member = note(person.name)
            if member and meeting.id not in member.member_at:
                member.member_at.append(meeting.id)
            if member and person.role and CHAIR_RE.search(person.role):
                member.chaired.setdefault(meeting.id, person.role)
    for asked in questions:
        if asked.by_member:
            member = note(asked.question.asker)
            if member:
                member.questions.append(asked.id)
    for member in members.values():
        member.attended.sort(reverse=True)
        member.member_at.sort(reverse=True)
        member.chaired = dict(sorted(member.chaired.items(), reverse=True))
    return sorted(members.values(), key=lambda m: (m.slug.split("-")[0], m.slug))


def member_url(name: str) -> str | None:
    """The page of the member a printed name names (every name in a PRESENT list or a membership has one)."""
    key = member_key(name)
    return member_page(key) if key else None


def member_page(slug: str) -> str:
    return f"/members/{slug}/"
