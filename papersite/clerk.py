"""`python build.py check FILE`: what the build understands of one pack, in a clerk's words, without publishing."""
from __future__ import annotations

import os
from pathlib import Path

from .archive import build_archive
from .checks import check_nothing_lost
from .config import SiteConfig
from .read.dates import long_date
from .messages import Log
from .read.pack import read_pack
from .read.sources import Unreadable, read_source


def check_file(path: Path, config: SiteConfig) -> tuple[list[str], Log, bool]:
    """The report's lines, the warnings, and whether the file could be read as papers at all."""
    log = Log()
    rel = os.path.relpath(path).replace(os.sep, "/")
    try:
        source = read_source(path, rel)
    except Unreadable as problem:
        log.warn(rel, None, problem.args[0] + ".", problem.args[1])
        return [f"{rel}: cannot be read."], log, False
    pack = read_pack(source, config, log)
    if pack is None:
        return [f"{rel}: not recognised as papers of a known committee."], log, False
    archive = build_archive([pack], config, log)
    coverage = check_nothing_lost([pack], archive, log)[0]
    lines = []
    if pack.standalone is not None:
        doc = archive.documents[0]
        lines.append(f"{rel}: a standalone document, \"{doc.title}\"" + (f", dated {doc.date}" if doc.date else ", undated") + ".")
    for meeting in archive.meetings:
        if meeting.source != rel:
            continue
        when = long_date(meeting.date) + (f" at {meeting.time}" if meeting.time else "")
        lines.append(f"{rel}: papers for the meeting of the {config.committee_by_slug(meeting.committee).name} "
                     f"on {when}" + (f", {meeting.location}" if meeting.location else "") + ".")
        if meeting.details is None:
            lines.append("  No front sheet: the date comes from the report headings.")
        lines.append(f"  Agenda: {len(meeting.agenda)} items.")
        for item, ids in meeting.agenda:
            found = [archive.document(i) for i in ids if archive.document(i).kind in ("report", "appendix")]
            lines.append(f"  {item.number:>3}. {item.title}" + (f" ({item.report_by})" if item.report_by else ""))
            for doc in found:
                what = "report" if doc.kind == "report" else f"appendix {doc.label or ''}".rstrip()
                lines.append(f"       {what}: {doc.title} (lines {doc.first}-{doc.last})")
            for doc in found:
                for missing in doc.missing_appendices:
                    lines.append(f"       MISSING: appendix {missing.label or ''} {missing.title} is listed but not in the pack")
        unmatched = [archive.document(i) for i in meeting.documents
                     if archive.document(i).kind == "report" and archive.document(i).agenda_item is None]
        for doc in unmatched:
            lines.append(f"  Report not matched to an agenda item: {doc.title} (lines {doc.first}-{doc.last})")
    for doc in archive.documents:
        if doc.kind == "minutes":
            minutes = doc.details
            confirmed = f", confirmed at the meeting of {long_date(pack.date)}" if pack.date and pack.date != doc.date else ""
            lines.append(f"  Minutes of the meeting of {long_date(doc.date)}{confirmed}: {len(minutes.items)} minute items, "
                         f"{sum(len(i.questions) for i in minutes.items)} questions (lines {doc.first}-{doc.last}).")
    if archive.debris:
        removed = ", ".join(f"{count} {kind}" for kind, count in archive.debris.items())
        lines.append(f"  Removed as boilerplate (lines): {removed}.")
    lines.append(f"  Every line placed on a page or named as boilerplate: "
                 f"{'yes' if not coverage.unplaced else f'no, {len(coverage.unplaced)} lines were not'}.")
    return lines, log, True
