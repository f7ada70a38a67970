"""`python build.py check FILE`: what the build understands of one pack, in a clerk's words, without
publishing; `check FILE --outline`: the outline it found, ready to save into the pack's sidecar and correct."""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from .assemble.archive import build_archive
from .assemble.checks import check_nothing_lost
from .assemble.record import lay_out
from .config import SiteConfig
from .messages import Log
from .read.dates import long_date
from .read.pack import Pack, read_pack
from .read.sources import Unreadable, read_any

KIND_NAMES = {"front-sheet": "front sheet", "guide": "standard page", "minutes": "minutes", "report": "report",
              "appendix": "appendix", "document": "document"}


def check_file(path: Path, config: SiteConfig) -> tuple[list[str], Log, bool]:
    """The report's lines, the warnings, and whether the file could be read as papers at all."""
    log = Log()
    rel = os.path.relpath(path).replace(os.sep, "/")
    readable, pack = _read(path, rel, config, log)
    if pack is not None:
        log.locate_pages([pack.source])
    if pack is None:
        return [f"{rel}: " + ("not recognised as papers of a known committee." if readable else "cannot be read.")], \
            log, False
    pack = lay_out(pack)  # its record, as the build assembles it: laid out once for the archive and the check
    archive = build_archive([pack], config, log)
    config = replace(config, committees=config.committees + archive.bodies)  # as the build shows them
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
        if pack.supplement:
            lines.append("  A supplement: its papers join the meeting's, marked as published later.")
        if meeting.details is None:
            lines.append("  No front sheet: the date comes from the report headings.")
        lines.append(f"  Agenda: {len(meeting.agenda)} items.")
        for item, ids in meeting.agenda:
            pages = f" (pages {item.pages[0]}-{item.pages[1]})" if item.pages else ""
            lines.append(f"  {item.number:>3}. {item.title}" + (f" ({item.report_by})" if item.report_by else "")
                         + pages + (" (to follow)" if item.to_follow else ""))
            for doc in (archive.document(i) for i in ids):
                what = {"report": "report", "minutes": "minutes"}.get(doc.kind, f"appendix {doc.label or ''}".rstrip())
                lines.append(f"       {what}: {doc.title} (lines {doc.first}-{doc.last})")
                for missing in doc.missing_appendices:
                    lines.append(f"       MISSING: appendix {missing.label or ''} {missing.title} is listed but not found")
        unmatched = [archive.document(i) for i in meeting.documents
                     if archive.document(i).kind == "report" and archive.document(i).agenda_item is None]
        for doc in unmatched:
            lines.append(f"  Report not matched to an agenda item: {doc.title} (lines {doc.first}-{doc.last})")
    for doc in archive.documents:
        if doc.kind == "minutes":
            minutes = doc.details
            body = doc.meeting.split("/")[0]
            if pack.committee and body != pack.committee.slug:
                whose = f"Minutes of the {config.committee_by_slug(body).name} meeting of {long_date(doc.date)}, " \
                        "another body's, carried by this pack"
            else:
                confirmed = f", confirmed at the meeting of {long_date(pack.date)}" \
                    if pack.date and pack.date != doc.date else ""
                whose = f"Minutes of the meeting of {long_date(doc.date)}{confirmed}"
            lines.append(f"  {whose}: {len(minutes.items)} minute items, "
                         f"{sum(len(i.questions) for i in minutes.items)} questions (lines {doc.first}-{doc.last}).")
    if pack.outline:
        lines.append("  Outline (each document's first line, kind, agenda item, pages, title; "
                     "`check FILE --outline` writes it for the sidecar):")
        lines.extend(outline_lines(pack))
    if archive.debris:
        removed = ", ".join(f"{count} {kind}" for kind, count in archive.debris.items())
        lines.append(f"  Removed as boilerplate (lines): {removed}.")
    lines.append(f"  Every line placed on a page or named as boilerplate: "
                 f"{'yes' if not coverage.unplaced else f'no, {len(coverage.unplaced)} lines were not'}.")
    lines.append(f"  Doubts about the reading: {pack.doubts} (below)." if pack.doubts else
                 "  Doubts about the reading: none: what the agenda lists was found.")
    return lines, log, True


