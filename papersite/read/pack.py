"""Read one source text into a `Pack`: its outline found (or taken from the clerk's sidecar), each document
read by its kind, and what the agenda promises checked against what was found. Nothing is yet linked to
other packs."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..config import Committee, SiteConfig
from ..messages import Log
from ..model import Appendix, FrontSheet, Minutes, Report
from .appendices import FoundAppendix
from .dates import find_date, find_time
from .frontsheet import parse_front_sheet
from .given import given_outline, outline_entries
from .minutes import MinuteSpan, parse_minutes
from .outline import Outline, find_outline
from .pages import Pages, item_shifts
from .reports import parse_heading, split_report, title_case
from .selfcheck import self_check
from .sources import Source
from .text import Para, clean

BODY_RE = re.compile(r"\b(?:panel|sub-?committee|committee|board|forum|group|commission|cabinet|council)\b", re.I)
SIDECAR_KEYS = {"title", "date", "committee", "time", "location", "kind", "outline"}


@dataclass
class ParsedReport:
    heading: tuple[Para, ...]
    body: list[Para]
    appendices: list[FoundAppendix]
    report: Report
    agenda_item: int | None = None
    missing: tuple[Appendix, ...] = ()  # listed by the report, not in the pack


@dataclass
class ParsedMinutes:
    paras: tuple[Para, ...]
    minutes: Minutes
    spans: list[MinuteSpan]
    committee: Committee  # the body whose meeting they record
    agenda_item: int | None = None  # the item of this pack's agenda that carries them


@dataclass
class Pack:
    source: Source
    debris: dict[int, str]
    pages: Pages | None = None
    committee: Committee | None = None
    date: date | None = None
    front: FrontSheet | None = None
    front_paras: tuple[Para, ...] = ()
    guides: list[tuple[Para, ...]] = field(default_factory=list)  # each copy of the questioning guide
    minutes: list[ParsedMinutes] = field(default_factory=list)
    reports: list[ParsedReport] = field(default_factory=list)
    standalone: tuple[Para, ...] | None = None
    title: str | None = None  # standalone documents
    date_precision: str = "day"  # "month" or "year" when a sidecar gives only those
    outline: tuple[dict, ...] = ()  # what `check FILE --outline` prints: each document's first line, kind, …
    front_pages: int = 0  # pages before the first paper: the agenda numbers pages from the next
    page_shifts: dict[int, int] = field(default_factory=dict)  # agenda item -> `pages.item_shifts`
    doubts: int = 0  # how many of its warnings doubt the reading (the self-check's)
    # Filled in by `assemble.record.lay_out`, which makes the pack's record (its paragraphs then become spans,
    # its guides `GuideCopy`s, its source text is dropped): each part's blocks (`assemble.laidout.Blocks`), by
    # its place in the pack; which lines they show (checks.Coverage, its messages); and the hash of the text
    # (set only on a record).
    blocks: dict[object, object] = field(default_factory=dict)
    coverage: tuple | None = None
    text_hash: str = ""

    @property
    def supplement(self) -> bool:
        return bool(self.front and self.front.supplement)


def normalise_name(text: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " and "))
    return " ".join(text.split())


@functools.lru_cache(maxsize=8)
def _known_names(committees: tuple[Committee, ...], council: str | None) -> tuple[tuple, str | None]:
    """Each committee's names, normalised, as (name, committee) pairs; and the council's name, normalised, if
    no committee is named the same (a paragraph's mention of the council is then left out of its reading).
    Worked out once for the settings, not for every paragraph of every pack: a county's thirty committees
    made the reading of their front sheets an eighth of the reading of their packs."""
    names = tuple((normalise_name(name), committee) for committee in committees for name in committee.names())
    council_name = normalise_name(council) if council else None
    return names, council_name if council_name not in {name for name, _ in names} else None


def match_committee(text: str | None, config: SiteConfig) -> Committee | None:
    """The configured committee `text` names: its slug, or one of its names within the text (the longest
    name found, so that "Corporate Parenting Panel" is not taken for a committee named "Council")."""
    if not text:
        return None
    names, council = _known_names(config.committees, config.council)
    wanted = f" {normalise_name(text)} "
    if council is not None:
        wanted = wanted.replace(f" {council} ", " ")
    slug = text.strip()
    found = [(len(name), committee) for name, committee in names if slug == committee.slug or f" {name} " in wanted]
    return max(found, key=lambda f: f[0])[1] if found else None


def committee_in_front_sheet(paras: tuple[Para, ...], config: SiteConfig) -> Committee | None:
    """The committee a front sheet without a "Meeting:" field names: on a line of its own ("CABINET",
    "CABINET - THURSDAY, 30 JANUARY 2025"), after "meeting of the", or else first."""
    best = None
    for order, para in enumerate(paras):
        committee = match_committee(para.plain, config)
        if committee is None:
            continue
        rest = normalise_name(para.plain)
        for name in committee.names():
            rest = rest.replace(normalise_name(name), " ")
        rest = re.sub(r"\b(?:agenda|meeting|the|of|a|for|\w+day|\d+\w*|january|february|march|april|may|june|july|"
                      r"august|september|october|november|december)\b", " ", rest)
        alone = not rest.strip()
        named = re.search(r"\bmeeting of the\b|\ba meeting of\b", para.plain, re.I)
        score = 3 if alone else 2 if named else 1
        if best is None or score > best[0]:
            best = (score, order, committee)
    return best[2] if best else None


def read_pack(source: Source, config: SiteConfig, log: Log) -> Pack | None:
    """The pack, or None (with a message) when it cannot be placed in the archive."""
    cleaned = clean(source.lines, config.footers, source.pdf.emphasis() if source.pdf else None)
    pack = Pack(source, cleaned.debris, cleaned.pages)
    sidecar = _check_sidecar(source, log)
    if not cleaned.paras:
        log.warn(source.path, None, "no text was found once page numbers and blank-page notices were removed; skipped.",
                 "Check that this is the extracted text of the papers.")
        return None
    blank_after = {p.last for p, q in zip(cleaned.paras, cleaned.paras[1:])
                   if any(cleaned.debris.get(n) == "blank-page notice" for n in range(p.last + 1, q.first))}
    outline = given_outline(sidecar.get("outline"), cleaned.paras, cleaned.pages, blank_after, source, log) \
        if "outline" in sidecar else None
    outline = outline or find_outline(cleaned.paras, cleaned.pages, blank_after,
                                      source.pdf.bookmarks if source.pdf else ())
    if [p.kind for p in outline.parts] == ["document"]:
        return _standalone(pack, outline.parts[0], cleaned.paras, sidecar, config, log)
    pack.front_pages = outline.front_pages
    _read_parts(pack, outline, cleaned.paras)
    pack.page_shifts = item_shifts(cleaned.pages, outline.front_pages,
                                   [(p.agenda_item, cleaned.paras[p.start].first) for p in outline.parts
                                    if p.agenda_item is not None and p.start < len(cleaned.paras)],
                                   pack.front.agenda if pack.front else ())
    pack.outline = outline_entries(outline, cleaned.paras, cleaned.pages, pack.page_shifts)
    printed = _printed_committees(pack)
    if sidecar.get("committee") and match_committee(sidecar["committee"], config) is None:
        log.warn(source.path, None, f"its sidecar names the committee {sidecar['committee']!r}, which is not in "
                 "site_config.yaml; the committee the pack itself names is used.",
                 f"Give one of the slugs in site_config.yaml: {', '.join(c.slug for c in config.committees)}.")
    pack.committee = match_committee(sidecar.get("committee"), config) or (
        committee_in_front_sheet(pack.front_paras, config) if pack.front else None) or next(
        (c for c in (match_committee(t, config) for t in printed) if c), None)
    if pack.committee is None:
        named = next((t for t in printed if t), None)
        hint = (f"Add \"{named}\" to `committees` in site_config.yaml (as a name or under also_known_as), "
                "or name the committee in a sidecar file.") if named else \
            "Add a sidecar YAML file beside it with `committee: <slug>` (see the README)."
        log.warn(source.path, _first_line(pack), f"no known committee is named in this pack"
                 f"{f' (it says {named!r})' if named else ''}; skipped.", hint)
        return None
    for parsed in pack.minutes:
        parsed.committee = _body_of(parsed.minutes, pack.committee, config, source, log, parsed.paras)
    pack.date = sidecar_date(sidecar, source, log)[0] or (pack.front.date if pack.front else None) or _report_date(pack)
    if pack.date is None and (pack.front or pack.reports or any(m.minutes.date is None for m in pack.minutes)):
        log.warn(source.path, _first_line(pack), "no meeting date could be found on a front sheet or in any report heading; skipped.",
                 "Add a sidecar YAML file beside it with `date: YYYY-MM-DD` (see the README).")
        return None
    if pack.front and (sidecar.get("time") or sidecar.get("location")):
        pack.front = replace(pack.front, time=find_time(str(sidecar.get("time", ""))) or pack.front.time,
                             location=sidecar.get("location") or pack.front.location)
    if pack.date is None and not pack.minutes:
        log.warn(source.path, _first_line(pack), "no front sheet, minutes or reports were recognised; skipped.",
                 "If it is a standalone document, give it a sidecar with its title and date (see the README).")
        return None
    before = len(log.messages)
    self_check(pack, outline, cleaned.paras, log)
    pack.doubts = len(log.messages) - before
    return pack


def _read_parts(pack: Pack, outline: Outline, paras: tuple[Para, ...]) -> None:
    """Each document of the outline read as its kind (a report as the outline read it, with its appendices)."""
    reports: dict[int, ParsedReport] = {}
    for n, part in enumerate(outline.parts):
        span = paras[part.start:part.end]
        if not span:
            continue
        if part.kind == "front-sheet":
            pack.front_paras = span
            pack.front = outline.front or parse_front_sheet(span)
        elif part.kind == "guide":
            pack.guides.append(span)
        elif part.kind == "minutes":
            minutes, spans = parse_minutes(span)
            pack.minutes.append(ParsedMinutes(span, minutes, spans, None, part.agenda_item))
        elif part.kind in ("report", "document"):  # in a pack, a document no heading names is one of its papers
            heading = span[:part.heading]
            committee, when, title, report_of = parse_heading(heading)
            # what the outline read of the report (a document the clerk's outline names has no reading of its own)
            report = outline.details.get(n) or split_report(span[part.heading:], set())[2]
            body = list(span[part.heading:])  # the outline has cut the report's own text from its appendices
            report = replace(report, committee=committee, date=when, title=part.title or title, report_of=report_of)
            reports[n] = ParsedReport(heading, body, [], report, part.agenda_item,
                                      tuple(outline.missing.get(n, ())))
            pack.reports.append(reports[n])
        elif part.kind == "appendix" and part.parent in reports:
            reports[part.parent].appendices.append(FoundAppendix(part.label, part.title, span, part.listed))


def _printed_committees(pack: Pack) -> list[str | None]:
    return [pack.front.committee if pack.front else None, *(m.minutes.committee for m in pack.minutes),
            *(r.report.committee for r in pack.reports)]


def _body_of(minutes: Minutes, committee: Committee, config: SiteConfig, source: Source, log: Log,
             paras: tuple[Para, ...]) -> Committee:
    """The body whose meeting the minutes record: the pack's committee, another configured one, or, for a
    body the settings do not name (a panel, a sub-committee), one named as the minutes print it."""
    printed = minutes.committee
    if not printed:
        return committee
    found = match_committee(printed, config)
    if found:
        return found
    if not BODY_RE.search(printed):
        return committee  # not the name of a body: the pack's own committee's minutes
    name = title_case(printed) if printed.isupper() else printed
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    log.warn(source.path, paras[0].first,
             f"these minutes are of the {name}, which is not one of the committees in site_config.yaml; they are "
             f"published under /meetings/{slug}/.",
             f"To name it as you wish, add it to `committees` (slug, name, also_known_as: [\"{printed}\"]).")
    return Committee(slug, name)


def _first_line(pack: Pack) -> int | None:
    return next((n for n, line in enumerate(pack.source.lines, 1) if line.strip()), None)


def _report_date(pack: Pack) -> date | None:
    dates = Counter(r.report.date for r in pack.reports if r.report.date)
    return dates.most_common(1)[0][0] if dates else None


TEXT_KEYS = ("title", "committee", "time", "location", "kind")  # sidecar keys whose value is a line of text


def _check_sidecar(source: Source, log: Log) -> dict:
    """The sidecar's keys this reading can use: unknown keys, and values of the wrong type, are named and
    ignored."""
    sidecar = dict(source.sidecar)
    for key in sorted(set(sidecar) - SIDECAR_KEYS, key=str):
        log.warn(source.path, None, f"its sidecar has an unknown key `{key}`, which is ignored.",
                 f"Known keys: {', '.join(sorted(SIDECAR_KEYS))}.")
        del sidecar[key]
    for key in TEXT_KEYS:
        if key != "time" and isinstance(sidecar.get(key), (int, float)) and not isinstance(sidecar[key], bool):
            sidecar[key] = str(sidecar[key])  # `title: 2030`; YAML reads `time: 14:00` as a number (840)
        if key in sidecar and not isinstance(sidecar[key], str):
            log.warn(source.path, None, f"its sidecar's `{key}` is {sidecar[key]!r}, not text; it is ignored.",
                     {"committee": "Give the committee's slug or its name, e.g. `committee: children-and-families`.",
                      "time": "Write it as printed, in quotes: `time: \"2.00 pm\"`."}.get(
                         key, f"Write it as text: `{key}: …`."))
            del sidecar[key]
    if "outline" in sidecar and not isinstance(sidecar["outline"], list):
        log.warn(source.path, None, "its sidecar's `outline` is not a list of entries; it is ignored.",
                 "Make it with `python build.py check FILE --outline`, which writes it in the right form.")
        del sidecar["outline"]
    return sidecar


def sidecar_date(sidecar: dict, source: Source, log: Log) -> tuple[date | None, str]:
    """The sidecar's date and how precise it is: "day", or "month"/"year" where only those are known."""
    value = sidecar.get("date")
    if value is None:
        return None, "day"
    if isinstance(value, datetime):  # only from an explicit `!!timestamp` (plain dates stay text in a sidecar)
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?", text):  # a date with a time
        text = text[:10]
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


def _standalone(pack: Pack, part, paras: tuple[Para, ...], sidecar: dict, config: SiteConfig, log: Log) -> Pack:
    segment = paras[part.start:part.end]
    pack.standalone = segment
    pack.committee = match_committee(sidecar.get("committee"), config)
    pack.title = str(sidecar["title"]).strip() if sidecar.get("title") else None
    pack.date, pack.date_precision = sidecar_date(sidecar, pack.source, log)
    if not pack.title:
        pack.title = segment[0].plain[:80].rstrip(" ,.;:") or pack.source.path.rsplit("/", 1)[-1]
        log.warn(pack.source.path, segment[0].first,
                 "this looks like a standalone document with no title of its own; its first words are used as the title.",
                 "Add a sidecar YAML file beside it with `title:` and `date:` (see the README).")
    return pack
