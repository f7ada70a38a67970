"""Read one source text into a `Pack`: its documents recognised, nothing yet linked to other packs."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..config import Committee, SiteConfig
from .dates import find_date, find_time
from .frontsheet import parse_front_sheet
from ..messages import Log
from .minutes import parse_minutes
from ..model import FrontSheet, Minutes, Report
from .reports import FoundAppendix, parse_heading, split_report
from .sources import Source
from .split import Segment, split
from .text import Para, clean

SIDECAR_KEYS = {"title", "date", "committee", "time", "location", "kind"}


@dataclass
class ParsedReport:
    heading: tuple[Para, ...]
    body: list[Para]
    appendices: list[FoundAppendix]
    report: Report


@dataclass
class Pack:
    source: Source
    debris: dict[int, str]
    committee: Committee | None = None
    date: date | None = None
    front: FrontSheet | None = None
    front_paras: tuple[Para, ...] = ()
    guide_paras: tuple[Para, ...] = ()
    minutes: Minutes | None = None
    minutes_paras: tuple[Para, ...] = ()
    minute_spans: list[tuple[int, int]] = field(default_factory=list)
    reports: list[ParsedReport] = field(default_factory=list)
    standalone: tuple[Para, ...] | None = None
    title: str | None = None  # standalone documents
    date_precision: str = "day"  # "month" or "year" when a sidecar gives only those
    # The blocks of the pack's documents, made from its paragraphs when the archive is put together and kept
    # with the pack in the build cache, so a rebuild does not lay out unchanged papers again.
    blocks: dict[object, tuple] = field(default_factory=dict)
    coverage: tuple | None = None  # (checks.Coverage, its messages), worked out once as the blocks are


def laid_out_only(pack: Pack) -> Pack:
    """The pack as the build cache keeps it once the archive has laid it out and checked it (`blocks`,
    `coverage`): each run of paragraphs keeps only where it begins and ends (all the archive still reads:
    the blocks hold the text), the questioning guide its line numbers, and the source its path (the build
    that finds the pack again has read the same text). A rebuild loads and holds far less."""
    def bare(paras):  # paragraphs are in the order of their lines
        return type(paras)([Para((paras[0].first,), "", ()), Para((paras[-1].last,), "", ())] if paras else [])
    return replace(pack, source=replace(pack.source, lines=()), front_paras=bare(pack.front_paras),
                   guide_paras=tuple(Para(p.lines, "", ()) for p in pack.guide_paras),
                   minutes_paras=bare(pack.minutes_paras),
                   standalone=bare(pack.standalone) if pack.standalone is not None else None,
                   reports=[replace(r, heading=bare(r.heading), body=bare(r.body),
                                    appendices=[replace(a, paras=bare(a.paras)) for a in r.appendices])
                            for r in pack.reports])


def normalise_name(text: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " and "))
    return " ".join(text.split())


def match_committee(text: str | None, config: SiteConfig) -> Committee | None:
    if not text:
        return None
    wanted = normalise_name(text)
    for committee in config.committees:
        if text.strip() == committee.slug or any(normalise_name(name) in wanted for name in committee.names()):
            return committee
    return None


def read_pack(source: Source, config: SiteConfig, log: Log) -> Pack | None:
    """The pack, or None (with a message) when it cannot be placed in the archive."""
    cleaned = clean(source.lines, config.footers)
    pack = Pack(source, cleaned.debris)
    sidecar = _check_sidecar(source, log)
    segments = split(cleaned.paras)
    if not segments:
        log.warn(source.path, None, "no text was found once page numbers and blank-page notices were removed; skipped.",
                 "Check that this is the extracted text of the papers.")
        return None
    if len(segments) == 1 and segments[0].kind == "document":
        return _standalone(pack, segments[0], sidecar, config, log)
    blank_after = {p.last for p, q in zip(cleaned.paras, cleaned.paras[1:])
                   if any(cleaned.debris.get(n) == "blank-page notice" for n in range(p.last + 1, q.first))}
    for segment in segments:
        _read_segment(pack, segment, blank_after)
    committee_texts = [pack.front.committee if pack.front else None, pack.minutes.committee if pack.minutes else None,
                       *(r.report.committee for r in pack.reports)]
    pack.committee = match_committee(sidecar.get("committee"), config) or next(
        (c for c in (match_committee(t, config) for t in committee_texts) if c), None)
    if pack.committee is None:
        printed = next((t for t in committee_texts if t), None)
        hint = (f"Add \"{printed}\" to `committees` in site_config.yaml (as a name or under also_known_as), "
                "or name the committee in a sidecar file.") if printed else \
            "Add a sidecar YAML file beside it with `committee: <slug>` (see the README)."
        log.warn(source.path, _first_line(pack), f"no known committee is named in this pack"
                 f"{f' (it says {printed!r})' if printed else ''}; skipped.", hint)
        return None
    pack.date = sidecar_date(sidecar, source, log)[0] or (pack.front.date if pack.front else None) or _report_date(pack)
    if pack.date is None and (pack.front or pack.reports):
        log.warn(source.path, _first_line(pack), "no meeting date could be found on a front sheet or in any report heading; skipped.",
                 "Add a sidecar YAML file beside it with `date: YYYY-MM-DD` (see the README).")
        return None
    if pack.front and (sidecar.get("time") or sidecar.get("location")):
        pack.front = replace(pack.front, time=find_time(str(sidecar.get("time", ""))) or pack.front.time,
                             location=sidecar.get("location") or pack.front.location)
    if pack.date is None and pack.minutes is None:
        log.warn(source.path, _first_line(pack), "no front sheet, minutes or reports were recognised; skipped.",
                 "If it is a standalone document, give it a sidecar with its title and date (see the README).")
        return None
    return pack


def _first_line(pack: Pack) -> int | None:
    return next((n for n, line in enumerate(pack.source.lines, 1) if line.strip()), None)


def _read_segment(pack: Pack, segment: Segment, blank_after: set[int]) -> None:
    if segment.kind == "front-sheet":
        pack.front_paras = segment.paras
        pack.front = parse_front_sheet(segment.paras)
    elif segment.kind == "questioning-guide":
        pack.guide_paras += segment.paras
    elif segment.kind == "minutes":
        pack.minutes_paras = segment.paras
        pack.minutes, pack.minute_spans = parse_minutes(segment.paras)
    elif segment.kind == "report":
        heading = segment.paras[:segment.heading_size]
        committee, when, title, report_of = parse_heading(heading)
        body, appendices, report = split_report(segment.paras[segment.heading_size:], blank_after)
        report = replace(report, committee=committee, date=when, title=title, report_of=report_of)
        pack.reports.append(ParsedReport(heading, body, appendices, report))


def _report_date(pack: Pack) -> date | None:
    dates = Counter(r.report.date for r in pack.reports if r.report.date)
    return dates.most_common(1)[0][0] if dates else None


def _check_sidecar(source: Source, log: Log) -> dict:
    for key in sorted(set(source.sidecar) - SIDECAR_KEYS):
        log.warn(source.path, None, f"its sidecar has an unknown key `{key}`, which is ignored.",
                 f"Known keys: {', '.join(sorted(SIDECAR_KEYS))}.")
    return source.sidecar


def sidecar_date(sidecar: dict, source: Source, log: Log) -> tuple[date | None, str]:
    """The sidecar's date and how precise it is: "day", or "month"/"year" where only those are known."""
    value = sidecar.get("date")
    if value is None:
        return None, "day"
    if isinstance(value, date):
        return value, "day"
    text = str(value).strip()
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return date(int(text), 1, 1), "year"
    if re.fullmatch(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])", text):
        return date(int(text[:4]), int(text[5:]), 1), "month"
    found = find_date(text)
    if found is None:
        try:
            found = date.fromisoformat(text)
        except ValueError:
            log.warn(source.path, None, f"its sidecar's date {value!r} is not a date; it is ignored.",
                     "Write it as YYYY-MM-DD (or YYYY-MM, or YYYY where only the year is known).")
    return found, "day"


def _standalone(pack: Pack, segment: Segment, sidecar: dict, config: SiteConfig, log: Log) -> Pack:
    pack.standalone = segment.paras
    pack.committee = match_committee(sidecar.get("committee"), config)
    pack.title = str(sidecar["title"]).strip() if sidecar.get("title") else None
    pack.date, pack.date_precision = sidecar_date(sidecar, pack.source, log)
    if not pack.title:
        pack.title = segment.paras[0].plain[:80].rstrip(" ,.;:") or pack.source.path.rsplit("/", 1)[-1]
        log.warn(pack.source.path, segment.paras[0].first,
                 "this looks like a standalone document with no title of its own; its first words are used as the title.",
                 "Add a sidecar YAML file beside it with `title:` and `date:` (see the README).")
    return pack