def _read(path: Path, rel: str, config: SiteConfig, log: Log) -> tuple[bool, Pack | None]:
    """Whether the file could be read as text, and the pack it holds."""
    try:
        source = read_any(path, rel, log)
    except Unreadable as problem:
        log.warn(rel, None, problem.args[0] + ".", problem.args[1])
        return False, None
    return True, read_pack(source, config, log)


def numbered_text(path: Path) -> tuple[list[str] | None, Log]:
    """The text the build reads from the file, each line numbered, a PDF's pages marked where they begin."""
    log = Log()
    rel = os.path.relpath(path).replace(os.sep, "/")
    try:
        source = read_any(path, rel, log)
    except Unreadable as problem:
        log.warn(rel, None, problem.args[0] + ".", problem.args[1])
        return None, log
    out, page = [], 0
    for number, line in enumerate(source.lines, start=1):
        at = source.page_of_line(number)
        if at and at != page and line.strip("\f"):
            out.extend(f"{'':>6}  --- page {p} of the PDF ---" for p in range(page + 1, at + 1))
            page = at
        out.append(f"{number:>6}  {line.replace(chr(12), '')}".rstrip())
    return out, log


def outline_lines(pack: Pack) -> list[str]:
    rows = []
    for entry in pack.outline:
        kind = KIND_NAMES[entry["kind"]] + (f" {entry['label']}" if entry.get("label") else "")
        indent = "  " if entry["kind"] == "appendix" else ""
        item = f"item {entry['item']}" if entry.get("item") is not None else ""
        pages = f"pages {entry['pages'][0]}-{entry['pages'][1]}" if entry.get("pages") else ""
        rows.append(f"    {entry['line']:>6}  {indent}{kind:<{16 - len(indent)}} {item:<8} {pages:<13} "
                    f"{(entry.get('title') or '')[:70]}".rstrip())
    return rows


def outline_sidecar(path: Path, config: SiteConfig) -> tuple[str | None, Log]:
    """The outline found in the pack at `path`, as YAML for its sidecar, or None when it cannot be read."""
    log = Log()
    rel = os.path.relpath(path).replace(os.sep, "/")
    _, pack = _read(path, rel, config, log)
    if pack is None or not pack.outline:
        return None, log
    sidecar = path.with_suffix(".yaml").name
    out = [f"# The outline the build found in {path.name}. Save it into {sidecar} (beside any keys already",
           "# there), correct what is wrong, and the build will follow it. Each entry is where a document starts",
           "# (its first line, as `grep -n` counts), its kind (front-sheet, guide, minutes, report, appendix,",
           "# document), and for reports and appendices the agenda item, label and title.",
           "outline:"]
    if pack.source.pdf:
        out[4:4] = ["# For a PDF, the lines are those of its text as the build reads it: `python build.py check",
                    f"# {path.name} --text` prints them numbered, with the PDF's pages."]
    for entry in pack.outline:
        span = f"  # to line {entry['last']}" + (f", pages {entry['pages'][0]}-{entry['pages'][1]}"
                                                 if entry.get("pages") else "")
        if pack.source.pdf:
            span += f", PDF pages {pack.source.page_of_line(entry['line'])}-{pack.source.page_of_line(entry['last'])}"
        out.append(f"  - line: {entry['line']}{span}")
        out.append(f"    kind: {entry['kind']}")
        for key in ("item", "label", "title"):
            if entry.get(key) is not None:
                out.append(f"    {key}: {json.dumps(entry[key], ensure_ascii=False)}")
    return "\n".join(out) + "\n", log
