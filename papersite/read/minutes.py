"""Read minutes: the meeting they record, who was there, and every minute item.

Councils number minutes in several ways: "32. Minutes." on one line; the number alone on its line with the
title below (pdftotext may print the number several lines away from its title); or no number at all, each
item a title followed by "(Item N)", the agenda item it took. Where "(Item N)" marks stand under the titles,
they find the items; otherwise an item is a numbered line that carries the next number in sequence and reads
as a title, so "1. Is the County Council…" inside item 5 is not item 1.

Decisions are a "RESOLVED:" line with the resolutions under it, or "RESOLVED that …" inline; a resolution
ending in a colon is the stem of the lettered points under it, and only those are resolutions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import MinuteItem, Minutes, Person, Question
from .dates import find_date, find_time
from .headings import ITEM_MARK_RE, MINUTES_START_RE
from .matching import PROCEDURAL_RE
from .people import person, split_names
from .text import BULLET_RE, Para, plain

ITEM_RE = re.compile(r"^\s*(\d{1,4})\.\s+(.+)$")
NO_STOP_ITEM_RE = re.compile(r"^\s*(\d{1,4})\s+([A-Z][^.?!]{2,150}\.?)$")  # "32 Minutes", no full stop after the number
NUMBER_ALONE_RE = re.compile(r"^\s*(\d{1,4})\.\s*$")
RESOLVED_RE = re.compile(r"^resolved\s*[:–-]?\s*$", re.I)
RESOLVED_INLINE_RE = re.compile(r"^(?:\(?\d{1,3}[.)]\s*)?resolved\b\s*[:–-]?\s*(?P<rest>.*)$", re.I)
LETTERED_POINT_RE = re.compile(r"^\s*(?:[-*•]\s*)?\(?(?:[a-z]|[ivx]{1,5})\)\s*\S|^\s*[a-z]\.\s+\S", re.I)
REPORT_REF_RE = re.compile(r"report marked\s+['‘’\"“”]\s*agenda item\s+(\d+)\s*['‘’\"“”]", re.I)
SIGNATURE_RE = re.compile(r"^(?:\d{1,2}[.:]\d\d\s*(?:[ap]\.?m\.?)?\s*[–-]|chairman$|chair$)", re.I)
PEOPLE_RE = re.compile(r"^(?P<label>present|members present|councillors present|in attendance(?: virtually)?|"
                       r"also present|also in attendance)\s*[.:]?\s*(?P<rest>.*)$", re.I)
ASKER_RES = [
    re.compile(r"^(?P<asker>.+?)\s+asked the following question\b", re.I),
    re.compile(r"^questions? (?:asked )?(?:by|from)\s+(?P<asker>[^:]+?)\s*:?$", re.I),
]
REPLY_RES = [
    re.compile(r"^reply (?:by|from)\s+(?P<who>.+?)\s*:?$", re.I),
    re.compile(r"^(?P<who>.+?)\s+replied(?: as follows)?\s*:?$", re.I),
]
SUPPLEMENTARY_RE = re.compile(r"^(?:supplementary question\b|.{0,80}\basked (?:the following |a )supplementary question)", re.I)
TITLE_LIMIT = 260  # characters: a minute's title, over however many lines
HEADER_REACH = 40  # paras: "Minutes of a meeting …" stands this near the top (text before it is kept with it)


@dataclass(frozen=True)
class MinuteSpan:
    """Where a minute item lies among the minutes' paragraphs."""
    start: int  # its first paragraph: the number, or the title
    title: int  # the paragraph its title starts in
    body: int  # the first paragraph after its title
    end: int  # the paragraph after its last
    number: int
    title_text: str
    displaced: int | None = None  # a number printed away from its title, within the item before
    numbered: bool = True  # printed with a minute number (else numbered by its "(Item N)")


def parse_minutes(paras: tuple[Para, ...]) -> tuple[Minutes, list[MinuteSpan]]:
    """The minutes, and where each item lies among their paragraphs."""
    header_at = next((i for i, p in enumerate(paras[:HEADER_REACH]) if MINUTES_START_RE.match(p.plain)), None)
    if header_at is None:  # no "Minutes of a meeting …" line: the first paragraph heads them, unless it is an item
        header_at = -1 if paras and (ITEM_RE.match(paras[0].plain) or NUMBER_ALONE_RE.match(paras[0].plain)) else 0
    committee, place, when = _header(paras, header_at)
    marks = [k for k, p in enumerate(paras) if k > header_at and ITEM_MARK_RE.match(p.plain)]
    spans = _marked_items(paras, marks, header_at) if len(marks) >= 2 else _numbered_items(paras, header_at)
    first_item = spans[0].start if spans else len(paras)
    present, attendance, chair = _people(paras[header_at + 1:first_item])
    start_time = None
    items = []
    for span in spans:
        body_end = span.end
        for offset in range(span.body, span.end):
            if SIGNATURE_RE.match(paras[offset].plain):
                start_time = start_time or _start_time(paras[offset].plain)
                body_end = offset
                break
        body = tuple(p for k, p in enumerate(paras[span.body:body_end], start=span.body)
                     if k not in {s.displaced for s in spans})
        items.append(_item(span, paras[span.title], body))
        chair = chair or next((person(p.plain).name for p in body
                               if re.search(r"\bin the chair\b", p.plain, re.I) and len(p.plain) < 80), None)
    return Minutes(committee, when, place, start_time, chair, tuple(present), tuple(attendance), tuple(items)), spans


