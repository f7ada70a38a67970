"""The archive as open data: `data/archive.json`, for journalists, civic developers and the tests."""
from __future__ import annotations

import json
from dataclasses import asdict

from .model import Archive, Document, Meeting

SCHEMA = 1


def archive_json(archive: Archive) -> str:
    data = {
        "schema": SCHEMA,
        "meetings": [_meeting(m) for m in archive.meetings],
        "documents": [_document(d) for d in archive.documents],
        "boilerplate_removed": archive.debris,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


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
             "pages": list(item.pages) if item.pages else None, "documents": list(ids)}
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


def _document(doc: Document) -> dict:
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
    }
    if doc.kind == "appendix":
        data["label"] = doc.label
    if doc.kind == "report":
        report = doc.details
        data["sections"] = list(report.sections)
        data["paragraphs"] = [int(b.number) for b in doc.blocks if b.kind == "para" and b.number]
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
