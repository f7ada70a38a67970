"""Nothing lost: every non-blank line of every source is on exactly one page, or is named boilerplate."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..messages import Log
from ..model import Archive
from ..read.pack import Pack

MAX_LISTED = 5  # lines named one by one per file before the rest are only counted


@dataclass(frozen=True)
class Coverage:
    source: str
    content_lines: int  # non-blank lines in the source
    on_pages: int
    boilerplate: int
    unplaced: tuple[int, ...]
    placed_twice: tuple[int, ...]


def check_nothing_lost(packs: list[Pack], archive: Archive, log: Log) -> list[Coverage]:
    """The coverage of each pack in the archive, worked out with its record (`record.lay_out`), with its
    warnings; and the proof that the archive published every part of every pack it took: a part whose blocks
    are in no document would have its lines on no page."""
    from .record import lay_out
    published: dict[str, list] = {}
    for doc in archive.documents:
        published.setdefault(doc.source, []).append(doc.blocks)
    results = []
    for pack in packs:
        if pack.source.path not in archive.sources:
            continue  # skipped, with its own message
        record = lay_out(pack)
        coverage, messages = record.coverage
        log.messages.extend(messages)
        shown = published.get(pack.source.path, [])
        # Each part's own blocks are in its document (the same object: nothing is unpickled to tell).
        lost = sorted(n for part, blocks in record.blocks.items() if not _is_guide(part)
                      and not any(blocks is made for made in shown) and not any(blocks == made for made in shown)
                      for block in blocks for n in block.lines)
        if lost:
            log.warn(pack.source.path, lost[0], f"{len(lost)} lines read into a paper were published on no page.",
                     "Please report it with the file: the archive left a paper out.")
            coverage = replace(coverage, on_pages=coverage.on_pages - len(lost),
                               unplaced=tuple(sorted({*coverage.unplaced, *lost})))
        results.append(coverage)
    return results


def coverage_of(pack: Pack, blocks: dict, log: Log) -> Coverage:
    """Which lines of the pack's source its parts' blocks show (the guides' aside: they are boilerplate)."""
    path = pack.source.path
    counter = Counter(n for part, laid in blocks.items() if not _is_guide(part) for block in laid for n in block.lines)
    boilerplate = set(pack.debris) | {n for guide in pack.guides for p in guide for n in p.lines}
    nonblank = [n for n, line in enumerate(pack.source.lines, 1) if line.strip()]
    unplaced = tuple(n for n in nonblank if counter[n] == 0 and n not in boilerplate)
    twice = tuple(sorted(n for n, count in counter.items() if count > 1 or (count and n in boilerplate)))
    for n in unplaced[:MAX_LISTED]:
        log.warn(path, n, f"this line is on no page: {pack.source.lines[n - 1].strip()[:60]!r}",
                 "Please report it with the file: the splitter missed it.")
    if len(unplaced) > MAX_LISTED:
        log.warn(path, unplaced[MAX_LISTED], f"{len(unplaced) - MAX_LISTED} more lines are on no page.")
    for n in twice[:MAX_LISTED]:
        log.warn(path, n, "this line is on more than one page.", "Please report it with the file.")
    return Coverage(path, len(nonblank), sum(1 for n in nonblank if counter[n]),
                    sum(1 for n in nonblank if n in boilerplate), unplaced, twice)


def _is_guide(part) -> bool:
    """The standard page's parts are boilerplate: shown once, on the about page, not in a paper."""
    return isinstance(part, tuple) and part[0] == "guide"
