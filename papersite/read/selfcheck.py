"""The reader's honest self-check: what the agenda promises, against what was found.

A wrong split published silently is the worst failure the site can have. After a pack is read, every agenda
item that lists pages or a reporter should have its document, the document's title should agree with the
item's, its length with the pages the agenda gives it; no document should hold most of the pack or carry a
title the length of a page; minutes should have items. Each doubt is a warning naming the item and the lines,
and saying what to do: look at `check FILE`, and where the reading is wrong, write the outline into the
sidecar (`check FILE --outline` prints it, ready to edit).
"""
from __future__ import annotations

from ..messages import Log
from .matching import title_share
from .outline import BOOKMARKED_APPENDIX_RE, Outline
from .text import Para

FIX = ("If the reading is wrong, run `python build.py check FILE --outline`, save what it prints into the pack's "
       "sidecar (FILE with .yaml) and correct it; the build will follow it.")
TITLES_AGREE = 0.34  # share of the item's title words a report's title must carry (either way round)
LONG_TITLE = 250  # characters: a title longer than this has swallowed text
MOST_OF_THE_PACK = 0.6  # a document holding more of the pack's lines than this, when the agenda lists several


def self_check(pack, outline: Outline, paras: tuple[Para, ...], log: Log) -> None:
    _check_agenda(pack, outline, log)
    _check_papers(pack, outline, paras, log)
    for minutes in pack.minutes:
        if not minutes.minutes.items:
            log.warn(pack.source.path, minutes.paras[0].first, "no minute items were found in these minutes "
                     f"(lines {minutes.paras[0].first}-{minutes.paras[-1].last}).", FIX)
    _check_appendices(pack, log)
    _check_bookmarks(pack, outline, paras, log)


def _check_bookmarks(pack, outline: Outline, paras: tuple[Para, ...], log: Log) -> None:
    """A PDF's bookmarks that name a paper (an agenda item's number first, or an appendix) on a page where no
    paper was found to begin."""
    if not pack.source.pdf or not paras:
        return
    items = {str(item.number) for item in (pack.front.agenda if pack.front else ())}
    begins = {pack.pages.index_of(paras[part.start].first) for part in outline.parts if part.start < len(paras)}
    unmatched = [b for b in pack.source.pdf.bookmarks if b.page not in begins
                 and (BOOKMARKED_APPENDIX_RE.search(b.title) or b.title.split(" ", 1)[0].rstrip(".") in items)]
    if unmatched:
        listed = "; ".join(f"\"{b.title[:80]}\" (page {b.page + 1})" for b in unmatched[:5])
        log.warn(pack.source.path, None, f"the PDF's bookmarks name papers on pages where none was found to begin: "
                 f"{listed}.", FIX)


def _check_agenda(pack, outline: Outline, log: Log) -> None:
    """Every agenda item that lists pages or a reporter has its paper (or its pages lie past the text's end)."""
    path, pages = pack.source.path, pack.pages
    agenda = pack.front.agenda if pack.front else ()
    found_items = {p.agenda_item for p in outline.parts if p.agenda_item is not None}
    beyond = []
    for item in agenda:
        if item.number in found_items or not (item.pages or item.report_by):
            continue
        if item.to_follow:
            log.warn(path, item.line, f"agenda item {item.number} \"{item.title}\" is to follow: its papers are not in "
                     "this pack.", "When they are published, add their pack to content/: it joins this meeting.")
        elif item.pages and pages.exact and pages.index_of_printed(item.pages[0], outline.front_pages) >= len(pages):
            beyond.append(item)
        else:
            where = f" (pages {item.pages[0]}-{item.pages[1]})" if item.pages else ""
            log.warn(path, item.line, f"agenda item {item.number} \"{item.title}\"{where} should have papers, but no "
                     "document was found for it in this pack.", FIX)
    if beyond:
        first, last = beyond[0], beyond[-1]
        numbers = f"{first.number}-{last.number}" if len(beyond) > 1 else f"{first.number}"
        log.warn(path, first.line, f"agenda item{'s' if len(beyond) > 1 else ''} {numbers} (pages {first.pages[0]}-"
                 f"{last.pages[1]}) are not in this text: it ends at page {len(pages) - outline.front_pages} of the "
                 "agenda's numbering.", "If the pack should hold them, extract the whole pack again.")


