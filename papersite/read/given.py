"""The clerk's outline: where the reading is wrong, the pack's sidecar says where each document starts.

    outline:
      - line: 1
        kind: front-sheet
      - line: 60
        kind: minutes
      - line: 917
        kind: report
        item: 5
        title: Late changes to the 2025-26 budget
      - line: 1192
        kind: appendix
        label: "1"
        title: High Level 2025-26 Budget and Financing

Each entry is a document's first line (as `grep -n` counts), its kind (front-sheet, guide, minutes, report,
appendix, document), and for reports and appendices the agenda item, title and label; an appendix belongs to
the report before it. `check FILE --outline` prints the outline the build found in this form, ready to save
into the sidecar and edit. The build then follows it exactly.
"""
from __future__ import annotations

import bisect

from ..messages import Log
from .appendices import name_appendices
from .frontsheet import parse_front_sheet
from .headings import report_heading_size
from .outline import KINDS, Outline, Part
from .pages import Pages
from .reports import parse_heading, split_report
from .sources import Source
from .text import Para

ENTRY_KEYS = {"line", "kind", "title", "item", "label"}


def given_outline(entries, paras: tuple[Para, ...], pages: Pages, blank_after: set[int], source: Source,
                  log: Log) -> Outline | None:
    """The sidecar's outline, or None (with a message) when it cannot be followed."""
    where = "its sidecar's `outline`"
    if not isinstance(entries, list) or not entries:
        log.warn(source.path, None, f"{where} must be a list of documents; it is ignored.",
                 "Run `python build.py check FILE --outline` and paste what it prints into the sidecar.")
        return None
    lasts = [p.last for p in paras]
    checked, seen = [], {}
    for number, entry in enumerate(entries, start=1):
        problem = _problem(entry, len(source.lines))
        index = bisect.bisect_left(lasts, entry["line"]) if not problem else None
        if not problem and index >= len(paras):
            problem = f"`line: {entry['line']}` is after the last line of text ({paras[-1].last})"
        elif not problem and index in seen:
            problem = f"it starts in the same paragraph as entry {seen[index]} (line {paras[index].first})"
        elif not problem and entry["kind"] == "front-sheet" and any(e["kind"] == "front-sheet" for e, _ in checked):
            problem = "a pack has one front sheet"
        if problem:
            log.warn(source.path, None, f"{where}, entry {number}: {problem}; the outline is ignored.",
                     "Each entry needs `line:` (the first line of a document, as `grep -n` counts) and `kind:` "
                     f"({', '.join(KINDS)}); `title:`, `item:` and `label:` are optional.")
            return None
        seen[index] = number
        checked.append((entry, index))
    checked.sort(key=lambda e: e[1])
    parts: list[Part] = []
    report_at = None
    for n, (entry, index) in enumerate(checked):
        start = 0 if n == 0 else index  # text before the first entry joins the first document
        end = checked[n + 1][1] if n + 1 < len(checked) else len(paras)
        kind = entry["kind"]
        item = entry.get("item")
        title = str(entry["title"]) if entry.get("title") is not None else None
        label = str(entry["label"]) if entry.get("label") is not None else None
        if kind == "report":
            report_at = len(parts)
            parts.append(Part("report", start, end, index - start + report_heading_size(paras, index), item, title))
        elif kind == "appendix" and report_at is not None:
            report = parts[report_at]
            parts.append(Part("appendix", start, end, agenda_item=item if item is not None else report.agenda_item,
                              title=title, label=label, parent=report_at))
        else:  # an appendix with no report before it is a paper of its own
            report_at = None
            parts.append(Part("document" if kind == "appendix" else kind, start, end, agenda_item=item, title=title))
    front_part = next((p for p in parts if p.kind == "front-sheet"), None)
    front = parse_front_sheet(paras[front_part.start:front_part.end]) if front_part else None
    front_pages = pages.index_of(paras[front_part.end].first) if front_part and front_part.end < len(paras) else 0
    outline = Outline(parts, front, given=True, front_pages=front_pages)
    _name_appendices(outline, paras, pages, blank_after)
    return outline


def _problem(entry, lines: int) -> str | None:
    if not isinstance(entry, dict):
        return "is not a mapping of keys to values"
    unknown = sorted(set(entry) - ENTRY_KEYS, key=str)
    if unknown:
        return f"has an unknown key `{unknown[0]}`"
    line, kind = entry.get("line"), entry.get("kind")
    if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= lines:
        return f"`line: {line!r}` is not a line of the text (1 to {lines})"
    if kind not in KINDS:
        return f"`kind: {kind!r}` is not one of {', '.join(KINDS)}"
    if entry.get("item") is not None and (not isinstance(entry["item"], int) or isinstance(entry["item"], bool)):
        return f"`item: {entry['item']!r}` is not an agenda item number"
    return None


def _name_appendices(outline: Outline, paras: tuple[Para, ...], pages: Pages, blank_after: set[int]) -> None:
    """Each report read as the automatic reading reads it; the appendices the clerk gives take the labels and
    titles the report lists, where the clerk gives none, and those it leaves out are missing."""
    firsts = pages.first_on_pages(paras)
    for n, part in enumerate(outline.parts):
        if part.kind != "report":
            continue
        _, _, details = split_report(paras[part.start + part.heading:part.end], blank_after, firsts, pages.exact)
        outline.details[n] = details
        children = [(k, p) for k, p in enumerate(outline.parts) if p.kind == "appendix" and p.parent == n]
        found, absent = name_appendices([paras[p.start:p.end] for _, p in children], details.listed_appendices,
                                        details.mentioned_appendices)
        for (k, p), appendix in zip(children, found):
            outline.parts[k] = Part("appendix", p.start, p.end, agenda_item=p.agenda_item,
                                    title=p.title or appendix.title, label=p.label or appendix.label,
                                    listed=appendix.listed, parent=n)
        if absent:
            outline.missing[n] = absent


def outline_entries(outline: Outline, paras: tuple[Para, ...], pages: Pages, shifts=None) -> tuple[dict, ...]:
    """The outline as the sidecar writes it, one entry per document, each with its last line and the pages it
    takes in the agenda's numbering (where the pack's pages say; `shifts`: `pages.item_shifts`)."""
    entries = []
    for part in outline.parts:
        if part.start >= len(paras) or part.end <= part.start:
            continue
        first, last = paras[part.start].first, paras[part.end - 1].last
        entry = {"line": first, "last": last, "kind": part.kind}
        numbers = (pages.number_of(pages.index_of(first), outline.front_pages),
                   pages.number_of(pages.index_of(last), outline.front_pages))
        if None not in numbers:
            shift = (shifts or {}).get(part.agenda_item, 0)
            entry["pages"] = (numbers[0] + shift, numbers[1] + shift)
        if part.agenda_item is not None and part.kind in ("report", "minutes", "appendix"):
            entry["item"] = part.agenda_item
        if part.kind == "appendix" and part.label:
            entry["label"] = part.label
        title = part.title
        if part.kind == "report" and not title:
            title = parse_heading(paras[part.start:part.start + part.heading])[2] or None
        if title and part.kind in ("report", "appendix"):
            entry["title"] = title
        entries.append(entry)
    return tuple(entries)


