"""What each kind of page shows: one function per page kind, each giving (site path, template, context) for
its pages. Everything here is worked out from the archive the earlier stages made; nothing is written, and
nothing in the archive is changed. A template sees only its context, the settings, and the archive's documents
and meetings looked up through `incremental.reuse.Lookups` (so that a page is remade when they change)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..assemble.layout import wordings_apart
from ..config import SiteConfig
from ..model import Archive, Document
from ..read.dates import long_date
from .filters import KIND_NAMES, display_title_for, paragraph_labels, result_title

Page = tuple[str, str, dict]  # (site path, template, context)


@dataclass(frozen=True)
class SearchData:
    """What Pagefind is told about an indexed page (a meeting's or a document's) beyond its words: hidden on the
    page (`macros.search_data`), and given to the search stage as it is (its `sort`), so that the index of
    many parts is merged without reading the pages again."""
    kind: str  # "Meeting", "Report", …
    committee: str  # its name
    when: date | None
    title: str  # the result's title, saying what and when (`filters.result_title`)
    topics: tuple[str, ...] = ()
    doc: Document | None = None  # the document a page shows, whose numbered paragraphs results can land on

    @property
    def sort(self) -> dict[str, str]:
        return {"date": self.when.isoformat() if self.when else "0000-00-00"}

    @property
    def paragraphs(self) -> dict[str, str]:
        """Anchor -> what a result landing there is called. Worked out as the page is rendered, not for every
        page kept (a page's fingerprint has its document already)."""
        return paragraph_labels(self.doc.blocks) if self.doc else {}


@dataclass(frozen=True)
class Calendar:
    """What the lists of meetings share: meetings newest first by year, which minutes may still come, and the
    dates announced after each committee's last meeting here."""
    by_year: dict  # year -> [(meeting, its number of reports)], newest first
    awaiting: frozenset  # ids of meetings whose minutes can still come (no later pack of the committee is here)
    announced: list  # (committee slug, date, the meeting whose agenda announced it), in date order
    latest: object  # the newest meeting with a pack (else the newest), or None
    bodies: list  # committees with meetings here, when there is more than one to choose from


def calendar(archive: Archive, config: SiteConfig) -> Calendar:
    newest_first = sorted(archive.meetings, key=lambda m: m.date, reverse=True)
    reports = {m.id: sum(1 for d in m.documents if archive.document(d).kind == "report") for m in archive.meetings}
    by_year: dict[int, list] = {}
    for meeting in newest_first:
        by_year.setdefault(meeting.date.year, []).append((meeting, reports[meeting.id]))
    with_pack = [m for m in newest_first if m.details]
    latest = with_pack[0] if with_pack else (newest_first[0] if newest_first else None)
    # No build-time clock, so that builds stay identical: the pages say what is true on any day (dates
    # announced), and a script on the page says which is next by the reader's own clock.
    announced = announced_dates(archive)
    for _, when, _ in announced:
        by_year.setdefault(when.year, [])
    last_pack: dict[str, object] = {}
    for meeting in newest_first:
        if meeting.details:
            last_pack.setdefault(meeting.committee, meeting.date)
    # Minutes come with the committee's next pack: they can still come only while no later pack is here.
    awaiting = frozenset(m.id for m in archive.meetings if not m.minutes and m.date >= last_pack.get(m.committee, m.date))
    bodies = [c for c in config.committees if any(m.committee == c.slug for m in archive.meetings)]
    return Calendar(by_year, awaiting, announced, latest, bodies if len(bodies) > 1 else [])


def announced_dates(archive: Archive) -> list[tuple[str, object, object]]:
    """(committee, date, the meeting whose agenda announced it) for each meeting date a front sheet announces
    after the last meeting of its committee in the archive, in date order."""
    last: dict[str, object] = {}
    for meeting in archive.meetings:
        last[meeting.committee] = max(last.get(meeting.committee, meeting.date), meeting.date)
    found = {}
    for meeting in sorted(archive.meetings, key=lambda m: m.date):
        for when in meeting.details.future_dates if meeting.details else ():
            if when > last[meeting.committee]:
                found[(meeting.committee, when)] = meeting  # the latest agenda to announce it
    return sorted(((c, w, m) for (c, w), m in found.items()), key=lambda e: (e[1], e[0]))


def topic_counts(archive: Archive, config: SiteConfig) -> list:
    """Each topic with what its page lists: (papers, minute items, questions), not one sum called papers."""
    tagged = archive.topics
    return [(t, (len(tagged[t.slug].documents), len(tagged[t.slug].minute_items), len(tagged[t.slug].questions)))
            for t in config.topics]


def home_page(archive: Archive, config: SiteConfig, dates: Calendar) -> list[Page]:
    upcoming = [(when, by) for committee, when, by in dates.announced
                if dates.latest and committee == dates.latest.committee]
    return [("/", "index.html", {"latest": dates.latest, "announced": upcoming,
                                 "topics": topic_counts(archive, config)})]


def meetings_lists(dates: Calendar) -> list[Page]:
    """All meetings, and each committee's own list where there is more than one committee."""
    awaiting = sorted(dates.awaiting)
    out = [("/meetings/", "meetings.html", {"years": sorted(dates.by_year.items(), reverse=True), "awaiting": awaiting,
                                            "announced": dates.announced, "committee": None,
                                            "committees": dates.bodies})]
    for body in dates.bodies:
        years = {year: [(m, n) for m, n in listed if m.committee == body.slug] for year, listed in dates.by_year.items()}
        out.append((f"/meetings/{body.slug}/", "meetings.html", {
            "years": sorted(((y, listed) for y, listed in years.items()
                             if listed or any(c == body.slug and w.year == y for c, w, _ in dates.announced)),
                            reverse=True),
            "awaiting": awaiting, "announced": [a for a in dates.announced if a[0] == body.slug],
            "committee": body, "committees": dates.bodies}))
    return out


def standing_pages(archive: Archive, config: SiteConfig) -> list[Page]:
    """The pages every site has once: documents outside meetings, about, accessibility, search, topics,
    glossary, questions, actions, members."""
    return [
        ("/documents/", "documents.html", {"documents": [d for d in archive.documents if d.kind == "document"]}),
        ("/about/", "about.html", {"guide": wordings_apart(archive.questioning_guide)}),
        ("/accessibility/", "accessibility.html", {}),
        ("/search/", "search.html", {"topics": config.topics}),
        ("/topics/", "topics.html", {"topics": topic_counts(archive, config)}),
        ("/glossary/", "glossary.html", {"entries": archive.glossary_entries, "key_terms": [
            (term, meaning) for term, meaning in config.meanings.items()
            if term not in {acronym for acronym, _ in archive.glossary_entries}],  # an acronym's meaning is with it
            # Every expansion is spelt out beside its acronym, further down than an acronym used in one before it.
            "spells_out": "\n".join(expansion for _, meanings in archive.glossary_entries for expansion, _ in meanings)}),
        ("/questions/", "questions.html", {"questions": archive.questions, "members": archive.members}),
        ("/actions/", "actions.html", {"follow_ups": sorted(archive.follow_ups, key=lambda f: f.id, reverse=True)}),
        ("/members/", "members.html", {"members": archive.members}),
    ]


def topic_pages(archive: Archive, config: SiteConfig) -> list[Page]:
    questions = {q.id: q for q in archive.questions}
    out = []
    for topic in config.topics:
        items = archive.topics[topic.slug]
        out.append((f"/topics/{topic.slug}/", "topic.html", {
            "topic": topic, "documents": [archive.document(d) for d in items.documents],
            "minute_items": [(archive.document(m), next(i for i in archive.document(m).details.items if i.number == n))
                             for m, n in items.minute_items],
            "questions": [questions[q] for q in items.questions]}))
    return out


def member_pages(archive: Archive) -> list[Page]:
    questions = {q.id: q for q in archive.questions}
    return [(member.url, "member.html", {"member": member, "questions": [questions[q] for q in member.questions]})
            for member in archive.members]


def mentions(archive: Archive) -> dict[str, list[str]]:
    """Meeting or document id -> the documents that link to it, each once, in the archive's order."""
    mentioned_in: dict[str, list[str]] = {}
    for link in archive.links:
        if link.source not in mentioned_in.setdefault(link.target_id, []):
            mentioned_in[link.target_id].append(link.source)
    return mentioned_in


def meeting_pages(archive: Archive, config: SiteConfig, dates: Calendar, mentioned_in: dict) -> list[Page]:
    ordered = sorted(archive.meetings, key=lambda m: (m.committee, m.date))
    out = []
    for index, meeting in enumerate(ordered):
        previous = ordered[index - 1] if index and ordered[index - 1].committee == meeting.committee else None
        following = ordered[index + 1] if index + 1 < len(ordered) and ordered[index + 1].committee == meeting.committee else None
        out.append((meeting.url, "meeting.html", {"meeting": meeting, "previous": previous, "next": following,
                                                   "originals": originals_of(archive, meeting),
                                                   "minutes_may_come": meeting.id in dates.awaiting,
                                                   "committee": config.committee_by_slug(meeting.committee),
                                                   "follow_ups": [f for f in archive.follow_ups if f.meeting == meeting.id],
                                                   "mentioned_in": mentioned_in.get(meeting.id, []),
                                                   "unmatched": [archive.document(d) for d in meeting.documents
                                                                 if archive.document(d).kind == "report"
                                                                 and archive.document(d).agenda_item is None],
                                                   "search": meeting_search_data(meeting, config)}))
    return out


def meeting_search_data(meeting, config: SiteConfig) -> SearchData:
    committee = committee_name(config, meeting.committee)
    return SearchData("Meeting", committee, meeting.date,
                      result_title(f"Meeting of {long_date(meeting.date)}", "Meeting", committee, meeting.date))


def committee_name(config: SiteConfig, slug: str) -> str:
    committee = config.committee_by_slug(slug)
    return committee.name if committee else slug


def originals_of(archive: Archive, meeting) -> list:
    """The PDFs a meeting's page was built from: its pack's and those of the papers it shows."""
    sources = [meeting.source, *(archive.document(d).source for d in meeting.documents)]
    return [archive.originals[s] for s in dict.fromkeys(sources) if s in archive.originals]


def document_pages(archive: Archive, config: SiteConfig, mentioned_in: dict) -> list[Page]:
    spans: dict[str, dict] = {}
    for link in archive.links:
        spans.setdefault(link.source, {}).setdefault((link.block, link.item), []).append((link.start, link.end, link.target))
    doc_topics: dict[str, list[str]] = {}
    for topic in config.topics:
        for doc_id in archive.topics[topic.slug].documents:
            doc_topics.setdefault(doc_id, []).append(topic.name)
    display_title = display_title_for(archive)
    return [(doc.url, document_template(doc), {
        "doc": doc, "search_terms": archive.acronym_uses[doc.id][1],
        "meeting": archive.meeting(doc.meeting) if doc.meeting else None,
        "parent": archive.document(doc.parent) if doc.parent else None, "spans": spans.get(doc.id, {}),
        "original": archive.originals.get(doc.source), "mentioned_in": mentioned_in.get(doc.id, []),
        "search": document_search_data(doc, archive.meeting(doc.meeting) if doc.meeting else None, config,
                                       display_title(doc), doc_topics.get(doc.id, []))})
        for doc in archive.documents]


def document_search_data(doc: Document, meeting, config: SiteConfig, title: str, topics: list[str]) -> SearchData:
    kind = KIND_NAMES[doc.kind]
    committee = committee_name(config, meeting.committee) if meeting else "Documents outside meetings"
    return SearchData(kind, committee, doc.date, result_title(title, kind, committee, doc.date), tuple(topics), doc)


DOCUMENT_TEMPLATES = {"front-sheet": "agenda.html", "minutes": "minutes.html", "report": "report.html",
                      "appendix": "appendix.html", "document": "standalone.html"}


def document_template(doc: Document) -> str:
    """One template for each kind of document page."""
    return DOCUMENT_TEMPLATES[doc.kind]


def pages(archive: Archive, config: SiteConfig) -> list[Page]:
    """Every page as (site path, template, context)."""
    dates = calendar(archive, config)
    mentioned_in = mentions(archive)
    return [*home_page(archive, config, dates), *meetings_lists(dates), *standing_pages(archive, config),
            *topic_pages(archive, config), *member_pages(archive),
            *meeting_pages(archive, config, dates, mentioned_in), *document_pages(archive, config, mentioned_in)]