def _check_papers(pack, outline: Outline, paras: tuple[Para, ...], log: Log) -> None:
    """Each paper against its agenda item: their titles agree, its length fits its pages; and no paper holds
    most of the pack or a title that has swallowed text."""
    path, pages = pack.source.path, pack.pages
    agenda = pack.front.agenda if pack.front else ()
    by_number = {item.number: item for item in agenda}
    total = sum(len(p.lines) for p in paras)
    for part in outline.parts:
        span = paras[part.start:part.end]
        if not span:
            continue
        lines = f"lines {span[0].first}-{span[-1].last}"
        title = _title(pack, part, span)
        item = by_number.get(part.agenda_item)
        if part.kind == "report" and not outline.given and agenda:
            if item is None:
                log.warn(path, span[0].first, f"the report \"{(title or '')[:80]}\" ({lines}) matches no agenda item.",
                         FIX)
            elif title and max(title_share(item.title, title), title_share(title, item.title)) < TITLES_AGREE:
                log.warn(path, span[0].first, f"the report \"{title[:80]}\" ({lines}) was taken for agenda item "
                         f"{item.number} \"{item.title}\", but their titles differ.", FIX)
        if title and len(title) > LONG_TITLE:
            log.warn(path, span[0].first, f"the {part.kind} at {lines} has a title {len(title)} characters long: its "
                     "heading has probably swallowed text.", FIX)
        paged = pages.exact and item is not None and item.pages
        if part.kind in ("report", "minutes", "appendix") and not paged and _several_papers(agenda) and \
                sum(len(p.lines) for p in span) > MOST_OF_THE_PACK * total:
            log.warn(path, span[0].first, f"one {part.kind} ({lines}) holds most of the pack, although the agenda "
                     "lists several papers: it may have swallowed others.", FIX)
        if paged and part.kind in ("report", "minutes"):
            _check_length(pack, outline, part, item, paras, log)


def _check_appendices(pack, log: Log) -> None:
    """Appendices a report lists but the pack does not hold, and appendices no label or list names."""
    path = pack.source.path
    for report in pack.reports:
        if report.missing:
            names = "; ".join(_listed_name(a) for a in report.missing)
            one = len(report.missing) == 1
            log.warn(path, (report.heading or report.body)[0].first, f"the report lists {names}, but no appendix in "
                     f"the pack carries {'its' if one else 'their'} label or title.",
                     f"{'It is' if one else 'They are'} recorded as missing.{_maybe_inside(report)} If the pack should "
                     f"include {'it' if one else 'them'}, extract the pack again from the PDF.")
        for appendix in report.appendices:
            if not appendix.listed and not appendix.label:
                log.warn(path, appendix.paras[0].first,
                         "this looks like an appendix, but it has no label and the report does not list it.",
                         "It is published as an appendix of this report; check that it belongs there.")


def _maybe_inside(report) -> str:
    """Where a missing appendix listed after the last one found may be: inside that one, unlabelled."""
    listed = list(report.report.listed_appendices)
    labels = [a.label for a in report.appendices]
    last = max((n for n, a in enumerate(listed) if a.label in labels), default=-1)
    later = [a for a in report.missing if a in listed and listed.index(a) > last] if report.appendices else []
    if not later:
        return ""
    found = report.appendices[-1]
    return (f" {_listed_label(later[0])} may be in the pack without a label, inside "
            f"{'Appendix ' + found.label if found.label else 'the appendix before it'} (lines {found.paras[0].first}-"
            f"{found.paras[-1].last}): write the outline into the sidecar (`python build.py check FILE --outline`) "
            "to publish it as itself.")


def _listed_label(appendix) -> str:
    """"Appendix B", or "attached document a)"."""
    label = appendix.label or ""
    return f"attached document {label}" if label.endswith(")") else f"Appendix {label}".strip()


def _listed_name(appendix) -> str:
    """"Appendix B (Business plan)", or "attached document a) (Decision Report)"."""
    named = _listed_label(appendix)
    return f"{named} ({appendix.title})" if appendix.title else named


def _title(pack, part, span) -> str | None:
    if part.title or part.kind != "report":
        return part.title
    for report in pack.reports:
        opening = report.heading or report.body
        if opening and opening[0].first == span[0].first:
            return report.report.title
    return None


def _several_papers(agenda) -> bool:
    return len(agenda) > 2 and sum(1 for item in agenda if item.pages) >= 2


def _check_length(pack, outline: Outline, part, item, paras: tuple[Para, ...], log: Log) -> None:
    """A paper's pages against the agenda's: far more, and it has probably swallowed the next; far fewer,
    and it was probably cut short."""
    pages = pack.pages
    index = outline.parts.index(part)
    end = part.end
    for child in outline.parts[index + 1:]:
        if child.kind != "appendix" or child.parent != index:
            break
        end = child.end
    held = pages.index_of(paras[end - 1].last) - pages.index_of(paras[part.start].first) + 1
    promised = item.pages[1] - item.pages[0] + 1
    if held > promised * 1.5 + 2:
        log.warn(pack.source.path, paras[part.start].first, f"agenda item {item.number} \"{item.title}\" has "
                 f"{promised} pages in the agenda, but its papers here (lines {paras[part.start].first}-"
                 f"{paras[end - 1].last}, with appendices) take {held}: they may hold the next item's.", FIX)
    elif held < promised * 0.5 - 2 and end < len(paras):
        log.warn(pack.source.path, paras[part.start].first, f"agenda item {item.number} \"{item.title}\" has "
                 f"{promised} pages in the agenda, but its papers here take only {held}: part of them may have been "
                 "read as the next document.", FIX)
