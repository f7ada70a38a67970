"""Nothing lost: every non-blank line of every source is on exactly one page, or is named boilerplate."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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
    """The coverage of each pack in the archive. A pack's documents are made from it alone, so its coverage
    (with its warnings) is worked out once and kept with it in the build cache (`Pack.coverage`)."""
    documents: dict[str, list] = {}
    for doc in archive.documents:
        documents.setdefault(doc.source, []).append(doc)
    results = []
    for pack in packs:
        if pack.source.path not in archive.sources:
            continue  # skipped, with its own message
        if pack.coverage is None:
            messages = Log()
            pack.coverage = (_coverage(pack, documents.get(pack.source.path, []), messages), messages.messages)
        coverage, messages = pack.coverage
        log.messages.extend(messages)
        results.append(coverage)
    return results


def _coverage(pack: Pack, documents: list, log: Log) -> Coverage:
    path = pack.source.path
    counter = Counter(n for doc in documents for block in doc.blocks for n in block.lines)
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
