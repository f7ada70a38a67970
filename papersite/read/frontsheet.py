"""Read a front sheet (or a supplement's cover letter): the meeting's date, time and place, who to contact, the
membership and the agenda.

The details may be labelled ("Date/Time:", "Location:") or printed as free text: a date line under the
committee's name ("Tuesday, 4th March, 2025, at 10.00 am"), a date broken over three lines, a summons
("A meeting of the County Council will be held in the Council Chamber … on Thursday, 13th March, 2025 at
10.00 am"), a venue interleaved with the labels of a second column. Of the dates a front sheet prints, the
meeting's is the one with a time after it, a weekday before it, the committee beside it; the dates of
earlier minutes and of future meetings, and the day the agenda was issued, are not.
"""
from __future__ import annotations

import bisect
import re

from ..model import Contact, FrontSheet, Person
from .agenda import parse_agenda
from .dates import DATE_RE, find_date, find_dates, find_time
from .people import EMAIL_RE, PHONE_RE, contact_from, person, split_names
from .text import Para

FIELD_RE = re.compile(r"^(meeting|date/time|date and time|date of meeting|date|time|location|venue|place|contact|"
                      r"email|e-mail)\s*:\s*(.*)$", re.I)
TRAILING_FIELD_RE = re.compile(r"^(.*?)(?<!\s)\s+(contact|location|email)\s*:\s*$", re.I)  # "Miss. F. Gall (0116 …) Contact:"
MINUTES_ITEM_RE = re.compile(r"^minutes of the (?:previous )?meeting", re.I)
SUPPLEMENT_RE = re.compile(r"\bsupplement(?:ary)?\b|\bto follow\b|\bnow (?:able to )?enclose|\benclosed\b", re.I)
WEEKDAY_RE = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*$", re.I)
SUMMONS_PLACE_RE = re.compile(r"\bwill be held (?:at|in) (?:the )?(?P<place>.+?),?\s+on\s+(?:\w+day,?\s+)?\d", re.I)
LABELS_RE = re.compile(r"\b(?:ask for|telephone|tel|direct dial(?:/ext)?|e-?mail|date|contact)\s*:\s*", re.I)
PLACE_WORD_RE = re.compile(r"\b(?:room|chamber|hall|house|centre|center|building|offices?|street|road|council)\b|,", re.I)
ISSUE_RE = re.compile(r"\b(?:issued|despatched|dispatched|published)\b", re.I)


def parse_front_sheet(paras: tuple[Para, ...]) -> FrontSheet:
    fields: dict[str, tuple[str, int]] = {}
    membership: list[Person] = []
    section = None
    for para in paras:
        text = para.plain
        match = FIELD_RE.match(text)
        trailing = TRAILING_FIELD_RE.match(text)
        lowered = text.lower().strip(" :")
        if lowered in ("agenda", "agenda item no"):
            break  # the details come before the agenda
        if match and match.group(2).strip():
            fields.setdefault(_field_name(match.group(1)), (match.group(2).strip(), para.first))
            continue
        if trailing:
            fields.setdefault(trailing.group(2).lower(), (trailing.group(1).strip(), para.first))
            continue
        if lowered == "membership":
            section = "membership"
            continue
        if section == "membership":
            if lowered.startswith("please note") or text.startswith("-"):
                section = None
                continue
            membership.extend(person(name) for name in split_names(para.text))
    agenda, future = parse_agenda(paras)
    when, time, date_line = _meeting_date(paras, fields)
    location = fields.get("location", fields.get("venue", fields.get("place", (None,))))[0] or _place(paras, date_line)
    confirms = next((find_date(i.title) for i in agenda if MINUTES_ITEM_RE.match(i.title)), None)
    return FrontSheet(
        committee=fields.get("meeting", (None,))[0],
        date=when,
        time=time,
        location=location,
        contact=_contact(paras, fields),
        membership=tuple(membership),
        agenda=agenda,
        future_dates=future,
        confirms_minutes_of=confirms,
        date_line=date_line,
        supplement=_is_supplement(paras),
    )


def _is_supplement(paras: tuple[Para, ...]) -> bool:
    """A supplement's cover letter says so before its list of items ("Supplementary agenda", "I am now able
    to enclose … the following reports")."""
    for para in paras:
        if re.match(r"^(?:agenda|agenda item no\.?)$", para.plain.strip(" :"), re.I):
            return False
        if SUPPLEMENT_RE.search(para.plain) and not re.search(r"\bsee (?:the )?supplement", para.plain, re.I):
            return True
    return False


def _field_name(label: str) -> str:
    label = label.lower()
    return {"date and time": "date/time", "date of meeting": "date/time", "e-mail": "email"}.get(label, label)