def _header(paras: tuple[Para, ...], at: int) -> tuple[str | None, str | None, object]:
    """The body, place and date the minutes record: from "Minutes of a meeting of the X held at P on D", or
    from the lines above it ("CORPORATE PARENTING PANEL – 29 October 2024") where it names neither."""
    if not paras or at < 0:
        return None, None, None
    text = paras[at].plain
    for para in paras[at + 1:at + 3]:  # the header wrapped over lines the extractor did not join
        if para.first - paras[at].last > 1 or PEOPLE_RE.match(para.plain) or find_date(text):
            break
        text = f"{text} {para.plain}"
    committee = re.search(r"\bmeeting of (?:the )?(.+?)\s+held\b", text, re.I) or \
        re.search(r"^minutes of (?:a|the) (?!meeting\b)(.+?) meeting\b", text, re.I)
    place = re.search(r"\bheld (?:at|in) (?:the )?(.+?)(?:,?\s+on\s+(?:\w+day,?\s+)?\d|\.?$)", text, re.I)
    when = find_date(text)
    above = [p.plain for p in paras[:at]]
    named = committee.group(1).strip() if committee else next(
        (re.split(r"\s*[–—-]\s*\d|\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}", line)[0].strip(" –—-")
         for line in reversed(above) if line.strip()), None)
    when = when or next((find_date(line) for line in above if find_date(line)), None)
    return named or None, place.group(1).strip(" ,.") if place else None, when


def _numbered_items(paras: tuple[Para, ...], header_at: int, item_re: re.Pattern = None) -> list[MinuteSpan]:
    """Items by their numbers, each the next in sequence: "32. Minutes." (or, where no minute prints its
    number so, "32 Minutes"), or the number alone with the title under it."""
    item_re = item_re or ITEM_RE
    starts: list[tuple[int, int, int, int, str]] = []  # (start, title, body, number, title text)
    expected = None
    index = header_at + 1
    while index < len(paras):
        text = paras[index].plain
        item = item_re.match(text)
        alone = NUMBER_ALONE_RE.match(text)
        if item and _is_item_title(item.group(2)) and (expected is None or int(item.group(1)) == expected):
            starts.append((index, index, index + 1, int(item.group(1)), item.group(2)))
        elif alone and index + 1 < len(paras) and (expected is None or int(alone.group(1)) == expected) \
                and _is_item_title(paras[index + 1].plain) and not ITEM_RE.match(paras[index + 1].plain):
            starts.append((index, index + 1, index + 2, int(alone.group(1)), paras[index + 1].plain))
            index += 1
        else:
            index += 1
            continue
        expected = starts[-1][3] + 1
        index += 1
    if len(starts) < 2 and item_re is ITEM_RE:
        unstopped = _numbered_items(paras, header_at, NO_STOP_ITEM_RE)
        if len(unstopped) >= 2:
            return unstopped
    ends = [s[0] for s in starts[1:]] + [len(paras)]
    return [MinuteSpan(start, title, body, end, number, _title(text))
            for (start, title, body, number, text), end in zip(starts, ends)]


