"""Put every pack together into one archive of meetings and documents.

Read everything first, then link: minutes in one pack belong to a meeting that
may have no pack of its own, and a meeting's minutes may arrive with a later pack.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import quote

from .blocks import Block
from ..config import Committee, SiteConfig
from .layout import slug
from .record import lay_out
from ..messages import Log
from ..model import AgendaItem, Archive, Document, Meeting, Original
from .pagemarks import page_starts, shifted
from ..read.dates import long_date
from ..read.matching import match_reports
from ..read.pack import Pack


@dataclass
class MeetingDraft:
    id: str
    committee: str
    date: date
    pack: Pack | None = None
    time: str | None = None
    location: str | None = None
    documents: list[str] = field(default_factory=list)
    agenda: list[tuple[AgendaItem, list[str]]] = field(default_factory=list)
    minutes: str | None = None
    minutes_confirmed_at: str | None = None
    carries_minutes_of: str | None = None
    taken: Counter = field(default_factory=Counter)  # documents so far for each agenda item (item-8, item-8-2)
    supplements: int = 0


def build_archive(packs: list[Pack], config: SiteConfig, log: Log) -> Archive:
    """The archive of these packs (each laid out first, where it is not yet a record: `record.lay_out`)."""
    packs = [lay_out(pack) for pack in packs]
    drafts: dict[str, MeetingDraft] = {}
    documents: list[Document] = []
    guides = Guides()
    debris: Counter = Counter()
    bodies: dict[str, Committee] = {}

    accepted: list[Pack] = []
    standalone_ids: set[str] = set()  # each standalone document's id, made unique as they are taken
    # Packs with a meeting of their own first, so that minutes can find the meeting they record; a meeting's
    # agenda pack (with its front sheet) before the supplements that add to it.
    for pack in sorted(packs, key=lambda p: (p.standalone is not None, p.supplement, p.front is None, p.source.path)):
        if pack.standalone is not None:
            documents.extend(_paged(pack, [_standalone(pack, standalone_ids, log)]))
        elif pack.date is not None:
            meeting_id = f"{pack.committee.slug}/{pack.date.isoformat()}"
            existing = drafts.get(meeting_id)
            if existing and existing.pack and _same_papers(existing.pack, pack):
                log.warn(pack.source.path, pack.front.date_line if pack.front else None,
                         f"this is a second copy of the pack for the meeting of {pack.date:%d %B %Y} "
                         f"(the first is {existing.pack.source.path}); skipped.",
                         "Remove one of the two files, or correct the date in a sidecar if they are different meetings.")
                continue
            draft = drafts.setdefault(meeting_id, MeetingDraft(meeting_id, pack.committee.slug, pack.date))
            if draft.pack is None:
                draft.pack = pack
                documents.extend(_paged(pack, _pack_documents(pack, draft, log)))
            else:  # a supplement: papers published after the agenda join its meeting
                documents.extend(_paged(pack, _pack_documents(pack, draft, log, supplement=True)))
        accepted.append(pack)
        debris.update(pack.debris.values())
        for copy, guide in enumerate(pack.guides):
            guides.add(pack, copy, guide)
            debris["questioning guide (published once, on the about page)"] += guide.lines

    for pack in accepted:
        for number, minutes in enumerate(pack.minutes):
            documents.extend(_paged(pack, [_minutes(pack, number, minutes, drafts, log)], lambda _: minutes.agenda_item))
            if config.committee_by_slug(minutes.committee.slug) is None:
                bodies[minutes.committee.slug] = minutes.committee

    meetings = tuple(sorted((_meeting(d) for d in drafts.values()), key=lambda m: m.id))
    documents.sort(key=lambda d: natural_key(d.id))
    originals = {p.source.path: Original(p.source.path, original_url(p.source.path), p.source.size,
                                         p.source.pdf.page_count) for p in accepted if p.source.pdf}
    return Archive(meetings, tuple(documents), guides.versions(), dict(sorted(debris.items())),
                   tuple(sorted(p.source.path for p in accepted)), bodies=tuple(bodies[k] for k in sorted(bodies)),
                   originals=dict(sorted(originals.items())))


def original_url(source: str) -> str:
    """Where a PDF in content/ is published: /papers/ and its path under content/, as a URL ("#" in a file's
    name is %23, not the start of a fragment)."""
    return "/papers/" + quote(source.split("/", 1)[1], safe="/")


def _paged(pack: Pack, docs: list[Document], item_of=None) -> list[Document]:
    """The documents with where each page of the pack begins in them, each agenda item's papers numbered from
    the page the agenda gives it (`read.pages.item_shifts`)."""
    out = []
    for doc in docs:
        marks = page_starts(doc.blocks, pack.pages, pack.front_pages, doc.first, doc.last)
        item = item_of(doc) if item_of else doc.agenda_item
        out.append(replace(doc, pages=shifted(marks, pack.page_shifts.get(item, 0))))
    return out


def _same_papers(first: Pack, second: Pack) -> bool:
    """A second pack for a meeting is a copy when it adds no paper of its own (else a supplement)."""
    if second.supplement:
        return False
    if first.text_hash == second.text_hash:
        return True
    titles = {r.report.title.lower() for r in first.reports}
    minutes = {m.minutes.date for m in first.minutes}
    return all(r.report.title.lower() in titles for r in second.reports) and \
        all(m.minutes.date in minutes for m in second.minutes)


class Guides:
    """The standard "Questioning by members" page, once for each wording: the papers printed it one way in
    2016 and others since, and a pack may keep only its last page. A copy whose words run within a wording
    already kept is that wording."""

    def __init__(self):
        self.kept: list[tuple[str, date | None, tuple[Block, ...]]] = []  # (words, first printed, blocks)

    def add(self, pack: Pack, copy: int, guide) -> None:
        words, laid = guide.words, pack.blocks[("guide", copy)]
        for n, (kept, when, blocks) in enumerate(self.kept):
            if words in kept or kept in words:
                if kept in words and len(words) > len(kept):
                    self.kept[n] = (words, _earlier(when, pack.date), laid)
                else:
                    self.kept[n] = (kept, _earlier(when, pack.date), blocks)
                return
        self.kept.append((words, pack.date, laid))

    def versions(self) -> tuple[tuple[date | None, tuple[Block, ...]], ...]:
        return tuple((when, blocks) for _, when, blocks in sorted(self.kept, key=lambda k: (k[1] or date.min, k[0])))


def _earlier(a: date | None, b: date | None) -> date | None:
    return min((d for d in (a, b) if d), default=None)


def natural_key(text: str) -> tuple:
    """Sort "item-9" before "item-10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _pack_documents(pack: Pack, draft: MeetingDraft, log: Log, supplement: bool = False) -> list[Document]:
    """The documents of a meeting's pack: its front sheet, reports and appendices; a supplement's join the
    meeting's, marked as published later."""
    source = pack.source.path
    front = pack.front
    docs: list[Document] = []
    later = supplement or pack.supplement
    if front:
        if not supplement:
            draft.time, draft.location = front.time, front.location
        numbers = {item.number for item, _ in draft.agenda}
        draft.agenda.extend((item, []) for item in front.agenda if item.number not in numbers)
        draft.agenda.sort(key=lambda entry: entry[0].number)
        if supplement:
            draft.supplements += 1
        front_id = f"{draft.id}/supplement" + (f"-{draft.supplements}" if draft.supplements > 1 else "") \
            if supplement else f"{draft.id}/agenda"
        title = (f"Supplement to the agenda for {long_date(draft.date)}" if later
                 else f"Agenda for {long_date(draft.date)}")
        docs.append(Document(front_id, "front-sheet", title, source, pack.front_paras[0].first, pack.front_paras[-1].last,
                             pack.blocks["front"],
                             meeting=draft.id, date=draft.date, details=front, published_later=later))
        draft.documents.append(front_id)
    items = {item.number: item for item, _ in draft.agenda}
    # A supplement's papers that its own cover letter does not list take the meeting's agenda items.
    unlisted = [n for n, p in enumerate(pack.reports) if p.agenda_item not in items]
    matched = dict(zip(unlisted, match_reports(tuple(i for i, ids in draft.agenda if not ids),
                                               [pack.reports[n].report.title for n in unlisted]))) \
        if supplement and unlisted else {}
    for index, parsed in enumerate(pack.reports, start=1):
        report = parsed.report
        item = items.get(parsed.agenda_item) or matched.get(index - 1)
        if item is not None:
            draft.taken[item.number] += 1
            taken = draft.taken[item.number]
            doc_id = f"{draft.id}/item-{item.number}" + (f"-{taken}" if taken > 1 else "")
        else:
            draft.taken["report"] += 1
            doc_id = f"{draft.id}/report-{draft.taken['report']}"
        opening = parsed.heading or parsed.body
        if report.date and report.date != draft.date:
            log.warn(source, opening[0].first,
                     f"this report's heading is dated {report.date:%d %B %Y}, but the pack is for {draft.date:%d %B %Y}.",
                     "Check the heading; the report is published with the pack's meeting.")
        appendix_ids, appendix_docs = _appendices(pack, index, parsed, doc_id, draft, item, later, log)
        first = opening[0].first
        last = max(p.last for p in (parsed.body or parsed.heading))
        title = _title(report.title or (item.title if item else f"Report {index}"), source, first, log)
        docs.append(Document(doc_id, "report", title, source, first, last,
                             pack.blocks[("report", index)], meeting=draft.id,
                             agenda_item=item.number if item else None, report_of=report.report_of,
                             date=draft.date, details=report, appendices=tuple(appendix_ids),
                             missing_appendices=tuple(parsed.missing), published_later=later))
        docs.extend(appendix_docs)
        draft.documents.extend([doc_id, *appendix_ids])
        for agenda_item, ids in draft.agenda:
            if item is not None and agenda_item.number == item.number:
                ids.extend([doc_id, *appendix_ids])
    return docs


