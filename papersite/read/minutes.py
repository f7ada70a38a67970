"""Read minutes: the meeting they record, who was there, and every numbered minute item.

Numbered questions and replies inside a minute look like items too. A minute
item is recognised only when it carries the next number in sequence and reads
as a title, so "1. Is the County Council…" inside item 5 is not item 1.
"""
from __future__ import annotations

import re

from .dates import find_date, find_time
from ..model import MinuteItem, Minutes, Person, Question
from .people import person, split_names
from .text import BULLET_RE, Para, plain
from .split import MINUTES_START_RE

ITEM_RE = re.compile(r"^\s*(\d{1,3})\.\s+(.+)$")
HEADER_RE = re.compile(r"^minutes of (?:a|the) (?:\w+ )?meeting of (?:the )?(?P<committee>.+?)\s+held (?:at|in) "
                       r"(?P<place>.+?)\s+on\s+(?P<when>.+?)\.?$", re.I)
RESOLVED_RE = re.compile(r"^resolved\s*:?\s*$", re.I)
REPORT_REF_RE = re.compile(r"report marked\s+['‘’\"“”]\s*agenda item\s+(\d+)\s*['‘’\"“”]", re.I)
SIGNATURE_RE = re.compile(r"^(?:\d{1,2}[.:]\d\d\s*(?:[ap]\.?m\.?)?\s*[–-]|chairman$|chair$)", re.I)
ASKER_RES = [
    re.compile(r"^(?P<asker>.+?)\s+asked the following question\b", re.I),
    re.compile(r"^questions? (?:asked )?(?:by|from)\s+(?P<asker>[^:]+?)\s*:?$", re.I),
]
REPLY_RES = [
    re.compile(r"^reply (?:by|from)\s+(?P<who>.+?)\s*:?$", re.I),
    re.compile(r"^(?P<who>.+?)\s+replied(?: as follows)?\s*:?$", re.I),
]
SUPPLEMENTARY_RE = re.compile(r"^(?:supplementary question\b|.{0,80}\basked (?:the following |a )supplementary question)", re.I)


def parse_minutes(paras: tuple[Para, ...]) -> tuple[Minutes, list[tuple[int, int]]]:
    """The minutes, and for each item the index range of its paras (title first)."""
    header = HEADER_RE.match(paras[0].plain) if paras else None
    committee = header.group("committee") if header else None
    place = header.group("place") if header else None
    when = find_date(header.group("when")) if header else (find_date(paras[0].plain) if paras else None)

    present: list[Person] = []
    attendance: list[Person] = []
    chair = None
    section = None
    spans: list[tuple[int, int]] = []
    expected = None
    for index, para in enumerate(paras[1:], start=1):
        text = para.plain
        item = ITEM_RE.match(text)
        if item and _is_item_title(item.group(2)) and (expected is None or int(item.group(1)) == expected):
            expected = int(item.group(1)) + 1
            spans.append((index, len(paras)))
            if len(spans) > 1:
                spans[-2] = (spans[-2][0], index)
            section = "items"
            continue
        if section == "items":
            if re.search(r"\bin the chair\b", text, re.I) and len(text) < 80:
                chair = person(text).name
            continue
        lowered = text.lower().strip(" .:")
        if lowered == "present":
            section = "present"
        elif lowered == "in attendance":
            section = "attendance"
        elif section in ("present", "attendance"):
            people = [person(name) for name in split_names(para.text)]
            (present if section == "present" else attendance).extend(people)
            chair = chair or next((p.name for p in people if p.role == "Chairman"), None)
    start_time = None
    items = []
    for first, end in spans:
        item_paras = paras[first:end]
        body_end = len(item_paras)
        for offset, para in enumerate(item_paras[1:], start=1):
            if SIGNATURE_RE.match(para.plain):
                start_time = start_time or _start_time(para.plain)
                body_end = offset
                break
        items.append(_item(item_paras[:body_end]))
    return Minutes(committee, when, place, start_time, chair, tuple(present), tuple(attendance), tuple(items)), spans


def _start_time(text: str) -> str | None:
    """"2.00 – 3.21pm" -> "14:00": the start takes the end's am/pm when it has none of its own."""
    match = re.match(r"^(\d{1,2}[.:]\d\d)\s*([ap]\.?m\.?)?\s*[–-]\s*\d{1,2}[.:]\d\d\s*([ap])\.?m", text, re.I)
    if not match:
        return None
    return find_time(f"{match.group(1)} {match.group(2) or match.group(3) + 'm'}")


def _is_item_title(title: str) -> bool:
    return len(title) <= 160 and not title.rstrip().endswith(("?", ":"))


def _item(paras: tuple[Para, ...]) -> MinuteItem:
    head = ITEM_RE.match(paras[0].plain)
    body = paras[1:]
    text = "\n".join(p.plain for p in body)
    ref = REPORT_REF_RE.search(text)
    return MinuteItem(
        number=int(head.group(1)),
        title=head.group(2).strip().removesuffix(".").strip(),
        line=paras[0].first,
        text=text,
        resolutions=_resolutions(body),
        report_ref=int(ref.group(1)) if ref else None,
        questions=_questions(body) if "question" in head.group(2).lower() else (),
    )


def _resolutions(paras: tuple[Para, ...]) -> tuple[str, ...]:
    out: list[str] = []
    inside = False
    for para in paras:
        text = para.plain
        if RESOLVED_RE.match(text):
            inside = True
            continue
        if inside and not (len(text) < 80 and re.search(r"\bin the chair\b", text, re.I)):
            point = re.sub(r"^\s*(?:[-*•]\s*)?\(?(?:[a-z]|[ivx]{1,4})\)\s*", "", BULLET_RE.sub("", para.text, count=1))
            out.append(plain(point))
    return tuple(out)


def _questions(paras: tuple[Para, ...]) -> tuple[Question, ...]:
    questions: list[dict] = []
    part = None
    for para in paras:
        text = para.plain
        asker = next((m for m in (r.match(text) for r in ASKER_RES) if m), None)
        reply = next((m for m in (r.match(text) for r in REPLY_RES) if m), None) if len(text) < 120 else None
        if asker and len(text) < 250:
            questions.append({"asker": asker.group("asker").strip(" ,"), "question": [], "reply": [],
                              "replier": None, "supplementary": [], "line": para.first})
            part = "question"
            # "Mrs X asked the following question of the Chairman:" has no question text of its own.
            continue
        if not questions:
            continue
        if reply and part == "question":
            questions[-1]["replier"] = reply.group("who").strip()
            part = "reply"
            continue
        if SUPPLEMENTARY_RE.match(text) and part == "reply":
            part = "supplementary"
            if not re.match(r"^supplementary question\s*:?$", text, re.I):
                questions[-1]["supplementary"].append(text)
            continue
        questions[-1][part].append(text)
    return tuple(Question(q["asker"], "\n\n".join(q["question"]), "\n\n".join(q["reply"]), q["replier"],
                          "\n\n".join(q["supplementary"]) or None, q["line"]) for q in questions)


__all__ = ["parse_minutes", "MINUTES_START_RE"]