def _marked_items(paras: tuple[Para, ...], marks: list[int], header_at: int) -> list[MinuteSpan]:
    """Items found by the "(Item N)" under each title: the title is the lines just above the mark, the number
    the nearest number printed alone before it (or, where none is printed, N)."""
    found: list[dict] = []
    unnumbered: set[int] = set()
    previous = header_at
    for mark in marks:
        title_start = mark
        length = 0
        while title_start - 1 > previous and _together(paras[title_start - 1], paras[title_start]) \
                and length + len(paras[title_start - 1].plain) <= TITLE_LIMIT \
                and not NUMBER_ALONE_RE.match(paras[title_start - 1].plain) \
                and not RESOLVED_INLINE_RE.match(paras[title_start - 1].plain) \
                and not (title_start < mark and paras[title_start - 1].plain.endswith(".")):
            title_start -= 1
            length += len(paras[title_start].plain)
            if ITEM_RE.match(paras[title_start].plain):
                break  # "84. Apologies": the number and the title on one line
        if title_start == mark:
            previous = mark
            continue  # a mark with no title above it
        numbered = ITEM_RE.match(paras[title_start].plain)
        start, displaced = title_start, None
        if numbered:
            number = int(numbered.group(1))
        else:
            number_at = next((k for k in range(title_start - 1, previous, -1)
                              if NUMBER_ALONE_RE.match(paras[k].plain)), None)
            if number_at is not None:
                number = int(NUMBER_ALONE_RE.match(paras[number_at].plain).group(1))
                if number_at == title_start - 1:
                    start = number_at
                else:
                    displaced = number_at  # "288." printed among the declarations of minute 287
            else:
                number = int(re.match(r"\d+", ITEM_MARK_RE.match(paras[mark].plain).group(1)).group(0))
                unnumbered.add(title_start)
        title = " ".join(p.plain for p in paras[title_start:mark])
        if numbered:
            title = ITEM_RE.match(title).group(2)
        found.append({"start": start, "title": title_start, "body": mark, "number": number, "text": title,
                      "displaced": displaced})
        previous = mark
    spans = []
    for n, item in enumerate(found):
        end = found[n + 1]["start"] if n + 1 < len(found) else len(paras)
        spans.append(MinuteSpan(item["start"], item["title"], item["body"], end, item["number"], _title(item["text"]),
                                item["displaced"], item["title"] not in unnumbered))
    return spans


def _together(above: Para, below: Para) -> bool:
    """Lines of one title: on consecutive lines, or a short line with only a page break (its number, blank
    lines) between it and the rest."""
    gap = below.first - above.last
    return gap == 1 or (gap <= 5 and len(above.plain) <= 120 and not above.plain.endswith((".", ":", ";")))


def _title(text: str) -> str:
    return text.strip().removesuffix(".").strip()


def _people(paras: tuple[Para, ...]) -> tuple[list[Person], list[Person], str | None]:
    """Who was present and in attendance: each list under its label ("PRESENT", "In Attendance.") or after it
    ("PRESENT: Mr R W Gough (Chairman), Mr N Baker, …"), read whole so that a role in brackets may wrap."""
    lists: dict[str, list[str]] = {"present": [], "attendance": []}
    section = None
    for para in paras:
        text = para.text
        labelled = PEOPLE_RE.match(para.plain)
        if labelled:
            label = labelled.group("label").lower()
            section = "present" if label.endswith("present") and not label.startswith("also") else "attendance"
            text = labelled.group("rest")
        elif para.plain.lower().strip(" .:") in ("apologies", "apologies for absence") or \
                (para.plain.isupper() and len(para.plain) < 40):
            section = None
            continue
        if section and text.strip():
            lists[section].append(text)
    present = _names(" ".join(lists["present"]))
    attendance = _names(" ".join(lists["attendance"]))
    chair = next((p.name for p in present if p.role == "Chairman"), None)
    return present, attendance, chair


HONOURS_RE = re.compile(r"^(?:OBE|MBE|CBE|KBE|DBE|JP|MP|DL)\b")
CHAIR_ROLE_RE = re.compile(r"^(?:in the )?chair(?:man|person)?$", re.I)


def _names(text: str) -> list[Person]:
    """Names as minutes list them: one a line, two to a line, or run on with commas and a last "and"."""
    if not text.strip():
        return []
    names = split_names(text)
    if len(names) <= 1 and "," in text:
        names = [n for n in re.split(r",\s*(?![^()]*\))|\s+and\s+(?=[A-Z])(?![^()]*\))", plain(text)) if n.strip()]
    joined: list[str] = []
    for name in (n.strip(" ,") for n in names):
        if joined and HONOURS_RE.match(name):
            joined[-1] = f"{joined[-1]}, {name}"  # "Mr R C Love, OBE"
        elif name:
            joined.append(re.sub(r"\s+and$", "", name))
    people = []
    for name in joined:
        for part in re.split(r"(?<=\))\s+and\s+(?=[A-Z])|\s+and\s+(?=(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\b)", name):
            role = re.search(r"\s*\(([^()]+)\)\s*$", part)
            if role and not CHAIR_ROLE_RE.match(role.group(1).strip()):
                people.append(Person(part[:role.start()].strip(" ,"), role.group(1).strip()))
            else:
                people.append(person(part))
    return [p for p in people if p.name]


