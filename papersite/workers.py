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
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_work: Callable | None = None  # what the forked workers run: set while they are forked, so they inherit it


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    """On Linux, in the build's own process (not in a worker), while it runs no other thread."""
    return sys.platform == "linux" and threading.active_count() == 1 and multiprocessing.parent_process() is None


class WorkerDied(RuntimeError):
    """A worker process ended before giving its results (killed for want of memory, say)."""


def in_order(work: Callable[[Item], Result], items: Iterable[Item], jobs: int,
             receive: Callable[[bytes], Result] = pickle.loads) -> Iterator[Result]:
    """`work(item)` for each of `items`, in their order, computed by up to `jobs` processes. `work` and the
    items may be whatever this process holds (the workers are forked from it: only each item's number is sent)
    but the results must be what pickle can carry. A result comes back pickled, and `receive` unpickles it
    here (as the build's cache loads what it keeps). A worker that dies is `WorkerDied`, never a wait for
    ever."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from map(work, items)
        return
    global _work
    try:
        pool = ProcessPoolExecutor(min(jobs, len(items)), mp_context=multiprocessing.get_context("fork"))
    except (OSError, ImportError, NotImplementedError):  # no semaphores here (some containers): one process
        yield from map(work, items)
        return
    try:
        _work = lambda number: work(items[number])  # noqa: E731 — the workers have the items: only numbers are sent
        try:
            # All the workers are forked as the first numbers go out (before the pool starts its own thread).
            # Numbers go out in batches, about sixteen for each worker: one at a time, thousands of small items
            # (a document's topics) cost more in messages than in work.
            results = pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (jobs * 16)))
        finally:
            _work = None
        for number, result in enumerate(results):
            if number == len(items) - 1:  # the pool's thread gone before the last result is taken: the taker
                # may fork again at once (`can_fork`), without asking for a result after the last
                pool.shutdown()
            yield receive(result)
    except BrokenProcessPool as problem:
        raise WorkerDied(f"a worker process ended before giving its results ({problem}). If the machine ran "
                         "short of memory, build with fewer processes (`--jobs 1` uses one).") from None
    finally:
        pool.shutdown(cancel_futures=True)


def _run(number: int) -> bytes:
    if _work is None:
        raise RuntimeError("a worker was started after the work it was to do was given out")
    return pickle.dumps(_work(number), protocol=pickle.HIGHEST_PROTOCOL)
