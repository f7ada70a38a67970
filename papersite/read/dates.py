"""Dates and times as councils print them: "Tuesday, 2 November 2021 at 2.00 pm", "07 September 2021"."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"], start=1)
}

_MONTH = "|".join(MONTHS)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\s*,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d\d))?\s*(?P<ampm>[ap])\.?\s*m\b", re.IGNORECASE)


def _make(match: re.Match) -> date | None:
    try:
        return date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first real calendar date written out in `text`, or None."""
    for match in DATE_RE.finditer(text):
        found = _make(match)
        if found:
            return found
    return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in `text`, with its start and end offsets."""
    found = []
    for match in DATE_RE.finditer(text):
        when = _make(match)
        if when:
            found.append((when, match.start(), match.end()))
    return found


def find_time(text: str) -> str | None:
    """The first clock time as "HH:MM" (24-hour), or None."""
    match = TIME_RE.search(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["ampm"].lower() == "p" and hour < 12:
        hour += 12
    if match["ampm"].lower() == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def long_date(when: date) -> str:
    """"2 November 2021", as the papers print it."""
    return f"{when.day} {when.strftime('%B')} {when.year}"