def _start_time(text: str) -> str | None:
    """"2.00 – 3.21pm" -> "14:00": the start takes the end's am/pm when it has none of its own."""
    match = re.match(r"^(\d{1,2}[.:]\d\d)\s*([ap]\.?m\.?)?\s*[–-]\s*\d{1,2}[.:]\d\d\s*([ap])\.?m", text, re.I)
    if not match:
        return None
    return find_time(f"{match.group(1)} {match.group(2) or match.group(3) + 'm'}")


def _is_item_title(title: str) -> bool:
    return len(title) <= 160 and not title.rstrip().endswith(("?", ":"))


def _item(span: MinuteSpan, title_para: Para, body: tuple[Para, ...]) -> MinuteItem:
    text = "\n".join(p.plain for p in body)
    ref = REPORT_REF_RE.search(text)
    # "(Item N)" under a numbered minute's title is the agenda item it took: its report's, unless the item is
    # procedural (apologies, declarations, the last minutes) or the mark is all the numbering there is.
    mark = next((ITEM_MARK_RE.match(p.plain) for p in body[:2] if ITEM_MARK_RE.match(p.plain)), None)
    if mark and (not span.numbered or PROCEDURAL_RE.match(span.title_text)):
        mark = None
    report_ref = int(ref.group(1)) if ref else int(re.match(r"\d+", mark.group(1)).group(0)) if mark else None
    return MinuteItem(
        number=span.number,
        title=span.title_text,
        line=title_para.first,
        text=text,
        resolutions=resolutions(body),
        report_ref=report_ref,
        questions=_questions(body) if "question" in span.title_text.lower() else (),
    )


def resolutions(paras: tuple[Para, ...]) -> tuple[str, ...]:
    """What was resolved: the points under "RESOLVED:", or an inline "RESOLVED that …" (whose lettered points,
    where it ends in a colon, are the resolutions)."""
    out: list[str] = []
    index = 0
    while index < len(paras):
        text = paras[index].plain
        inline = RESOLVED_INLINE_RE.match(text)
        if RESOLVED_RE.match(text) or (inline and inline.group("rest").rstrip().endswith(":")):
            points, index = _points(paras, index + 1)
            out.extend(points)
            continue
        if inline and inline.group("rest"):
            # "RESOLVED that pursuant to section 25 of the Local Government Act," / "County Council noted …":
            # a resolution wrapped onto lines the extractor did not join
            while not text.rstrip().endswith((".", ";", ":")) and index + 1 < len(paras) \
                    and paras[index + 1].first - paras[index].last <= 2 and not _starts_a_point(paras[index + 1]):
                index += 1
                text = f"{text} {paras[index].plain}"
            out.append(plain(text))
        index += 1
    return tuple(out)


def _starts_a_point(para: Para) -> bool:
    text = para.plain
    return bool(RESOLVED_INLINE_RE.match(text) or LETTERED_POINT_RE.match(text) or ITEM_RE.match(text)
                or NUMBER_ALONE_RE.match(text) or ITEM_MARK_RE.match(text) or SIGNATURE_RE.match(text))


def _points(paras: tuple[Para, ...], index: int) -> tuple[list[str], int]:
    """The resolutions under a "RESOLVED:" line: its lettered points if it has any, else every paragraph to
    the end of the item."""
    following = []
    while index < len(paras) and not RESOLVED_INLINE_RE.match(paras[index].plain):
        text = paras[index].plain
        if not (len(text) < 80 and re.search(r"\bin the chair\b", text, re.I)):
            following.append(paras[index])
        index += 1
    lettered = [n for n, p in enumerate(following) if LETTERED_POINT_RE.match(BULLET_RE.sub("", p.plain, count=1))]
    strip = re.compile(r"^\s*(?:[-*•]\s*)?\(?(?:[a-z]|[ivx]{1,4})[.)]\s*", re.I)
    if not lettered:
        return [plain(strip.sub("", BULLET_RE.sub("", p.text, count=1))) for p in following], index
    points = []
    for n in lettered:
        text = plain(strip.sub("", BULLET_RE.sub("", following[n].text, count=1)))
        for para in following[n + 1:]:  # a point wrapped onto lines the extractor did not join
            if n + 1 in lettered or not para.plain[:1].islower() or para.first - following[n].last > 1:
                break
            text, n = f"{text} {para.plain}", n + 1
        points.append(text)
    return points, index


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
        # A paragraph of the register, not an item of a list: "- “1. Is the County Council…" loses its dash.
        questions[-1][part].append(BULLET_RE.sub("", text, count=1))
    return tuple(Question(q["asker"], "\n\n".join(q["question"]), "\n\n".join(q["reply"]), q["replier"],
                          "\n\n".join(q["supplementary"]) or None, q["line"]) for q in questions)