def _meeting_date(paras: tuple[Para, ...], fields: dict) -> tuple[object, str | None, int | None]:
    """The meeting's date, its time and the line the date is on."""
    # "Date/Time:" or "Date of meeting:" names the meeting's date; a bare "Date:" may be a letter's.
    labelled = fields.get("date/time")
    if labelled and find_date(labelled[0]):
        time = find_time(fields.get("time", ("", None))[0] or labelled[0])
        return find_date(labelled[0]), time, labelled[1]
    # Free text: the front sheet read as one run of words, each word remembering its line.
    words, lines = [], []
    for para in paras:
        for word in para.plain.split():
            words.append(word)
            lines.append(para.first)
    joined = " ".join(words)
    offsets, at = [], 0
    for word in words:
        offsets.append(at)
        at += len(word) + 1
    scored = []
    for when, start, end in find_dates(joined):
        before, after = joined[max(0, start - 60):start], joined[end:end + 30]
        time = find_time(after) if re.match(r"^[\s,]*(?:at\s+)?\d{1,2}(?:[.:]\d\d)?\s*[ap]\.?\s*m\b", after, re.I) else None
        score = 3 if time else 0
        score += 1 if WEEKDAY_RE.search(before) else 0
        score += 2 if re.search(r"\bmeeting\b|\bheld\b|\bsummon", before[-45:] + after, re.I) else 0
        score += 1 if re.search(r"\bdate\s*:\s*(?:\w+day,?\s*)?$", before, re.I) else 0
        score -= 5 if re.search(r"\bminutes of\b|\bnext meeting\b|\bfuture meetings?\b|\bprevious\b", before, re.I) else 0
        score -= 2 if ISSUE_RE.search(before[-30:]) else 0
        scored.append((score, -start, when, time, lines[_word_at(offsets, start)]))
    best = max(scored, default=None)
    if best is None or (best[0] < 1 and len(scored) > 1) or best[0] < 0:
        return None, find_time(fields.get("time", ("", None))[0]), None
    return best[2], best[3] or find_time(fields.get("time", ("", None))[0]), best[4]


def _word_at(offsets: list[int], position: int) -> int:
    return max(bisect.bisect_right(offsets, position) - 1, 0)


def _place(paras: tuple[Para, ...], date_line: int | None) -> str | None:
    """Where the meeting is held, when no label says: from the summons ("will be held in the Council Chamber,
    County Hall, Maidstone on …"), or the lines under the date, without the labels of a second column."""
    joined = " ".join(p.plain for p in paras)
    summons = SUMMONS_PLACE_RE.search(joined)
    if summons:
        return summons.group("place").strip(" ,")
    if date_line is None:
        return None
    parts: list[str] = []
    for para in [p for p in paras if p.first > date_line][:4]:
        text = LABELS_RE.sub(" ", para.plain).strip(" ,")
        if not text:
            continue  # "Ask for:", a label of the column beside the venue
        if DATE_RE.search(text) or EMAIL_RE.search(text) or PHONE_RE.search(text) or len(text) > 80 \
                or not PLACE_WORD_RE.search(text):
            break
        parts.append(text)
    return ", ".join(parts) or None


def _contact(paras: tuple[Para, ...], fields: dict) -> Contact | None:
    contact = contact_from(fields["contact"][0]) if "contact" in fields else None
    if "email" in fields or "e-mail" in fields:
        email = fields.get("email", fields.get("e-mail"))[0]
        contact = Contact(contact.name if contact else "", contact.role if contact else None,
                          contact.phone if contact else None, email.strip())
    return contact or _asked_for(paras)


NAME_RE = re.compile(r"^(?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+$")  # "Georgina Little"


def _asked_for(paras: tuple[Para, ...]) -> Contact | None:
    """ModernGov's "Ask for:" block, its labels and values in two columns read one after the other: the first
    name, telephone number and e-mail address printed near it (an address may be broken at a dot)."""
    at = next((n for n, p in enumerate(paras) if re.search(r"\bask for\s*:", p.plain, re.I)), None)
    if at is None:
        return None
    near = [p.plain for p in paras[at:at + 12]]
    text = re.sub(r"(@[\w.-]+)\s+(\.[\w.]+)", r"\1\2", " ".join(near))
    name = next((LABELS_RE.sub("", t).strip() for t in near if NAME_RE.match(LABELS_RE.sub("", t).strip())), None)
    phone, email = PHONE_RE.search(text), EMAIL_RE.search(text)
    if not name:
        return None
    return Contact(name, None, phone.group(0).strip() if phone else None, email.group(0) if email else None)
