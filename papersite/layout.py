"""The blocks of each kind of document: what its page shows, line by line."""
from __future__ import annotations

import re

from .blocks import Block, looks_like_heading, to_blocks
from .reports import BARE_LABEL_RE, LABEL_TITLE_RE, SECTION_RE
from .text import Para


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"


def masthead(paras) -> Block:
    """The lines that a page shows as its title and details rather than as body text."""
    return Block("masthead", tuple(n for p in paras for n in p.lines), text=" ".join(p.plain for p in paras))


def _with_heading_anchors(blocks: list[Block]) -> list[Block]:
    used: set[str] = {b.anchor for b in blocks if b.anchor}
    out = []
    for block in blocks:
        if block.kind == "heading" and not block.anchor:
            anchor = slug(block.text)
            base, n = anchor, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            block = Block("heading", block.lines, text=block.text, anchor=anchor, level=block.level)
        out.append(block)
    return out


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


def minutes_blocks(paras: tuple[Para, ...], spans: list[tuple[int, int]]) -> tuple[Block, ...]:
    """The minutes' header as their masthead, then each minute item under a heading with a permalink."""
    first_item = spans[0][0] if spans else len(paras)
    blocks: list[Block] = [masthead(paras[:1]), *to_blocks(paras[1:first_item], document_heading)]
    for start, end in spans:
        title = paras[start]
        number = re.match(r"^\s*(\d{1,3})\.", title.plain).group(1)
        text = re.sub(r"^\s*\d{1,3}\.\s*", "", title.plain)
        blocks.append(Block("heading", title.lines, text=text, number=number, anchor=f"minute-{number}", level=2))
        blocks.extend(to_blocks(paras[start + 1:end]))
    return tuple(_with_heading_anchors(blocks))
