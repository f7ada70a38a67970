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


def _died(problem: BrokenProcessPool) -> WorkerDied:
    return WorkerDied(f"a worker process ended before giving its results ({problem}). If the machine ran short of "
                      "memory, build with fewer processes (`--jobs 1` uses one).")


def _forking_pool(size: int) -> ProcessPoolExecutor | None:
    """A pool of `size` forked processes, or None where the machine cannot make one (no semaphores in some
    containers): the work is then done in this process."""
    try:
        return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ImportError, NotImplementedError):
        return None


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
    pool = _forking_pool(min(jobs, len(items)))
    if pool is None:
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
        raise _died(problem) from None
    finally:
        pool.shutdown(cancel_futures=True)


class Aside:
    """`work()` (whose result pickle can carry) begun in a forked process if `jobs` > 1 and forking is safe
    (`can_fork`), to run while this process does something else; `result` waits for it. Otherwise it is done
    when its result is asked for."""

    def __init__(self, work: Callable[[], Result], jobs: int):
        self._work, self._pool, self._future = work, None, None
        self._done: tuple | None = None  # (its result,) once given
        if jobs <= 1 or not can_fork():
            return  # done by `result`, here
        self._pool = _forking_pool(1)
        if self._pool is None:
            return
        global _work
        _work = lambda _number: work()  # noqa: E731
        try:
            self._future = self._pool.submit(_run, 0)  # forked now, before the pool starts its own thread
        except OSError:  # the fork failed (no memory for another process): done here, when asked
            self.close()
        finally:
            _work = None

    def result(self) -> Result:
        """What `work()` returned (done here and now if it was not begun in another process); what it raised,
        raised here. Waits, without holding Python's lock, so this process's other threads run meanwhile.
        Asked again, gives the same result: the work is done once."""
        if self._done is None:
            self._done = (self._work() if self._future is None else self._received(),)
        return self._done[0]

    def _received(self) -> Result:
        try:
            return pickle.loads(self._future.result())
        except BrokenProcessPool as problem:
            raise _died(problem) from None
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _run(number: int) -> bytes:
    if _work is None:
        raise RuntimeError("a worker was started after the work it was to do was given out")
    return pickle.dumps(_work(number), protocol=pickle.HIGHEST_PROTOCOL)
