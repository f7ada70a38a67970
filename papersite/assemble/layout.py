"""The blocks of each kind of document: what its page shows, line by line."""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import Block, looks_like_data, looks_like_heading, to_blocks
from ..read.headings import MINUTES_START_RE
from ..read.minutes import HEADER_REACH, ASKER_RES, REPLY_RES, RESOLVED_RE, SIGNATURE_RE, SUPPLEMENTARY_RE
from ..read.reports import BARE_LABEL_RE, LABEL_TITLE_RE, SECTION_RE
from ..read.text import Para, plain


# Ids the page templates use themselves; table captions are "caption-<n>", page markers "page-<n>".
PAGE_IDS = {"main", "page-contents", "page-appendices"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"


def masthead(paras) -> Block:
    """The lines that a page shows as its title and details rather than as body text."""
    return Block("masthead", tuple(n for p in paras for n in p.lines), text=" ".join(p.plain for p in paras))


def _with_heading_anchors(blocks: list[Block]) -> list[Block]:
    """Give every heading an id, keep heading levels in order under the page's h1, and caption every table."""
    used: set[str] = {b.anchor for b in blocks if b.anchor} | PAGE_IDS
    out: list[Block] = []
    previous_level = 1
    tables = 0
    captions: set[str] = set()
    last_table = None  # the last table with a header row of its own
    for block in blocks:
        if block.kind == "heading":
            anchor = block.anchor
            if not anchor:
                anchor = base = slug(block.text)
                if re.fullmatch(r"(?:caption|page)-\d+", base):  # table captions' and page markers' ids
                    anchor = base = f"{base}-heading"
                n = 2
                while anchor in used:
                    anchor, n = f"{base}-{n}", n + 1
                used.add(anchor)
            level = min(max(block.level, 2), previous_level + 1)
            previous_level = level
            block = replace(block, anchor=anchor, level=level)
        elif block.kind == "table":
            tables += 1
            if last_table is not None and len(block.rows[0]) == len(last_table.rows[0]) \
                    and looks_like_data(block.rows[0]) and not looks_like_data(last_table.rows[0]):
                # A table continued over a page or a sub-heading: its first row is data, and its columns are
                # those of the table before. Screen readers announce each cell under the real headers.
                block = replace(block, rows=(last_table.rows[0], *block.rows),
                                extra={**block.extra, "header_repeated": True,
                                       "row_headers": block.extra.get("row_headers") or last_table.extra.get("row_headers")})
            else:
                last_table = block
            before = out[-1] if out else None
            near = plain(before.text) if before and before.kind in ("heading", "para") and len(before.text) <= 150 else ""
            caption = near.rstrip(":") or f"Table {tables}"
            if caption in captions:
                caption = f"{caption} (table {tables})"  # each table region needs a name of its own
            captions.add(caption)
            block = replace(block, caption=caption)
        out.append(block)
    return out


def wordings_apart(wordings) -> tuple:
    """The wordings of a standard page on one page: the headings of each after the first get ids of their
    own ("questioning-by-members-2")."""
    return tuple((when, blocks if n == 0 else tuple(replace(b, anchor=f"{b.anchor}-{n + 1}") if b.anchor else b
                                                    for b in blocks))
                 for n, (when, blocks) in enumerate(wordings))


def report_heading(para: Para) -> int:
    """Known report sections are h2; other lines set as headings sit under them."""
    if SECTION_RE.match(para.plain):
        return 2
    return 3 if looks_like_heading(para) else 0


def document_heading(para: Para) -> int:
    return 2 if looks_like_heading(para) else 0


def report_blocks(heading: tuple[Para, ...], body: list[Para]) -> tuple[Block, ...]:
    return tuple(_with_heading_anchors([masthead(heading), *to_blocks(body, report_heading)]))


def appendix_blocks(paras: tuple[Para, ...], title: str | None) -> tuple[Block, ...]:
    """An appendix's label line ("Appendix B") and a title line repeating it form its masthead."""
    head = 0
    if paras and BARE_LABEL_RE.match(paras[0].plain):
        head = 1
        if len(paras) > 1 and LABEL_TITLE_RE.match(paras[1].plain):
            head = 2
    elif paras and LABEL_TITLE_RE.match(paras[0].plain):
        head = 1
    blocks = [masthead(paras[:head])] if head else []
    return tuple(_with_heading_anchors([*blocks, *to_blocks(paras[head:], document_heading)]))


def plain_blocks(paras: tuple[Para, ...]) -> tuple[Block, ...]:
    return tuple(_with_heading_anchors(to_blocks(paras, document_heading)))


def minutes_blocks(paras: tuple[Para, ...], spans) -> tuple[Block, ...]:
    """The minutes' header as their masthead, then each minute item under a heading with a permalink. A
    number printed away from its title (`MinuteSpan.displaced`) is shown with the title it numbers."""
    first_item = spans[0].start if spans else len(paras)
    displaced = {s.displaced: s for s in spans if s.displaced is not None}
    header = next((i for i, p in enumerate(paras[:HEADER_REACH]) if MINUTES_START_RE.match(p.plain)), 0) + 1
    header = min(header, first_item) if first_item else 0
    intro = [p for k, p in enumerate(paras[header:first_item], start=header) if k not in displaced]
    blocks: list[Block] = [masthead(paras[:header]), *to_blocks(intro, document_heading)] if header else []
    for span in spans:
        lines = tuple(n for p in paras[span.start:span.body] for n in p.lines)
        if span.displaced is not None:
            lines = tuple(sorted(lines + paras[span.displaced].lines))
        number = str(span.number)
        blocks.append(Block("heading", lines, text=span.title_text, number=number, anchor=f"minute-{number}", level=2))
        body = [p for k, p in enumerate(paras[span.body:span.end], start=span.body) if k not in displaced]
        # Numbered paragraphs start again in each minute: their permalinks name the minute (#minute-87-para-2).
        blocks.extend(replace(b, anchor=f"minute-{number}-{b.anchor}") if b.anchor and b.anchor.startswith("para-")
                      else b for b in _resolutions_as_lists(to_blocks(body, minute_heading)))
    # Headings inside a minute get no id of their own, so that search results land on the minute (#minute-23).
    return tuple(replace(b, anchor="") if b.kind == "heading" and b.level > 2 else b
                 for b in _with_heading_anchors(blocks))


def minute_heading(para: Para) -> int:
    """Inside a minute: who asked (h3), the reply and any supplementary (h4), RESOLVED (h3)."""
    text = para.plain
    if len(text) < 250 and any(r.match(text) for r in ASKER_RES):
        return 3
    if len(text) < 120 and (any(r.match(text) for r in REPLY_RES) or SUPPLEMENTARY_RE.match(text)):
        return 4
    return 3 if looks_like_heading(para) else 0


def _resolutions_as_lists(blocks: list[Block]) -> list[Block]:
    """"RESOLVED:" and the resolutions under it, one list item each (lettered points already are a list)."""
    out: list[Block] = []
    resolving = False
    for block in blocks:
        if block.kind == "heading":
            resolving = bool(RESOLVED_RE.match(block.text))
        elif block.kind == "para" and SIGNATURE_RE.match(plain(block.text)):
            resolving = False  # "2.00 – 3.21pm": the signature block after the last resolution
        elif resolving and block.kind == "para" and not block.number:
            if out and out[-1].kind == "list" and out[-1].extra.get("resolutions"):
                previous = out.pop()
                block = Block("list", previous.lines + block.lines, items=previous.items + (block.text,),
                              extra={"resolutions": True})
            else:
                block = Block("list", block.lines, items=(block.text,), extra={"resolutions": True})
        elif block.kind != "list":
            resolving = False
        out.append(block)
    return out


ASK_RE = re.compile(r"\b(?:committee|members|cabinet|panel) (?:is|are) (?:asked|requested|invited|recommended)\b|"
                    r"\brecommended that\b|\bis asked to\b", re.I)
RECOMMENDATIONS_RE = re.compile(r"^recommendations?\b", re.I)
PURPOSE_RE = re.compile(r"^purpose\b", re.I)


def key_points(blocks: tuple[Block, ...]) -> dict[str, list[Block]]:
    """The paragraphs a reader looks for first: what the report is for, and what the committee is asked to do."""
    found: dict[str, list[Block]] = {"purpose": [], "asks": []}
    section = None
    for block in blocks:
        if block.kind == "heading" and block.level == 2:
            section = "asks" if RECOMMENDATIONS_RE.match(block.text) else "purpose" if PURPOSE_RE.match(block.text) else None
            continue
        if block.kind not in ("para", "list"):
            continue
        if section:
            found[section].append(block)
        elif block.kind == "para" and ASK_RE.search(block.text):
            found["asks"].append(block)
    return found
