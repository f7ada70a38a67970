"""Read a report: its heading, its sections, and where its own text ends and its appendices begin.

A report runs from its heading to the next document. Its own text ends at a blank-page notice, at an
appendix's label ("Appendix B", "APPENDIX 1 - High Level Budget") standing apart from the report's list of
appendices, or, once the officers to contact have been listed, at the first text that is neither a contact
detail, a section nor a numbered paragraph, or at the next page. Where the appendices then start and what
each is called is `appendices`' job.
"""
from __future__ import annotations

import re

from ..model import Appendix, Report
from .dates import find_date
from .headings import COMMITTEE_WORD_RE, LABEL_RE, REPORT_OF_RE, table_fields
from .people import contacts, looks_like_contact_detail
from .text import NUMBERED_RE, Para

SECTION_NAMES = [
    r"purpose(?: of (?:the |this )?(?:report|paper))?", r"recommendations?(?:\(s\))?", r"summary(?: of (?:the )?report)?",
    r"policy framework(?: and previous decisions)?", r"background(?: papers| documents)?",
    r"(?:list of )?appendix|(?:list of )?appendices|attached documents|annex(?:es)?|enclosures?",
    r"circulation under the local issues alert procedure", r"equalit(?:y|ies) and h\w+ rights implications?",
    r"equal opportunities implications", r"human rights implications", r"officers?\(?s?\)? to contact",
    r"contact details", r"contact officers?", r"report authors?", r"resource implications", r"financial implications",
    r"legal implications", r"consultation", r"timetable for decisions", r"consultation and timetable for decisions",
    r"conclusions?", r"proposals?", r"crime and disorder implications", r"environmental implications",
    r"other relevant impact assessments", r"partnership working and associated issues", r"risk assessment",
    r"health implications", r"reasons? for (?:the )?recommendations?", r"next steps", r"introduction",
    r"options considered",
]
SECTION_RE = re.compile(rf"^(?:\d{{1,2}}\.\s*)?(?:{'|'.join(SECTION_NAMES)})\s*:?$", re.I)
CONTACT_SECTION_RE = re.compile(r"^(?:\d{1,2}\.\s*)?(?:officers?\(?s?\)? to contact|contact details|contact officers?|"
                                r"report authors?)\s*:?$", re.I)
LABEL_WORD = r"(?:appendix|annex|enclosure)"  # what a paper attached to a report is called
APPENDIX_LIST_SECTION_RE = re.compile(r"^(?:\d{1,2}\.\s*)?(?:(?:list of )?(?:appendix|appendices|annex|annexes|enclosures?)"
                                      r"|attached documents)\s*:?$",
                                      re.I)
BARE_LABEL_RE = re.compile(rf"^{LABEL_WORD}\s+([A-Z0-9]{{1,3}})\s*:?$", re.I)
LABEL_TITLE_RE = re.compile(rf"^{LABEL_WORD}\s+([A-Z0-9]{{1,3}})\s*[–:—-]\s*(.+)$", re.I)
LISTED_RE = re.compile(rf"{LABEL_WORD}(?:\s+([A-Z0-9]{{1,3}})\b)?\s*([–:—-]\s*)?(.*?)"
                       rf"(?=\s*\b{LABEL_WORD}\s+[A-Z0-9]{{1,3}}\s*[–:—-]|$)", re.I)
MENTION_RE = re.compile(rf"\b(?:attached (?:at|as)|set out (?:at|in)|shown (?:at|in)|see|in) {LABEL_WORD} ([A-Z]|\d{{1,2}})\b",
                        re.I)
LETTER_BESIDE_RE = re.compile(r"^\(?([a-z])\)\s+(\S.*)$", re.I)  # "a)   24-00093 - Decision Report", on one line
LETTER_ITEM_RE = re.compile(r"^\(?([a-z])\)$", re.I)  # "a)" alone, its attached document on the next line
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def title_case(text: str) -> str:
    """"DIRECTOR OF CHILDREN AND FAMILY SERVICES" -> "Director of Children and Family Services"."""
    words = text.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def parse_heading(paras: tuple[Para, ...]) -> tuple[str | None, object, str, str | None]:
    """Committee as printed, date, title as printed, and who the report is from."""
    if paras and LABEL_RE.match(paras[0].plain):
        return _table_heading(paras)
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
        elif committee is not None and not title_parts and when is None and COMMITTEE_WORD_RE.search(text) \
                and len(text) < 60:
            # "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY" / (blank) / "COMMITTEE": the name split by a gap
            committee, when = f"{committee} {_committee_and_date(text)[0]}".strip(), find_date(text)
        elif when is None and find_date(text) and len(text) < 30:
            when = find_date(text)
        else:
            title_parts.append(text)
    return committee, when, " ".join(title_parts), report_of


