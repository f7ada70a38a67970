"""A pack at the pack boundary: what the reader found, with every part already laid out as blocks, and without
its paragraphs or source text. The build cache keeps exactly this record, and the archive is assembled from
such records on every build, whether they were read just now or loaded from the cache: there is one kind of
pack after reading, not a fresh one and a cached one.

Where the reader's pack holds paragraphs, the record holds a `Span` (the lines they ran from and to): all that
assembling still needs of them. A `Span` has no text, so code that wants a paragraph's words after layout fails
at once instead of reading an empty string; the words are in the blocks.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from ..messages import Log
from ..read.pack import Pack
from .checks import coverage_of
from .laidout import Blocks
from .layout import appendix_blocks, minutes_blocks, plain_blocks, report_blocks


@dataclass(frozen=True)
class Span:
    """Where a run of paragraphs began and ended (1-based source lines)."""
    first: int
    last: int


@dataclass(frozen=True)
class GuideCopy:
    """A copy of the standard "Questioning by members" page in the pack, as the archive tells wordings apart."""
    words: str  # its words, lower case, each with a space either side
    lines: int  # the source lines it takes (named as boilerplate: the about page shows it once)


def spanned(paras) -> tuple[Span, ...]:
    """The run of paragraphs as one `Span`, or none for no paragraphs (kept a tuple: `[0].first`, `[-1].last`)."""
    return (Span(min(p.first for p in paras), max(p.last for p in paras)),) if paras else ()


def guide_words(paras) -> str:
    return " " + " ".join(w for p in paras for w in re.findall(r"[a-z0-9]+", p.plain.lower())) + " "


def lay_out(pack: Pack) -> Pack:
    """The record of `pack` (see the module): every part's blocks (`laidout.Blocks`: once the record is
    pickled, they stay so until they are used), keyed by its place in the pack; which of its lines they show
    (`checks.coverage_of`, with its warnings); and its paragraphs reduced to spans. A record is returned as it
    is."""
    if pack.text_hash:
        return pack
    blocks: dict[object, tuple] = {}
    if pack.front is not None:
        blocks["front"] = plain_blocks(pack.front_paras)
    for index, parsed in enumerate(pack.reports, start=1):
        blocks[("report", index)] = report_blocks(parsed.heading, parsed.body)
        for position, found in enumerate(parsed.appendices, start=1):
            blocks[("appendix", index, position)] = appendix_blocks(found.paras, found.title)
    for number, parsed in enumerate(pack.minutes):
        blocks[("minutes", number)] = minutes_blocks(parsed.paras, parsed.spans)
    if pack.standalone is not None:
        blocks["standalone"] = plain_blocks(pack.standalone)
    for copy, guide in enumerate(pack.guides):
        blocks[("guide", copy)] = plain_blocks(guide)
    text_hash = hashlib.sha256("\n".join(pack.source.lines).encode("utf-8", "surrogatepass")).hexdigest()
    found = Log()
    coverage = (coverage_of(pack, blocks, found), tuple(found.messages))
    return replace(
        pack, blocks={part: Blocks.of(laid) for part, laid in blocks.items()}, coverage=coverage,
        text_hash=text_hash, source=replace(pack.source, lines=()),
        front_paras=spanned(pack.front_paras),
        guides=[GuideCopy(guide_words(guide), sum(len(p.lines) for p in guide)) for guide in pack.guides],
        minutes=[replace(m, paras=spanned(m.paras)) for m in pack.minutes],
        standalone=spanned(pack.standalone) if pack.standalone is not None else None,
        reports=[replace(r, heading=spanned(r.heading), body=list(spanned(r.body)),
                         appendices=[replace(a, paras=spanned(a.paras)) for a in r.appendices])
                 for r in pack.reports])
