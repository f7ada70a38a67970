"""Put every pack together into one archive of meetings and documents.

Read everything first, then link: minutes in one pack belong to a meeting that
may have no pack of its own, and a meeting's minutes may arrive with a later pack.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .blocks import Block
from .config import SiteConfig
from .layout import appendix_blocks, minutes_blocks, plain_blocks, report_blocks, slug
from .read.matching import match_reports
from .messages import Log
from .model import AgendaItem, Appendix, Archive, Document, Meeting
from .read.pack import Pack


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


def build_archive(packs: list[Pack], config: SiteConfig, log: Log) -> Archive:
    drafts: dict[str, MeetingDraft] = {}
    documents: list[Document] = []
    guide: tuple[Block, ...] = ()
    debris: Counter = Counter()

    accepted: list[Pack] = []
    # Packs with a meeting of their own first, so that minutes can find the meeting they record.
    for pack in sorted(packs, key=lambda p: (p.standalone is not None, p.source.path)):
        if pack.standalone is not None:
            documents.append(_standalone(pack))
        elif pack.date is not None:
            meeting_id = f"{pack.committee.slug}/{pack.date.isoformat()}"
            existing = drafts.get(meeting_id)
            if existing and existing.pack:
                log.warn(pack.source.path, pack.front.date_line if pack.front else None,
                         f"this is a second pack for the meeting of {pack.date:%d %B %Y} "
                         f"(the first is {existing.pack.source.path}); skipped.",
                         "Remove one of the two files, or correct the date in a sidecar if they are different meetings.")
                continue
            draft = drafts.setdefault(meeting_id, MeetingDraft(meeting_id, pack.committee.slug, pack.date))
            draft.pack = pack
            documents.extend(_pack_documents(pack, draft, log))
        accepted.append(pack)
        debris.update(pack.debris.values())
        if pack.guide_paras:  # laid out for every pack: the cache keeps packs without their text
            laid = laid_out(pack, "guide", plain_blocks, pack.guide_paras)
            guide = guide or laid
            debris["questioning guide (published once, on the about page)"] += sum(len(p.lines) for p in pack.guide_paras)

    for pack in accepted:
        if pack.minutes is not None:
            documents.append(_minutes(pack, drafts, log))

    meetings = tuple(sorted((_meeting(d) for d in drafts.values()), key=lambda m: m.id))
    documents.sort(key=lambda d: natural_key(d.id))
    return Archive(meetings, tuple(documents), guide, dict(sorted(debris.items())),
                   tuple(sorted(p.source.path for p in accepted)))


def laid_out(pack: Pack, part, layout, *paras) -> tuple[Block, ...]:
    """The blocks `layout` makes of a part of the pack, made once and kept with it (`Pack.blocks`)."""
    if part not in pack.blocks:
        pack.blocks[part] = layout(*paras)
    return pack.blocks[part]


def natural_key(text: str) -> tuple:
    """Sort "item-9" before "item-10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _pack_documents(pack: Pack, draft: MeetingDraft, log: Log) -> list[Document]:
    source = pack.source.path
    front = pack.front
    docs: list[Document] = []
    if front:
        draft.time, draft.location = front.time, front.location
        draft.agenda = [(item, []) for item in front.agenda]
        front_id = f"{draft.id}/agenda"
        docs.append(Document(front_id, "front-sheet", f"Agenda for {draft.date.day} {draft.date:%B %Y}", source,
                             pack.front_paras[0].first, pack.front_paras[-1].last,
                             laid_out(pack, "front", plain_blocks, pack.front_paras),
                             meeting=draft.id, date=draft.date, details=front))
        draft.documents.append(front_id)
    titles = [r.report.title for r in pack.reports]
    matched = match_reports(front.agenda, titles) if front else [None] * len(titles)
    taken: Counter = Counter()
    for index, (parsed, item) in enumerate(zip(pack.reports, matched), start=1):
        report = parsed.report
        if item is not None:
            taken[item.number] += 1
            doc_id = f"{draft.id}/item-{item.number}" + (f"-{taken[item.number]}" if taken[item.number] > 1 else "")
        else:
            doc_id = f"{draft.id}/report-{index}"
        if report.date and report.date != draft.date:
            log.warn(source, parsed.heading[0].first,
                     f"this report's heading is dated {report.date:%d %B %Y}, but the pack is for {draft.date:%d %B %Y}.",
                     "Check the heading; the report is published with the pack's meeting.")
        appendix_ids, appendix_docs, missing = _appendices(pack, parsed, doc_id, draft, item, log)
        first = parsed.heading[0].first
        last = max(p.last for p in (parsed.body or parsed.heading))
        title = report.title or (item.title if item else f"Report {index}")
        docs.append(Document(doc_id, "report", title, source, first, last,
                             laid_out(pack, ("report", index), report_blocks, parsed.heading, parsed.body), meeting=draft.id,
                             agenda_item=item.number if item else None, report_of=report.report_of,
                             date=draft.date, details=report, appendices=tuple(appendix_ids),
                             missing_appendices=tuple(missing)))
        docs.extend(appendix_docs)
        draft.documents.extend([doc_id, *appendix_ids])
        for agenda_item, ids in draft.agenda:
            if item is not None and agenda_item.number == item.number:
                ids.extend([doc_id, *appendix_ids])
    return docs