def _table_heading(paras: tuple[Para, ...]) -> tuple[str | None, object, str, str | None]:
    """From the labelled fields: "To: Cabinet – 4th March 2025" names the committee and the date, "Subject:"
    the title, "From:"/"By:" who the report is from."""
    fields = table_fields(paras, 0)
    by_role = {}
    for field in fields:
        by_role.setdefault(field.role, field.value)
    audience = by_role.get("audience", "")
    when = find_date(audience) or find_date(by_role.get("date", ""))
    committee = _committee_and_date(audience)[0] if audience else None
    return committee or None, when, by_role.get("subject", ""), by_role.get("author") or None


def _committee_and_date(text: str) -> tuple[str, object]:
    when = find_date(text)
    name = re.split(r"\s*[:–—-]\s*(?:\w+day,?\s+)?\d", text, maxsplit=1)[0]
    return name.strip(" :–-"), when


def listed_appendices(paras: list[Para]) -> tuple[Appendix, ...]:
    """The appendices a report lists: "Appendix A – title" entries, or ModernGov's attached documents, each
    a letter alone ("a)") with the document's name on the next line."""
    found: list[Appendix] = []
    letter = None
    for para in paras:
        lettered = LETTER_ITEM_RE.match(para.plain)
        if lettered:
            letter = lettered.group(1).lower()
            continue
        if letter:
            found.append(Appendix(f"{letter})", para.plain.rstrip(".")))
            letter = None
            continue
        beside = LETTER_BESIDE_RE.match(para.plain)
        if beside:
            found.append(Appendix(f"{beside.group(1).lower()})", beside.group(2).rstrip(".")))
            continue
        for match in LISTED_RE.finditer(para.plain):
            if not match.group(0).strip():
                continue
            title = match.group(3).strip().rstrip(".")
            if match.group(1) and not match.group(2):
                title = ""  # "Appendix B supports the indicator …" describes it; the appendix gives its own title
            if match.group(1) or title:
                found.append(Appendix(match.group(1).upper() if match.group(1) else None, title))
    return tuple(found)


def split_report(paras: tuple[Para, ...], blank_page_after: set[int], page_starts: frozenset[int] = frozenset(),
                 paged: bool = False) -> tuple[list[Para], tuple[Para, ...], Report]:
    """The report's own paras, what follows them (its appendices), and what the report says about itself.

    `blank_page_after` holds the line numbers of paras followed by a blank-page notice; `page_starts` the
    first lines of the paras that open the pack's pages, and `paged` says whether every page break is known
    (form feeds).
    """
    body: list[Para] = []
    sections: list[str] = []
    listing: list[Para] = []
    contact_texts: list[str] = []
    section = None
    contacted = False
    cut = None
    # Where the pack's pages are known, an appendix after the contacts starts on a page of its own: a short
    # line under the contacts mid-page is one of them (a two-column contacts table, read column by column).
    for index, para in enumerate(paras):
        text = para.plain
        listing_now = bool(section and APPENDIX_LIST_SECTION_RE.match(section))
        if index and (BARE_LABEL_RE.match(text) or (LABEL_TITLE_RE.match(text) and para.first in page_starts)) \
                and not listing_now:
            cut = index
            break
        if SECTION_RE.match(text):
            section = text.rstrip(" :")
            sections.append(section)
            contacted = contacted or bool(CONTACT_SECTION_RE.match(text))
            body.append(para)
        elif contacted and ((not paged and not _belongs_to_tail(paras, index, section))
                            or (paged and para.first in page_starts and not _belongs_to_tail(paras, index, section))
                            or (para.first in page_starts and not looks_like_contact_detail(text)
                                and not _continues_contacts(paras, index))):
            cut = index
            break
        else:
            body.append(para)
            if listing_now:
                listing.append(para)
            elif section and CONTACT_SECTION_RE.match(section):
                contact_texts.append(para.text)
        if para.last in blank_page_after and index + 1 < len(paras):
            cut = index + 1
            break
    listed_lines = {p.first for p in listing}
    mentioned = tuple(dict.fromkeys(m.group(1).upper() for p in body if p.first not in listed_lines
                                    for m in MENTION_RE.finditer(p.plain)))
    report = Report(None, None, "", None, tuple(sections), contacts(contact_texts), listed_appendices(listing),
                    mentioned)
    return body, paras[cut:] if cut is not None else (), report


def _belongs_to_tail(paras: tuple[Para, ...], index: int, section: str | None) -> bool:
    """After "Officers to contact": is this still the report (a contact, a numbered paragraph, a listed appendix)?"""
    text = paras[index].plain
    if NUMBERED_RE.match(paras[index].text) or looks_like_contact_detail(text) or text[:1].islower():
        return True  # a numbered paragraph, a contact, or a sentence carried on from the paragraph above
    if section and APPENDIX_LIST_SECTION_RE.match(section) and (re.match(rf"^{LABEL_WORD}\b", text, re.I)
                                                                or LETTER_ITEM_RE.match(text)):
        return True
    if section and CONTACT_SECTION_RE.match(section) and len(text) <= 240:
        # A name or a role (over two lines, perhaps): contact details follow within a few lines.
        return _continues_contacts(paras, index)
    return False


def _continues_contacts(paras: tuple[Para, ...], index: int) -> bool:
    return any(looks_like_contact_detail(p.plain) for p in paras[index + 1:index + 4])
