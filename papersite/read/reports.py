"""Read a report: its heading, its sections, and where its appendices begin.

A report runs from its heading to the next document. Its appendices follow its
own text: after a blank-page notice, after a bare "Appendix B" label, or, once
the officers to contact have been listed, at the first text that is neither a
contact detail, a section nor a numbered paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_date
from ..model import Appendix, Report
from .people import contacts, looks_like_contact_detail
from .split import COMMITTEE_WORD_RE, REPORT_OF_RE
from .text import NUMBERED_RE, Para

SECTION_NAMES = [
    r"purpose(?: of (?:the |this )?(?:report|paper))?", r"recommendations?", r"summary(?: of (?:the )?report)?",
    r"policy framework(?: and previous decisions)?", r"background(?: papers)?", r"(?:list of )?appendix|(?:list of )?appendices",
    r"circulation under the local issues alert procedure", r"equalit(?:y|ies) and human rights implications?",
    r"equal opportunities implications", r"human rights implications", r"officers?\(?s?\)? to contact",
    r"resource implications", r"financial implications", r"legal implications", r"consultation",
    r"timetable for decisions", r"consultation and timetable for decisions", r"conclusions?", r"proposals?",
    r"crime and disorder implications", r"environmental implications", r"other relevant impact assessments",
    r"partnership working and associated issues", r"risk assessment", r"health implications",
    r"reasons? for (?:the )?recommendations?", r"next steps", r"introduction", r"options considered",
]
SECTION_RE = re.compile(rf"^(?:{'|'.join(SECTION_NAMES)})\s*:?$", re.I)
CONTACT_SECTION_RE = re.compile(r"^officers?\(?s?\)? to contact\s*:?$", re.I)
APPENDIX_LIST_SECTION_RE = re.compile(r"^(?:list of )?(?:appendix|appendices)\s*:?$", re.I)
BARE_LABEL_RE = re.compile(r"^appendix\s+([A-Z0-9]{1,3})\s*:?$", re.I)
LABEL_TITLE_RE = re.compile(r"^appendix\s+([A-Z0-9]{1,3})\s*[–:—-]\s*(.+)$", re.I)
LISTED_RE = re.compile(r"appendix(?:\s+([A-Z0-9]{1,3})\b)?\s*([–:—-]\s*)?(.*?)(?=\s*\bappendix\s+[A-Z0-9]{1,3}\s*[–:—-]|$)", re.I)
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


@dataclass(frozen=True)
class FoundAppendix:
    label: str | None  # as printed on the appendix itself
    title: str | None
    paras: tuple[Para, ...]


def title_case(text: str) -> str:
    """"DIRECTOR OF CHILDREN AND FAMILY SERVICES" -> "Director of Children and Family Services"."""
    words = text.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def parse_heading(paras: tuple[Para, ...]) -> tuple[str | None, object, str, str | None]:
    """Committee as printed, date, title as printed, and who the report is from."""
    groups: list[list[Para]] = []
    for para in paras:
        # Lines printed one under the other belong together ("REPORT OF THE" / "DIRECTOR OF …").
        if groups and para.first == groups[-1][-1].last + 1:
            groups[-1].append(para)
        else:
            groups.append([para])
    committee = report_of = None
    title_parts: list[str] = []
    when = None
    for group in groups:
        text = " ".join(p.plain for p in group)
        if REPORT_OF_RE.match(text):
            report_of = title_case(re.sub(r"^(?:joint )?report (?:of|from|by)\s+(?:the\s+)?", "", text, flags=re.I))
        elif COMMITTEE_WORD_RE.search(text) and find_date(text) and not title_parts and committee is None:
            committee, when = _committee_and_date(text)
        elif committee is None and not title_parts and COMMITTEE_WORD_RE.search(text) and when is None:
            committee = text.strip(" :–-")
        elif when is None and find_date(text) and len(text) < 30:
            when = find_date(text)
        else:
            title_parts.append(text)
    return committee, when, " ".join(title_parts), report_of


def _committee_and_date(text: str) -> tuple[str, object]:
    when = find_date(text)
    name = re.split(r"\s*[:–-]\s*\d", text, maxsplit=1)[0]
    return name.strip(" :–-"), when


def listed_appendices(paras: list[Para]) -> tuple[Appendix, ...]:
    found: list[Appendix] = []
    for para in paras:
        for match in LISTED_RE.finditer(para.plain):
            if not match.group(0).strip():
                continue
            title = match.group(3).strip().rstrip(".")
            if match.group(1) and not match.group(2):
                title = ""  # "Appendix B supports the indicator …" describes it; the appendix gives its own title
            if match.group(1) or title:
                found.append(Appendix(match.group(1).upper() if match.group(1) else None, title))
    return tuple(found)


def split_report(paras: tuple[Para, ...], blank_page_after: set[int]) -> tuple[list[Para], list[FoundAppendix], Report]:
    """The report's own paras, its appendices, and what the report says about itself.

    `blank_page_after` holds the line numbers of paras followed by a blank-page notice.
    """
    body: list[Para] = []
    sections: list[str] = []
    listing: list[Para] = []
    contact_texts: list[str] = []
    section = None
    contacted = False
    cut = None
    for index, para in enumerate(paras):
        text = para.plain
        if index and BARE_LABEL_RE.match(text):
            cut = index
            break
        if SECTION_RE.match(text):
            section = text.rstrip(" :")
            sections.append(section)
            contacted = contacted or bool(CONTACT_SECTION_RE.match(text))
            body.append(para)
        elif contacted and not _belongs_to_tail(paras, index, section):
            cut = index
            break
        else:
            body.append(para)
            if section and APPENDIX_LIST_SECTION_RE.match(section):
                listing.append(para)
            elif section and CONTACT_SECTION_RE.match(section):
                contact_texts.append(para.text)
        if para.last in blank_page_after and index + 1 < len(paras):
            cut = index + 1
            break
    listed = listed_appendices(listing)
    appendices = _appendices(paras[cut:], blank_page_after) if cut is not None else []
    report = Report(None, None, "", None, tuple(sections), contacts(contact_texts), listed)
    return body, appendices, report


def _belongs_to_tail(paras: tuple[Para, ...], index: int, section: str | None) -> bool:
    """After "Officers to contact": is this still the report (a contact, a numbered paragraph, a listed appendix)?"""
    text = paras[index].plain
    if NUMBERED_RE.match(paras[index].text) or looks_like_contact_detail(text):
        return True
    if section and APPENDIX_LIST_SECTION_RE.match(section) and re.match(r"^appendix\b", text, re.I):
        return True
    if section and CONTACT_SECTION_RE.match(section) and len(text) <= 120:
        # A name or a role: contact details follow within a few lines.
        return any(looks_like_contact_detail(p.plain) for p in paras[index + 1:index + 4])
    return False


def _appendices(paras: tuple[Para, ...], blank_page_after: set[int]) -> list[FoundAppendix]:
    groups: list[list[Para]] = [[]]
    for para in paras:
        if groups[-1] and BARE_LABEL_RE.match(para.plain) and not (len(groups[-1]) == 1 and _is_label_only(groups[-1])):
            groups.append([])
        groups[-1].append(para)
        if para.last in blank_page_after:
            groups.append([])
    found = []
    for group in (g for g in groups if g):
        label = title = None
        first = group[0].plain
        bare = BARE_LABEL_RE.match(first)
        if bare:
            label = bare.group(1).upper()
            rest = group[1].plain if len(group) > 1 else ""
            labelled = LABEL_TITLE_RE.match(rest)
            title = labelled.group(2).strip() if labelled and labelled.group(1).upper() == label else None
        else:
            labelled = LABEL_TITLE_RE.match(first)
            if labelled:
                label, title = labelled.group(1).upper(), labelled.group(2).strip()
        if title is None:
            title = next((p.plain for p in group if not BARE_LABEL_RE.match(p.plain) and len(p.plain) <= 150
                          and not p.is_table_row()), None)
        found.append(FoundAppendix(label, title, tuple(group)))
    return found


def _is_label_only(group: list[Para]) -> bool:
    return bool(BARE_LABEL_RE.match(group[0].plain))
