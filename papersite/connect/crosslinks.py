"""Cross-links, found once every document is read and before any page is written.

- a dated mention of a meeting of the committee ("the minutes of the meeting held on 8 March 2022",
  "On 2 November 2021 the … Committee considered a report …") links to that meeting, and the word
  "report" in the same sentence to the report, when its title matches;
- "the report marked 'Agenda Item 9'" in minutes links to item 9 of the meeting those minutes record;
- the title of a standalone document links to its page.
A mention whose target is not in the archive stays plain text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..incremental.cache import Memo
from ..read.dates import find_dates
from .addresses import unlink_unpublishable
from ..read.matching import words
from ..read.minutes import REPORT_REF_RE
from ..model import Archive, Document
from ..read.text import plain
from .topics import document_digest, text_digest

CONTEXT_RE = re.compile(r"\b(?:meeting|committee|scrutiny|minutes|cabinet)\b", re.I)
REPORT_WORD_RE = re.compile(r"\breport\b", re.I)
MARKUP_RE = re.compile(r"</?u>", re.I)
# Links already in the text. A label holds no bracket and an address no parenthesis, so that each attempt
# stops at the next one: a run of "[" is read once, not once for each.
EXISTING_LINK_RE = re.compile(r"\[[^\[\]]*\]\([^()]*\)|<(?:https?|mailto):[^<>]+>|https?://\S+")


@dataclass(frozen=True)
class Link:
    source: str  # id of the document the link is in
    block: int  # index of the block in that document
    item: int | None  # index of the list item, or None for the block's own text
    start: int  # offsets in the text as displayed (see `displayed`)
    end: int
    target: str  # site path, perhaps with a fragment
    target_id: str  # the meeting or document linked to
    kind: str  # "meeting", "report-reference", "report", "document"


def displayed(text: str) -> str:
    """Source text as the page shows it, before markdown: links are found in this text."""
    return unlink_unpublishable(MARKUP_RE.sub("", text))


def find_links(archive: Archive, memo: Memo | None = None, jobs: int = 1) -> tuple[Link, ...]:
    """Every cross-link. What could be a link in a text (its dated mentions, report references and titles)
    is found once for each text and kept in `memo` (by up to `jobs` processes); what it links to is looked up
    in the archive each build."""
    standalone = [(d.id, _title_forms(d.title)) for d in archive.documents if d.kind == "document"]
    salt = text_digest(repr(standalone))
    memo = memo or Memo(None)

    def candidates(doc: Document) -> list:
        # They name blocks and list items by position: the document's digest holds its blocks' shape too.
        return memo.get(b"links" + document_digest(doc, memo) + salt, lambda: list(_candidates(doc, standalone)))

    found: list[Link] = []
    for doc, in_doc in zip(archive.documents, memo.each(candidates, archive.documents, jobs)):
        committee = archive.meeting(doc.meeting).committee if doc.meeting else None
        for index, item, taken, dates, references, titles in in_doc:
            # Only to name a report, seldom needed: the document's blocks are not unpickled otherwise.
            text = functools.cache(lambda doc=doc, index=index, item=item: displayed(
                doc.blocks[index].text if item is None else doc.blocks[index].items[item]))
            links = [*_meeting_mentions(doc, committee, dates, text, archive),
                     *_report_references(doc, references, archive),
                     *((start, end, archive.document(other).url, other, "document")
                       for other, start, end in titles if other != doc.id)]
            taken = list(taken)
            for start, end, target, target_id, kind in sorted(links):
                if any(start < b and a < end for a, b in taken):
                    continue  # never a link inside a link
                taken.append((start, end))
                found.append(Link(doc.id, index, item, start, end, target, target_id, kind))
    return tuple(found)


def _candidates(doc: Document, standalone: list[tuple[str, list[str]]]):
    """(block index, list item, links already there, dated mentions, report references, standalone titles) for
    each text of `doc` that names anything a link could go to: all found from the text alone."""
    for index, block in enumerate(doc.blocks):
        texts = [(None, block.text)] if block.kind == "para" else \
            list(enumerate(block.items)) if block.kind == "list" else []
        for item, raw in texts:
            text = displayed(raw)
            dates = [(when, start, end, _report_word(text, end)) for when, start, end in find_dates(text)
                     if CONTEXT_RE.search(text[max(0, start - 80):end + 120])]
            references = [(int(m.group(1)), m.start(), m.end()) for m in REPORT_REF_RE.finditer(text)]
            titles = [(other, *match.span()) for other, forms in standalone for match in _first_match(forms, text)]
            if dates or references or titles:
                taken = tuple(m.span() for m in EXISTING_LINK_RE.finditer(text))
                yield index, item, taken, dates, references, titles


def _report_word(text: str, end: int) -> tuple[int, int] | None:
    """The word "report" in the rest of the sentence after a date."""
    word = REPORT_WORD_RE.search(text, end, _sentence_end(text, end))
    return word.span() if word else None


def _first_match(forms: list[str], text: str) -> list[re.Match]:
    for title in forms:
        match = re.search(r"(?<!\w)" + re.escape(title) + r"(?!\w)", text, re.I)
        if match:
            return [match]
    return []


def _meeting_mentions(doc: Document, committee: str | None, dates, text, archive: Archive):
    if committee is None:
        return
    for when, start, end, word in dates:
        meeting_id = f"{committee}/{when.isoformat()}"
        if meeting_id == doc.meeting and doc.kind != "minutes":
            continue  # a paper's own meeting date: no link to the page it sits under
        meeting = _meeting(archive, meeting_id)
        if meeting is None:
            continue
        yield start, end, meeting.url, meeting.id, "meeting"
        # The report is named in the rest of the paragraph ("… the Written Statement of Action. That report
        # also included … the High Needs Block development programme.").
        report = _report_named_in(text()[start:], meeting, archive) if word else None
        if report:
            yield *word, report.url, report.id, "report"


def _report_references(doc: Document, references, archive: Archive):
    if doc.kind != "minutes":
        return
    meeting = _meeting(archive, doc.meeting)
    for number, start, end in references:
        item = next(((i, ids) for i, ids in meeting.agenda if i.number == number), None) if meeting else None
        if item is None:
            continue  # that meeting's agenda is not in the archive
        reports = [d for d in item[1] if archive.document(d).kind == "report"]
        target = archive.document(reports[0]).url if reports else f"{meeting.url}#item-{number}"
        yield start, end, target, reports[0] if reports else meeting.id, "report-reference"


def _title_forms(title: str) -> list[str]:
    """"Permanence and Adoption Strategy 2018-2021" is also mentioned as "Permanence and Adoption Strategy"."""
    short = re.sub(r"[\s(]*\d{4}\s*[-–/]\s*\d{2,4}\)?\s*$", "", title).strip()
    return [title] + ([short] if short != title and len(short.split()) >= 2 else [])


def _meeting(archive: Archive, meeting_id: str | None):
    try:
        return archive.meeting(meeting_id) if meeting_id else None
    except KeyError:
        return None


def _sentence_end(text: str, start: int) -> int:
    end = text.find(". ", start)
    return len(text) if end < 0 else end


def _report_named_in(passage: str, meeting, archive: Archive) -> Document | None:
    """The report of `meeting` whose title the passage names (most of its words), if exactly one does."""
    said = words(plain(passage))
    best = []
    for item, ids in meeting.agenda:
        for doc_id in ids:
            doc = archive.document(doc_id)
            if doc.kind != "report":
                continue
            title = words(item.title)
            if title and len(title & said) >= max(2, 0.6 * len(title)):
                best.append(doc)
    return best[0] if len(best) == 1 else None
