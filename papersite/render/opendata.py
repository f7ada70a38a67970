"""The archive as open data: `data/archive.json`, for journalists, civic developers and the tests."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..assemble.laidout import numbered_paragraphs
from ..assemble.pagemarks import printed_range, sheet_range
from ..incremental.cache import Memo
from ..incremental.reuse import document_fingerprint, fingerprint
from ..model import Archive, Document, Meeting

SCHEMA = 1
DOCUMENT_KEY = b"open-data-document|"  # how each document's record is kept in the memo: then a digest of all it
# is made from


def archive_json(archive: Archive, memo: Memo | None = None) -> str:
    """The open data file. Each document's record (as JSON) is kept in `memo` by all it is made from: making
    them was two thirds of the file's time (its paragraphs' blocks loaded and numbered, dataclasses turned into
    dicts, then encoded): profiled, 0.75 s of the 1.27 s it took in a county's rebuild, on the processors the
    search stage shares."""
    topics_of: dict[str, list[str]] = {}
    for slug, items in archive.topics.items():
        for doc_id in items.documents:
            topics_of.setdefault(doc_id, []).append(slug)
    data = {
        "schema": SCHEMA,
        "meetings": [_meeting(m) for m in archive.meetings],
        "documents": [_kept_document(d, topics_of.get(d.id, []), archive.spelt_out.get(d.id, {}), archive.originals,
                                     memo) for d in archive.documents],
        "originals": [{"source": o.source, "url": o.url, "bytes": o.size, "pages": o.pages}
                      for o in archive.originals.values()],
        "boilerplate_removed": archive.debris,
        "links": [{"from": link.source, "to": link.target_id, "url": link.target, "kind": link.kind}
                  for link in archive.links],
        "follow_ups": [{"id": f.id, "meeting": f.meeting, "minutes": f.minutes, "minute": f.minute,
                        "resolution": f.resolution, "subject": f.subject,
                        "status": "answered" if f.answered_by else "no later report found yet",
                        "answered_by": f.answered_by} for f in archive.follow_ups],
        "questions": [{"id": q.id, "meeting": q.meeting, "date": q.date.isoformat(), "minutes": q.minutes,
                       "minute": q.minute, "by_member": q.by_member, "asker": q.question.asker,
                       "question": q.question.question, "reply": q.question.reply, "replier": q.question.replier,
                       "supplementary": q.question.supplementary,
                       "topics": sorted(t for t, items in archive.topics.items() if q.id in items.questions)}
                      for q in archive.questions],
        "glossary": archive.glossary,
        "topics": {slug: {"documents": items.documents,
                          "minute_items": [{"minutes": m, "number": n} for m, n in items.minute_items],
                          "questions": items.questions} for slug, items in archive.topics.items()},
    }
    return _one_record_a_line(data)


def _one_record_a_line(data: dict) -> str:
    """The JSON of `data` with each item of its lists on a line of its own: readable, and a changed record is
    a changed line. Written by json's fast encoder, which indentation would turn off (a tenth of a rebuild)."""
    def dumps(value) -> str:
        return value if isinstance(value, _Encoded) else json.dumps(value, ensure_ascii=False)
    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            records = ",\n  ".join(dumps(record) for record in value)
            fields.append(f"{dumps(key)}: [\n  {records}\n ]")
        else:
            fields.append(f"{dumps(key)}: {dumps(value)}")
    return "{\n " + ",\n ".join(fields) + "\n}\n"


class _Encoded(str):
    """A record already encoded as JSON."""


def _kept_document(doc: Document, topics: list[str], acronyms: dict[str, str], originals: dict,
                   memo: Memo | None) -> _Encoded:
    """`_document`'s record, encoded, from `memo` if it was made from the same: the document itself, as its page
    knows it (`incremental.reuse.document_fingerprint`), its topics, the acronyms it spells out and its
    original's address."""
    def make() -> str:
        return json.dumps(_document(doc, topics, acronyms, originals), ensure_ascii=False)
    pack = memo.packs.get(doc.source) if memo else None
    if not pack:  # a build without the cache
        return _Encoded(make())
    original = originals[doc.source].url if doc.source in originals else None
    key = DOCUMENT_KEY + fingerprint((document_fingerprint(doc, pack), topics, acronyms, original))
    return _Encoded(memo.get(key, make))


def _meeting(meeting: Meeting) -> dict:
    front = meeting.details
    return {
        "id": meeting.id,
        "committee": meeting.committee,
        "date": meeting.date.isoformat(),
        "time": meeting.time,
        "location": meeting.location,
        "url": meeting.url,
        "agenda": [
            {"number": item.number, "title": item.title, "report_by": item.report_by,
             "pages": list(item.pages) if item.pages else None, "documents": list(ids),
             **({"to_follow": True} if item.to_follow else {})}
            for item, ids in meeting.agenda
        ],
        "minutes": meeting.minutes,
        "minutes_confirmed_at": meeting.minutes_confirmed_at,
        "carries_minutes_of": meeting.carries_minutes_of,
        "documents": list(meeting.documents),
        "source": meeting.source,
        "contact": asdict(front.contact) if front and front.contact else None,
        "membership": [asdict(p) for p in front.membership] if front else [],
        "future_meetings": [d.isoformat() for d in front.future_dates] if front else [],
    }


def printed_date(doc: Document) -> str | None:
    """"2021-11-02", or "2018" / "2018-04" where only the year or month is known."""
    if doc.date is None:
        return None
    return {"year": doc.date.isoformat()[:4], "month": doc.date.isoformat()[:7]}.get(doc.date_precision, doc.date.isoformat())


def _document(doc: Document, topics: list[str], acronyms: dict[str, str], originals: dict) -> dict:
    data = {
        "id": doc.id,
        "kind": doc.kind,
        "meeting": doc.meeting,
        "agenda_item": doc.agenda_item,
        "parent": doc.parent,
        "title": doc.title,
        "report_of": doc.report_of,
        "date": printed_date(doc),
        "url": doc.url,
        "source": doc.source,
        "lines": [doc.first, doc.last],
        "pages": list(printed_range(doc.pages) or ()) or None,  # in the agenda's numbering
        "source_pages": list(sheet_range(doc.pages) or ()) or None,  # of the source file (the PDF)
        "topics": sorted(topics),
        "acronyms": acronyms,  # those the document spells out, as it spells them
    }
    if doc.source in originals and doc.pages:
        data["original"] = f"{originals[doc.source].url}#page={doc.pages[0].sheet}"
    if doc.published_later:
        data["published_later"] = True  # in a supplement, after the agenda
    if doc.kind == "appendix":
        data["label"] = doc.label
    if doc.kind == "report":
        report = doc.details
        data["sections"] = list(report.sections)
        data["paragraphs"] = list(numbered_paragraphs(doc.blocks))
        data["contacts"] = [asdict(c) for c in report.contacts]
        data["appendices"] = list(doc.appendices)
        data["missing_appendices"] = [asdict(a) for a in doc.missing_appendices]
    if doc.kind == "minutes":
        minutes = doc.details
        data["chair"] = minutes.chair
        data["present"] = [asdict(p) for p in minutes.present]
        data["in_attendance"] = [asdict(p) for p in minutes.in_attendance]
        data["minute_items"] = [
            {"number": item.number, "title": item.title, "resolutions": list(item.resolutions),
             "report_ref": item.report_ref,
             "questions": [{"asker": q.asker, "question": q.question, "reply": q.reply, "replier": q.replier,
                            "supplementary": q.supplementary, "line": q.line} for q in item.questions]}
            for item in minutes.items
        ]
    return data
