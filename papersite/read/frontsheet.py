"""Read a front sheet: the meeting's details, its membership and its agenda.

Agendas arrive in several layouts, sometimes several in one pack: tab-separated
rows, pipe tables with junk header rows, title + author + pages run together on
one line, bulleted items, and pages on the line below the title.
"""
from __future__ import annotations

import re

from .dates import find_date, find_dates, find_time
from ..model import AgendaItem, Contact, FrontSheet, Person
from .people import contact_from, person, split_names
from .text import Para, plain

FIELD_RE = re.compile(r"^(meeting|date/time|date|time|location|venue|contact|email|e-mail)\s*:\s*(.*)$", re.I)
TRAILING_FIELD_RE = re.compile(r"^(.*?)\s+(contact|location|email)\s*:\s*$", re.I)  # "Miss. F. Gall (0116 …) Contact:"
ITEM_RE = re.compile(r"^\s*(?:[-*•]\s*)?\|?\s*(\d{1,2})\.\s*(.*)$")
PAGES_RE = re.compile(r"\(?\s*Pages?\s+(\d+)(?:\s*[-–]\s*(\d+))?\s*\)?\s*$", re.I)
# Who reports: run-together agenda lines are split before these words.
REPORTER_RE = re.compile(
    r"(?:Joint Report of |Report of )?(?:the )?(?:Chief Executive|Director|Assistant Director|Head of|"
    r"Lead Member|Cabinet Lead Member|County Solicitor|Chairman|Independent|Leicestershire and Rutland|"
    r"Chief Officer|Managing Director|Strategic Director|Executive Director)\b")
MINUTES_ITEM_RE = re.compile(r"^minutes of the (?:previous )?meeting", re.I)


def parse_front_sheet(paras: tuple[Para, ...]) -> FrontSheet:
    fields: dict[str, tuple[str, int]] = {}
    membership: list[Person] = []
    agenda: list[AgendaItem] = []
    future: list = []
    section = None
    for para in paras:
        text = para.plain
        match = FIELD_RE.match(text)
        trailing = TRAILING_FIELD_RE.match(text)
        if match and section != "agenda":
            fields.setdefault(match.group(1).lower(), (match.group(2).strip(), para.first))
            continue
        if trailing and section != "agenda":
            fields.setdefault(trailing.group(2).lower(), (trailing.group(1).strip(), para.first))
            continue
        lowered = text.lower().strip(" :")
        if lowered == "membership":
            section = "membership"
            continue
        if lowered == "agenda":
            section = "agenda"
            continue
        if section == "membership":
            if lowered.startswith("please note") or text.startswith("-"):
                section = None
                continue
            membership.extend(person(name) for name in split_names(para.text))
        elif section == "agenda":
            item = _agenda_item(para)
            if item:
                agenda.append(item)
            elif agenda and PAGES_RE.fullmatch(text) and agenda[-1].pages is None:
                agenda[-1] = _with_pages(agenda[-1], text)
            elif agenda and re.search(r"next meeting|future meetings?", agenda[-1].title + " " + text, re.I):
                future.extend(d for d, _, _ in find_dates(text))
    when_text, date_line = fields.get("date/time", fields.get("date", ("", None)))
    time_text = fields.get("time", ("", None))[0] or when_text
    contact = None
    if "contact" in fields:
        contact = contact_from(fields["contact"][0])
    if "email" in fields or "e-mail" in fields:
        email = fields.get("email", fields.get("e-mail"))[0]
        contact = Contact(contact.name if contact else "", contact.role if contact else None,
                          contact.phone if contact else None, email.strip())
    confirms = next((find_date(i.title) for i in agenda if MINUTES_ITEM_RE.match(i.title)), None)
    return FrontSheet(
        committee=fields.get("meeting", (None,))[0],
        date=find_date(when_text),
        time=find_time(time_text),
        location=fields.get("location", fields.get("venue", (None,)))[0],
        contact=contact,
        membership=tuple(membership),
        agenda=tuple(agenda),
        future_dates=tuple(sorted(set(future))),
        confirms_minutes_of=confirms,
        date_line=date_line,
    )


def _with_pages(item: AgendaItem, text: str) -> AgendaItem:
    match = PAGES_RE.search(text)
    first = int(match.group(1))
    return AgendaItem(item.number, item.title, item.report_by, (first, int(match.group(2) or first)), item.line)


def _agenda_item(para: Para) -> AgendaItem | None:
    raw = para.text.strip()
    if raw.startswith("- |") or raw.startswith("|"):
        cells = [plain(c) for c in raw.lstrip("- ").strip("|").split("|")]
    else:
        cells = [plain(c) for c in raw.split("\t")]
    cells = [c for c in cells if c]
    if not cells:
        return None
    # "8.\tCommissioning Intentions.\tDirector …": the number may sit in a cell of its own.
    if re.fullmatch(r"\d{1,2}\.", cells[0]) and len(cells) > 1:
        cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
    match = ITEM_RE.match(cells[0])
    if not match:
        return None
    number, title = int(match.group(1)), match.group(2).strip()
    rest = cells[1:]
    pages = None
    if rest and PAGES_RE.fullmatch(rest[-1]):
        pages_text = rest.pop()
    else:
        found = PAGES_RE.search(title)
        pages_text = found.group(0) if found else ""
        if found:
            title = title[: found.start()].strip()
    if pages_text:
        m = PAGES_RE.search(pages_text)
        pages = (int(m.group(1)), int(m.group(2) or m.group(1)))
    report_by = rest[0] if rest else None
    if report_by is None:
        title, report_by = _split_reporter(title)
    return AgendaItem(number, title.strip().removesuffix(".").strip(), report_by, pages, para.first)


def _split_reporter(title: str) -> tuple[str, str | None]:
    """"SEND and Inclusion. Director of Children and Family Services" -> title and who reports."""
    for match in re.finditer(r"\.\s+", title):
        after = title[match.end():]
        if REPORTER_RE.match(after):
            return title[: match.start() + 1], after.strip() or None
    return title, None