def _appendices(pack: Pack, index: int, parsed, report_id: str, draft: MeetingDraft, item, later: bool, log: Log):
    """Documents for the appendices found after the pack's `index`th report, with the labels and titles the
    reading gave them. Their blocks are kept with the pack by the report's place in it, not by its id, which
    the meeting's other packs may change (a supplement's paper takes the meeting's agenda item)."""
    ids, docs = [], []
    for position, found in enumerate(parsed.appendices, start=1):
        label = found.label
        doc_id = f"{report_id}/appendix-{slug(label) if label else position}"
        base, n = doc_id, position
        while doc_id in ids:
            doc_id, n = f"{base}-{n}", n + 1
        ids.append(doc_id)
        docs.append(Document(doc_id, "appendix", _title(found.title or (f"Appendix {label}" if label else "Appendix"),
                                                        pack.source.path, found.paras[0].first, log),
                             pack.source.path, found.paras[0].first, found.paras[-1].last,
                             pack.blocks[("appendix", index, position)],
                             meeting=draft.id, agenda_item=item.number if item else None, parent=report_id,
                             date=draft.date, label=label, published_later=later))
    return ids, docs


def _minutes(pack: Pack, number: int, parsed, drafts: dict[str, MeetingDraft], log: Log) -> Document:
    minutes = parsed.minutes
    committee = parsed.committee.slug
    recorded = minutes.date
    paras = parsed.paras
    if recorded is None:
        log.warn(pack.source.path, paras[0].first,
                 "the date of the meeting these minutes record could not be read; they are filed with this pack's meeting.",
                 "Check the first line of the minutes: 'Minutes of a meeting of … held at … on <date>.'")
        recorded = pack.date
    meeting_id = f"{committee}/{recorded.isoformat()}"
    draft = drafts.setdefault(meeting_id, MeetingDraft(meeting_id, committee, recorded))
    draft.time = draft.time or minutes.time
    draft.location = draft.location or minutes.place
    doc_id = f"{meeting_id}/minutes"
    if draft.minutes is not None:  # the same meeting's minutes printed again in another pack: both kept
        draft.taken["minutes"] += 1
        doc_id = f"{meeting_id}/minutes-{draft.taken['minutes'] + 1}"
        log.warn(pack.source.path, paras[0].first,
                 f"the minutes of the meeting of {long_date(recorded)} are in another pack too; both are published.",
                 "If they are the same, remove them from one of the packs.")
    else:
        draft.minutes = doc_id
    if pack.date is not None:
        carrier = f"{pack.committee.slug}/{pack.date.isoformat()}"
        if carrier != meeting_id and carrier in drafts:
            draft.minutes_confirmed_at = draft.minutes_confirmed_at or carrier
            carried = drafts[carrier].carries_minutes_of  # its own committee's minutes, before another body's
            if carried is None or (committee == pack.committee.slug and not carried.startswith(f"{committee}/")):
                drafts[carrier].carries_minutes_of = meeting_id
            drafts[carrier].documents.append(doc_id)
            for item, ids in drafts[carrier].agenda:
                if item.number == parsed.agenda_item or (parsed.agenda_item is None
                                                         and item.title.lower().startswith("minutes")):
                    ids.append(doc_id)
    return Document(doc_id, "minutes", f"Minutes of the meeting of {long_date(recorded)}", pack.source.path,
                    paras[0].first, paras[-1].last,
                    pack.blocks[("minutes", number)],
                    meeting=meeting_id, date=recorded, details=minutes)


