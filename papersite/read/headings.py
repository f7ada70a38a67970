"""Where a paper starts: the headings each kind of document opens with, as councils print them.

- A report opens with a heading in one of two layouts. A block of capitals names the committee, the
  meeting's date, the title and "REPORT OF THE …", in either order and split over lines (Leicestershire and
  many others). Or a table of labelled fields, "From:" (or "By:", "Report of:") … "To:" … "Subject:" (or
  "Title:"), each label alone or with its value beside it (ModernGov councils such as Kent).
- Minutes open with "Minutes of a meeting of … held …" (or "MINUTES of the meeting held in …"), perhaps under
  a line or two naming the council and the body, and are followed soon by who was present.
- The standard "Questioning by members" page some committees print in every pack.

These recognisers confirm and fill in what the agenda says; `outline` decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_date
from .text import Para

# "Minutes of a meeting of …", "MINUTES of the meeting held in …", "Minutes of the Children and Families
# Overview and Scrutiny Committee meeting held on …"
MINUTES_START_RE = re.compile(r"^minutes of (?:a|the) (?:[\w'’&,.-]+ ){0,12}?meeting\b", re.I)
PRESENT_RE = re.compile(r"^(?:members |councillors |also )?present\b|^in attendance\b|^apologies\b|^attendance\b", re.I)
ITEM_MARK_RE = re.compile(r"^\(\s*item\s+(\d{1,3}[a-z]?)\s*\)\s*$", re.I)  # Kent's "(Item 3)" under a minute's title
QUESTIONING_RE = re.compile(r"^questioning by members of overview and scrutiny\b", re.I)
SIGNED_RE = re.compile(r"^(?:chairman|chair|chairperson)$", re.I)  # where minutes are signed, above the next paper
REPORT_OF_RE = re.compile(r"^(?:joint )?report (?:of|from|by)\b", re.I)
COMMITTEE_WORD_RE = re.compile(r"\b(?:scrutiny|committee|cabinet|council|board|panel|forum|commission)\b", re.I)

# The heading table: each label alone on its line, or with its value after it.
LABEL_ROLES = {
    "author": r"from|by|report of|report by|report from|report author|lead officer|responsible officer|"
              r"cabinet members?|portfolio holders?|lead members?|executive members?|submitted by|presented by",
    "audience": r"to|report to|meeting|committee|decision makers?|decision-makers?",
    "subject": r"subject|title|report title|title of report|subject of report",
    "date": r"date|date of meeting|meeting date",
}
LABEL_RE = re.compile(r"^(?P<label>" + "|".join(f"(?P<{role}>{pattern})" for role, pattern in LABEL_ROLES.items())
                      + r")\s*:\s*(?P<value>.*)$", re.I)
ANY_LABEL_RE = re.compile(r"^[A-Z][A-Za-z /&()'’-]{1,40}(?::|\?)(?:\s|$)")  # "Classification:", "Key decision:"
TABLE_WINDOW = 24  # paras: the whole heading table stands within this many
VALUE_LINES = {"author": 10, "subject": 4}  # paras a field's value takes at most (four authors, each over two
# lines; a title over four); any other field's, three
OPENS_BODY_RE = re.compile(r"^(?:\d{1,2}\.\s|(?:executive )?summary\b|purpose\b|recommendations?\b|introduction\b|"
                           r"background\b)", re.I)


def is_upper(text: str) -> bool:
    if len(text) > 250:
        return False  # a heading is never this long: no need to count its letters
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 3 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


@dataclass(frozen=True)
class Field:
    role: str  # "author", "audience", "subject", "date"
    label: str
    value: str
    first: int  # para index of the label
    end: int  # para index after its value


def table_fields(paras: tuple[Para, ...], i: int) -> list[Field]:
    """The labelled fields of a heading table starting at paras[i] (empty when there is none). Labels it
    has no use for ("Decision No:", "Classification:") are passed over with their values."""
    fields: list[Field] = []
    j = i
    limit = min(len(paras), i + TABLE_WINDOW)
    while j < limit:
        match = LABEL_RE.match(paras[j].plain)
        if not match and not (fields and ANY_LABEL_RE.match(paras[j].plain)):
            break
        role = next(r for r in LABEL_ROLES if match.group(r)) if match else None
        beside = match.group("value").strip() if match else ""
        values = [beside] if beside else []
        k = j + 1
        # The value under the label (or wrapped from beside it, or, for authors, the next person named a
        # line below): until the next label, the report's first section or numbered paragraph, or as many
        # lines as a value of its kind takes.
        while k < limit and not ANY_LABEL_RE.match(paras[k].plain) and len(paras[k].plain) <= 200 \
                and len(values) < VALUE_LINES.get(role, 3) and not OPENS_BODY_RE.match(paras[k].plain) \
                and not (beside and paras[k].first != paras[k - 1].last + 1
                         and not (role == "author" and PERSON_RE.match(paras[k].plain))):
            values.append(paras[k].plain)
            k += 1
        if match:
            fields.append(Field(role, match.group("label"), _joined(values, role), j, k))
            if role == "subject":
                break  # the title closes the table: what follows is the report
        j = k
    return fields


PERSON_RE = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}\s*(?:,|\s[–-]\s)")  # "Peter Oakford, …", "Anna Taylor - …"


def _joined(values: list[str], role: str) -> str:
    """A field's lines as one value. Authors are one a line or two ("Peter Oakford, Deputy Leader and Cabinet
    Member for Finance," / "Corporate and Traded Services"), each starting with a name: they are kept apart
    with "; ", the lines of one joined with a space."""
    if role != "author":
        return " ".join(values)
    people: list[str] = []
    for value in values:
        if people and not PERSON_RE.match(value):
            people[-1] = f"{people[-1]} {value}"
        else:
            people.append(value)
    return "; ".join(people)


def table_heading_size(paras: tuple[Para, ...], i: int) -> int:
    """If a labelled heading table starts at paras[i], how many paras it takes (to the end of the title)."""
    fields = table_fields(paras, i)
    roles = {f.role for f in fields}
    if "subject" not in roles or not roles & {"author", "audience"}:
        return 0
    return fields[-1].end - i


def block_heading_size(paras: tuple[Para, ...], i: int) -> int:
    """If a block heading starts at paras[i], how many paras it takes; else 0.

    A block of capitals naming the committee, with the meeting date in it or just below, then the title and
    "REPORT OF THE …" in either order.
    """
    first = paras[i].plain
    if not is_upper(first) or REPORT_OF_RE.match(first) or SIGNED_RE.match(first):
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
        if offset and not (is_upper(para.plain) or _date_alone(para.plain)):
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


def _date_alone(text: str) -> bool:
    """"9 March 2021" under the committee's name in capitals: the heading's date, printed in mixed case."""
    return len(text) <= 30 and find_date(text) is not None


def report_heading_size(paras: tuple[Para, ...], i: int) -> int:
    return block_heading_size(paras, i) or table_heading_size(paras, i)


def starts_minutes(paras: tuple[Para, ...], i: int) -> bool:
    """"Minutes of a meeting of … held …", followed within a few paragraphs by who was there (so that a
    minute titled "Minutes of the meeting held on 30 July 2024" is not taken for a new set)."""
    if not MINUTES_START_RE.match(paras[i].plain):
        return False
    following = paras[i + 1:i + 12]
    if following and ITEM_MARK_RE.match(following[0].plain):
        return False
    return any(PRESENT_RE.match(p.plain) for p in following)


def starts_guide(para: Para) -> bool:
    return bool(QUESTIONING_RE.match(para.plain))
