"""The archive: what the papers say, as plain frozen data passed between the build's stages.

Every object remembers its source file and lines, so that every message and
every piece of open data can point back to `content/x.txt:412`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .assemble.blocks import Block


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None  # "Chairman", "Lead Member for Children and Families", …


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    report_by: str | None
    pages: tuple[int, int] | None
    line: int
    to_follow: bool = False  # printed "To follow": its papers come later, in a supplement


@dataclass(frozen=True)
class FrontSheet:
    committee: str | None  # the committee's name as printed
    date: date | None
    time: str | None
    location: str | None
    contact: Contact | None
    membership: tuple[Person, ...]
    agenda: tuple[AgendaItem, ...]
    future_dates: tuple[date, ...]
    confirms_minutes_of: date | None  # "Minutes of the meeting held on 7 September 2021"
    date_line: int | None
    supplement: bool = False  # a supplement's cover letter: papers published after the agenda


@dataclass(frozen=True)
class Question:
    asker: str
    question: str
    reply: str
    replier: str | None
    supplementary: str | None
    line: int


@dataclass(frozen=True)
class MinuteItem:
    number: int
    title: str
    line: int
    text: str  # the item's text without its title, for search and summaries
    resolutions: tuple[str, ...]
    report_ref: int | None  # N of "the report marked 'Agenda Item N'"
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Minutes:
    committee: str | None
    date: date | None  # the meeting these minutes record
    place: str | None
    time: str | None  # start time, from the closing "2.00 – 3.21pm"
    chair: str | None
    present: tuple[Person, ...]
    in_attendance: tuple[Person, ...]
    items: tuple[MinuteItem, ...]


@dataclass(frozen=True)
class Appendix:
    label: str | None  # "A", "1", or None when the papers give none
    title: str


@dataclass(frozen=True)
class Report:
    committee: str | None
    date: date | None  # from the heading
    title: str  # as printed in the heading
    report_of: str | None
    sections: tuple[str, ...]
    contacts: tuple[Contact, ...]
    listed_appendices: tuple[Appendix, ...]
    mentioned_appendices: tuple[str, ...] = ()  # labels its text refers to ("attached at Appendix 1")


@dataclass(frozen=True)
class PageStart:
    """Where a page of the pack begins in a document (`pagemarks`)."""
    number: int | None  # its number in the agenda's numbering ("Pages 5 - 12"), where the pack gives one
    sheet: int  # its page of the source file, from 1: of the PDF, or by the text's form feeds; 0 if not known
    before: int  # the block it begins before (len(blocks): after the last)


@dataclass(frozen=True)
class Original:
    """A PDF the site was built from, published beside its pages."""
    source: str  # "content/x.pdf"
    url: str  # "/papers/x.pdf"
    size: int  # bytes
    pages: int


@dataclass(frozen=True)
class Document:
    id: str
    kind: str  # "front-sheet", "minutes", "report", "appendix", "document"
    title: str
    source: str
    first: int
    last: int
    blocks: Sequence[Block]  # its part's `assemble.laidout.Blocks` (a tuple in tests)
    meeting: str | None = None
    agenda_item: int | None = None
    parent: str | None = None
    report_of: str | None = None
    date: date | None = None
    date_precision: str = "day"  # "month" or "year" when only those are known (from a sidecar)
    label: str | None = None  # appendices
    details: Report | Minutes | FrontSheet | None = None
    appendices: tuple[str, ...] = ()  # ids of this report's appendices
    missing_appendices: tuple[Appendix, ...] = ()
    published_later: bool = False  # in a supplement, after the agenda
    pages: tuple[PageStart, ...] = ()  # where each page of the pack begins in it

    @property
    def url(self) -> str:
        return url_for_document(self.id)


@dataclass(frozen=True)
class Meeting:
    id: str  # "<committee-slug>/<yyyy-mm-dd>"
    committee: str  # slug
    date: date
    time: str | None
    location: str | None
    source: str | None  # the pack that holds this meeting's agenda, if any
    front_sheet: str | None  # document id
    agenda: tuple[tuple[AgendaItem, tuple[str, ...]], ...]  # each item with its document ids
    documents: tuple[str, ...]  # every document of this meeting's pack, in order
    minutes: str | None  # id of the minutes that record this meeting
    minutes_confirmed_at: str | None  # the meeting whose pack carries those minutes
    carries_minutes_of: str | None  # the meeting whose minutes this pack carries
    details: FrontSheet | None = None

    @property
    def url(self) -> str:
        return f"/meetings/{self.id}/"


@dataclass(frozen=True)
class Archive:
    meetings: tuple[Meeting, ...]
    documents: tuple[Document, ...]
    # The standard page, once for each of its wordings (when first printed, its blocks), on the about page
    questioning_guide: tuple[tuple[date | None, tuple[Block, ...]], ...] = ()
    debris: dict = field(default_factory=dict)  # kind -> count of lines removed
    sources: tuple[str, ...] = ()  # the source texts the archive was made from
    links: tuple = ()  # cross-links between documents and meetings (link.Link), found after reading
    follow_ups: tuple = ()  # resolutions asking for something to come back (followups.FollowUp)
    questions: tuple = ()  # every question asked at a meeting (questions.AskedQuestion), newest first
    glossary: dict = field(default_factory=dict)  # acronym -> the archive's expansion (glossary.build_glossary)
    spelt_out: dict = field(default_factory=dict)  # meeting or document id -> its papers' own {acronym: expansion}
    topics: dict = field(default_factory=dict)  # topic slug -> topics.TopicItems
    bodies: tuple = ()  # config.Committee: bodies whose minutes the packs carry, not in the settings
    originals: dict = field(default_factory=dict)  # source path -> Original: the PDFs published beside the pages
    # What the connect stage works out for the pages, once all is read:
    acronym_uses: dict = field(default_factory=dict)  # document id -> (glossary acronyms it uses, those it is also found by)
    glossary_entries: tuple = ()  # glossary.glossary_uses: each acronym with its meanings and the papers using each
    members: tuple = ()  # members.Member, from attendance, membership lists and questions

    def document(self, doc_id: str) -> Document:
        return self._documents[doc_id]

    def meeting(self, meeting_id: str) -> Meeting:
        return self._meetings[meeting_id]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_documents", {d.id: d for d in self.documents})
        object.__setattr__(self, "_meetings", {m.id: m for m in self.meetings})


def url_for_document(doc_id: str) -> str:
    if doc_id.startswith("documents/"):
        return f"/{doc_id}/"
    return f"/meetings/{doc_id}/"
