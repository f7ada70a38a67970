"""A part's blocks as its pack's record keeps them: what the other pages need of them at hand, the blocks
themselves unpickled when first used.

A rebuild after one pack loads every pack's record, but renders the pages of only a few: the rest of the
archive's blocks (five sixths of the records' bytes, and most of the time it took to load them) are then
never unpickled. What the archive, the lists and the open data need of every document (where each block
begins and ends in the source, how many words it has, its numbered paragraphs) is worked out once, when the
pack is laid out, and kept beside the pickled blocks.
"""
from __future__ import annotations

import gc
import io
import pickle
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from ..incremental.cache import PlainData
from .blocks import Block

FIELDS = tuple(f.name for f in fields(Block))


class DamagedRecord(Exception):
    """A record's blocks could not be unpickled when they were first used (the record itself had loaded):
    `pipeline.build` says so and builds again, reading every pack afresh."""


def _pickled(blocks: tuple[Block, ...]) -> bytes:
    """The blocks as plain values (each a tuple of its fields), pickled without pickle's memo: the bytes then
    depend on the blocks' values only, not on which of their strings happen to be one object (as they are once
    unpickled), so a page whose context holds blocks (the about page's) is fingerprinted alike either way
    (`reuse.fingerprint` pickles so too), and no class is named in them."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(tuple(tuple(getattr(block, name) for name in FIELDS) for block in blocks))
    return buffer.getvalue()


def _unpickled(data: bytes) -> tuple[Block, ...]:
    """The blocks `_pickled` gave `data` (plain values only: `PlainData` refuses any class), the garbage
    collector paused meanwhile (it would scan them again and again); `DamagedRecord` if they cannot be read."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        made = []
        for values in PlainData(io.BytesIO(data)).load():
            block = object.__new__(Block)  # as pickle makes a frozen data class: its fields set in its __dict__
            block.__dict__.update(zip(FIELDS, values, strict=True))
            made.append(block)
        return tuple(made)
    except Exception as problem:  # noqa: BLE001 — damaged, or not ours: whatever unpickling it raised
        raise DamagedRecord(f"{type(problem).__name__}: {problem}") from None
    finally:
        if collecting:
            gc.enable()


@dataclass(eq=False, repr=False)
class Blocks(Sequence):
    """A tuple of `Block`s to whoever reads it (iterated, indexed, measured, compared), kept pickled until
    then. `spans`, `words` and `paragraphs` never unpickle it; nor does `len`. Made by `of` when a pack is laid
    out (`record.lay_out`), and by unpickling when its record is loaded."""
    spans_bytes: bytes  # each block's first and last source line, as unsigned ints (0, 0 for none)
    words: int  # `reading_words`
    paragraphs: tuple[int, ...]  # `numbered_paragraphs`
    pickled: bytes | None = None  # the blocks, until they are first used
    _blocks: tuple[Block, ...] | None = field(default=None, compare=False)

    @classmethod
    def of(cls, blocks) -> "Blocks":
        blocks = tuple(blocks)
        spans = array("I")
        for span in spans_of(blocks):
            spans.extend(span or (0, 0))
        return cls(spans.tobytes(), reading_words(blocks), numbered_paragraphs(blocks), None, blocks)

    @property
    def spans(self) -> list[tuple[int, int] | None]:
        """Each block's (first, last) source line, None for a block without lines."""
        flat = array("I")
        flat.frombytes(self.spans_bytes)
        return [(flat[n], flat[n + 1]) if flat[n] else None for n in range(0, len(flat), 2)]

    @property
    def blocks(self) -> tuple[Block, ...]:
        if self._blocks is None:
            self._blocks, self.pickled = _unpickled(self.pickled), None
        return self._blocks

    def __getstate__(self) -> dict:
        """Pickled with the blocks pickled on their own (`_pickled`), so that a record loads without
        unpickling them."""
        pickled = self.pickled if self.pickled is not None else _pickled(self._blocks)
        return {"spans_bytes": self.spans_bytes, "words": self.words, "paragraphs": self.paragraphs,
                "pickled": pickled}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _blocks=None)

    def __len__(self) -> int:
        return len(self.spans_bytes) // (2 * array("I").itemsize)

    def __getitem__(self, index):
        return self.blocks[index]

    def __iter__(self):
        return iter(self.blocks)

    def __eq__(self, other) -> bool:
        if self is other:
            return True
        if isinstance(other, Blocks):
            if self.pickled is not None and self.pickled == other.pickled:
                return True
            return self.spans_bytes == other.spans_bytes and self.blocks == other.blocks
        if isinstance(other, tuple):
            return self.blocks == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.blocks)

    def __repr__(self) -> str:
        return f"Blocks({self.blocks!r})"


def reading_words(blocks) -> int:
    """Words of running text, list items and table cells: how long the paper takes to read."""
    if isinstance(blocks, Blocks):
        return blocks.words
    return sum(len(block.text.split()) + sum(len(item.split()) for item in block.items)
               + sum(len(cell.split()) for row in block.rows for cell in row) for block in blocks)


def numbered_paragraphs(blocks) -> tuple[int, ...]:
    """The printed numbers of the numbered paragraphs."""
    if isinstance(blocks, Blocks):
        return blocks.paragraphs
    return tuple(int(b.number) for b in blocks if b.kind == "para" and b.number)


def spans_of(blocks) -> list[tuple[int, int] | None]:
    """Each block's (first, last) source line: kept with `Blocks`, worked out for a plain tuple (in tests)."""
    if isinstance(blocks, Blocks):
        return blocks.spans
    return [(min(b.lines), max(b.lines)) if b.lines else None for b in blocks]