TITLE_MOST = 300  # characters of a title: the longest real ones are under 200; past this, the text is damaged


def _title(title: str, source: str, line: int | None, log: Log) -> str:
    """A document's title, cut short (with a warning) where it runs past `TITLE_MOST`: a title is shown in
    every list, breadcrumb and search result, and a damaged text made one of ten million characters. The
    whole text stays on the page."""
    if len(title) <= TITLE_MOST:
        return title
    log.warn(source, line, f"this title is {len(title):,} characters long; it is shown cut to its first "
             f"{TITLE_MOST}. The whole text is on the page.",
             "Check the text was extracted whole, or give the title in a sidecar (`title:`).")
    return title[:TITLE_MOST].rstrip() + "…"


def _standalone(pack: Pack, taken: set[str], log: Log) -> Document:
    """A document outside any meeting, at /documents/<its title's slug>/; a second document whose title gives
    the same slug (titles sharing their first words) gets "-2", and so on, so that no page overwrites another."""
    paras = pack.standalone
    doc_id = base = f"documents/{slug(pack.title)}"
    n = 1
    while doc_id in taken:
        n += 1
        doc_id = f"{base}-{n}"
    if n > 1:
        log.warn(pack.source.path, paras[0].first if paras else None,
                 f"another document's title gives the same address, so this one is published at /{doc_id}/.",
                 "Give one of them a different `title:` in a sidecar if the addresses should say more.")
    taken.add(doc_id)
    return Document(doc_id, "document", _title(pack.title, pack.source.path, paras[0].first if paras else None, log),
                    pack.source.path, paras[0].first,
                    paras[-1].last, pack.blocks["standalone"], date=pack.date, date_precision=pack.date_precision)


def _meeting(draft: MeetingDraft) -> Meeting:
    front = draft.pack.front if draft.pack else None
    return Meeting(
        id=draft.id, committee=draft.committee, date=draft.date, time=draft.time, location=draft.location,
        source=draft.pack.source.path if draft.pack else None,
        front_sheet=f"{draft.id}/agenda" if front else None,
        agenda=tuple((item, tuple(ids)) for item, ids in draft.agenda),
        documents=tuple(draft.documents), minutes=draft.minutes,
        minutes_confirmed_at=draft.minutes_confirmed_at, carries_minutes_of=draft.carries_minutes_of,
        details=front,
    )
