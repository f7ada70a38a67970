"""The slow, independent steps of a build (reading each pack, rendering pages) shared among the machine's
processors, as Sphinx's `-j` shares its reading and writing: forked worker processes that each inherit the
build's data as it stands (nothing is pickled to them) and send back only their results, in order.

Forking is used only where it is safe and cheap: on Linux, and while the build's process runs no other
thread (`serve` answers requests from a thread; a fork then could copy a lock another thread holds). Elsewhere,
or with one job, the same function runs in this process, item after item: the results are the same.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_work: Callable | None = None  # what the forked workers run: set before they are forked, so they inherit it


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def in_order(work: Callable[[Item], Result], items: Iterable[Item], jobs: int,
             receive: Callable[[bytes], Result] = pickle.loads) -> Iterator[Result]:
    """`work(item)` for each of `items`, in their order, computed by up to `jobs` processes. `work` may use
    whatever this process holds (the workers are forked from it) but must return what pickle can carry. A
    result comes back pickled, and `receive` unpickles it here (as the build's cache loads what it keeps)."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from map(work, items)
        return
    global _work
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
            for result in pool.imap(_run, items):
                yield receive(result)
    finally:
        _work = None


def _run(item) -> bytes:
    return pickle.dumps(_work(item), protocol=pickle.HIGHEST_PROTOCOL)