def _appendices(pack: Pack, parsed, report_id: str, draft: MeetingDraft, item, log: Log):
    """Documents for the appendices found after a report, labelled as printed or else as listed, in order."""
    source = pack.source.path
    listed = list(parsed.report.listed_appendices)
    printed = {a.label for a in parsed.appendices if a.label}
    unclaimed = [a for a in listed if a.label not in printed]
    claimed: list[Appendix] = []
    ids, docs = [], []
    for position, found in enumerate(parsed.appendices, start=1):
        listed_as = next((a for a in listed if found.label and a.label == found.label), None)
        if found.label is None and unclaimed:
            listed_as = unclaimed.pop(0)
        if listed_as:
            claimed.append(listed_as)
        label = found.label or (listed_as.label if listed_as else None)
        title = (listed_as.title if listed_as and listed_as.title else None) or found.title
        if listed_as is None and label is None:
            log.warn(source, found.paras[0].first,
                     "this looks like an appendix, but it has no label and the report does not list it.",
                     "It is published as an appendix of this report; check that it belongs there.")
        doc_id = f"{report_id}/appendix-{slug(label) if label else position}"
        if doc_id in ids:
            doc_id = f"{doc_id}-{position}"
        ids.append(doc_id)
        docs.append(Document(doc_id, "appendix", title or (f"Appendix {label}" if label else "Appendix"), source,
                             found.paras[0].first, found.paras[-1].last,
                             laid_out(pack, ("appendix", report_id, position), appendix_blocks, found.paras, title),
                             meeting=draft.id, agenda_item=item.number if item else None, parent=report_id,
                             date=draft.date, label=label))
    missing = [a for a in listed if all(a is not c for c in claimed)]
    for appendix in missing:
        log.warn(source, parsed.heading[0].first,
                 f"the report lists Appendix {appendix.label or ''} ({appendix.title}), but it is not in the pack.",
                 "It is recorded as missing. If the pack should include it, extract it again from the PDF.")
    return ids, docs, missing


def _minutes(pack: Pack, drafts: dict[str, MeetingDraft], log: Log) -> Document:
    minutes = pack.minutes
    committee = pack.committee.slug
    recorded = minutes.date
    if recorded is None:
        log.warn(pack.source.path, pack.minutes_paras[0].first,
                 "the date of the meeting these minutes record could not be read; they are filed with this pack's meeting.",
                 "Check the first line of the minutes: 'Minutes of a meeting of … held at … on <date>.'")
        recorded = pack.date
    meeting_id = f"{committee}/{recorded.isoformat()}"
    draft = drafts.setdefault(meeting_id, MeetingDraft(meeting_id, committee, recorded))
    draft.time = draft.time or minutes.time
    draft.location = draft.location or minutes.place
    doc_id = f"{meeting_id}/minutes"
    draft.minutes = doc_id
    if pack.date is not None:
        carrier = f"{committee}/{pack.date.isoformat()}"
        if carrier != meeting_id:
            draft.minutes_confirmed_at = carrier
            drafts[carrier].carries_minutes_of = meeting_id
            drafts[carrier].documents.append(doc_id)
            for item, ids in drafts[carrier].agenda:
                if item.title.lower().startswith("minutes"):
                    ids.append(doc_id)
    paras = pack.minutes_paras
    return Document(doc_id, "minutes", f"Minutes of the meeting of {recorded.day} {recorded:%B %Y}", pack.source.path,
                    paras[0].first, paras[-1].last, laid_out(pack, "minutes", minutes_blocks, paras, pack.minute_spans),
                    meeting=meeting_id,
                    date=recorded, details=minutes)


def _standalone(pack: Pack) -> Document:
    paras = pack.standalone
    return Document(f"documents/{slug(pack.title)}", "document", pack.title, pack.source.path, paras[0].first,
                    paras[-1].last, laid_out(pack, "standalone", plain_blocks, paras), date=pack.date, date_precision=pack.date_precision)


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
