"""The slow, independent steps of a build (reading each pack, rendering pages) shared among the machine's
processors, as Sphinx's `-j` shares its reading and writing: forked worker processes that each inherit the
build's data as it stands (nothing is pickled to them) and send back only their results, in order.

Forking is used only where it is safe and cheap: on Linux, and while the build's process runs no other
thread (`serve` answers requests from a thread; a fork then could copy a lock another thread holds). Elsewhere,
or with one job, the same function runs in this process, item after item: the results are the same.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import threading
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_work: Callable | None = None  # what the forked workers run: set while they are forked, so they inherit it


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def in_order(work: Callable[[Item], Result], items: Iterable[Item], jobs: int,
             receive: Callable[[bytes], Result] = pickle.loads) -> Iterator[Result]:
    """`work(item)` for each of `items`, in their order, computed by up to `jobs` processes. `work` and the
    items may be whatever this process holds (the workers are forked from it: only each item's number is sent)
    but the results must be what pickle can carry. A result comes back pickled, and `receive` unpickles it
    here (as the build's cache loads what it keeps)."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from map(work, items)
        return
    global _work
    _work = lambda number: work(items[number])  # noqa: E731 — the workers have the items: only numbers are sent
    # Everything this process holds is frozen out of the garbage collector's reach before the fork, as
    # Python's documentation advises: else each worker's collector walks (and so copies) the archive it
    # inherited, and the shared work ran slower than in one process. `pipeline.build` thaws it when it ends.
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(min(jobs, len(items)))  # forked here: each has `work`
    finally:
        _work = None
    try:
        # Items go out in batches, about sixteen for each worker: one at a time, thousands of small ones
        # (a document's topics) cost more in messages than in work.
        results = pool.imap(_run, range(len(items)), chunksize=max(1, len(items) // (jobs * 16)))
        for number in range(len(items)):
            result = next(results)
            if number == len(items) - 1:  # the pool's threads gone before the last result is taken: the taker
                # may fork again at once (`can_fork`), without asking for a result after the last
                pool.close()
                pool.join()
            yield receive(result)
    finally:
        pool.terminate()


def _run(number: int) -> bytes:
    return pickle.dumps(_work(number), protocol=pickle.HIGHEST_PROTOCOL)
