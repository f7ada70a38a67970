"""Packs read and pages made by several processes give what one process gives: the same files, the same
messages in the same order, the same notes for the next build."""
from __future__ import annotations

import pickle
import sys
import threading
from pathlib import Path

from conftest import ROOT, build_as_usual_next
from papersite import pipeline, workers
from papersite.incremental.reuse import NOTES
from papersite.messages import Log
from papersite.pipeline import Paths, build

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import synthesise  # noqa: E402


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_several_processes_build_what_one_builds(tmp_path, monkeypatch):
    content, config = synthesise(tmp_path / "archive", 8)
    newest = sorted(content.glob("*.txt"))[-1]
    held_back = newest.read_bytes()
    newest.unlink()
    broken = sorted(content.glob("*.txt"))[2].name  # a pack whose reading fails: named, the rest built
    real_read_pack = pipeline.read_pack

    def read_pack(source, config, log):
        if source.path.endswith(broken):
            raise RuntimeError("a reader's bug")
        return real_read_pack(source, config, log)
    monkeypatch.setattr(pipeline, "read_pack", read_pack)  # inherited by the forked workers
    forked = []
    real_pool = workers.multiprocessing.get_context

    def get_context(method):
        forked.append(method)
        return real_pool(method)
    monkeypatch.setattr(workers.multiprocessing, "get_context", get_context)
    made = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}" / "_site"
        paths = Paths(content, out, config, ROOT / "templates", ROOT / "assets")
        newest.unlink(missing_ok=True)
        logs, results = [], []
        for step in ("full", "again", "added"):
            if step == "added":
                newest.write_bytes(held_back)
            if step == "again":
                build_as_usual_next(out)
            logs.append(Log())
            results.append(build(paths, logs[-1], search=False, jobs=jobs))
        notes = (out.parent / ".build-cache" / NOTES).read_bytes()
        made[jobs] = (files(out), [[str(m) for m in log.messages] for log in logs],
                      [(r.pages, r.reused) for r in results], pickle.loads(notes.partition(b"\n")[2]))
        assert any(broken in str(m) and "a reader's bug" in str(m) for m in logs[0].messages)
        assert results[1].reused > results[1].pages + len(results[1].archive.documents)  # nothing changed: all kept
        assert 0 < results[2].reused < results[2].pages + len(results[2].archive.documents)
    assert forked and set(forked) == {"fork"}  # the second set of builds did share out their work
    assert made[1][1] == made[2][1]  # messages, in order
    assert made[1][2] == made[2][2]  # pages, and pages kept
    assert made[1][0].keys() == made[2][0].keys()
    for name in made[1][0]:
        assert made[1][0][name] == made[2][0][name], name
    assert {name: (n.key, n.lookups, n.words, n.terms, n.digest) for name, n in made[1][3].items()} == \
        {name: (n.key, n.lookups, n.words, n.terms, n.digest) for name, n in made[2][3].items()}


def test_work_is_done_in_this_process_while_another_thread_runs():
    """`serve` answers requests from a thread: a fork then could copy a lock that thread holds."""
    assert workers.can_fork() == (sys.platform == "linux")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not workers.can_fork()
        here = []
        assert list(workers.in_order(lambda n: here.append(n) or n * n, range(5), jobs=2)) == [0, 1, 4, 9, 16]
        assert here == [0, 1, 2, 3, 4]  # run here, in order
    finally:
        stop.set()
        thread.join()
    forked = []
    assert list(workers.in_order(lambda n: forked.append(n) or n * n, range(5), jobs=2)) == [0, 1, 4, 9, 16]
    assert forked == [] or sys.platform != "linux"  # run in the workers, whose lists go with them


def test_a_failure_in_a_worker_is_raised_here():
    import os
    here = os.getpid()

    def work(n):
        if n == 3:
            raise ValueError("three")
        return os.getpid()
    if sys.platform == "linux":
        assert here not in workers.in_order(work, [0, 1, 2], jobs=2)  # the items are worked in the workers
    try:
        list(workers.in_order(work, range(6), jobs=2))
    except ValueError as problem:
        assert str(problem) == "three"
    else:
        raise AssertionError("the worker's failure was lost")


def test_a_worker_that_dies_is_named_not_waited_for():
    import os
    import signal
    if sys.platform != "linux":
        return

    def work(n):
        if n == 5:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does to a process that ran out of memory
        return n
    try:
        list(workers.in_order(work, range(20), jobs=2))
    except workers.WorkerDied as problem:
        assert "--jobs 1" in str(problem)
    else:
        raise AssertionError("the dead worker went unnoticed")
    assert workers.can_fork()  # and nothing of the pool is left running


def test_the_pool_is_gone_once_the_last_result_is_taken():
    """The build takes exactly as many results as it gave items (it never asks for one more): the pool's
    threads must be gone by then, or the next step could not fork."""
    if sys.platform != "linux":
        return
    results = workers.in_order(lambda n: n + 1, range(40), jobs=2)
    assert [r for _, r in zip(range(40), results)] == list(range(1, 41))
    assert workers.can_fork(), [t.name for t in threading.enumerate()]


def test_without_the_means_to_share_work_it_is_done_here(monkeypatch):
    """Where processes cannot share a pool (no semaphores, as in some containers), the work is done in this
    process, and the results are the same."""
    def unavailable(*args, **kwargs):
        raise OSError(38, "Function not implemented")
    monkeypatch.setattr(workers, "ProcessPoolExecutor", unavailable)
    here = []
    assert list(workers.in_order(lambda n: here.append(n) or n * 2, range(5), jobs=2)) == [0, 2, 4, 6, 8]
    assert here == [0, 1, 2, 3, 4]


def test_work_set_aside_runs_in_another_process_and_gives_its_result_once():
    import os
    import signal
    import pytest
    assert workers.can_fork()  # Linux, and no thread left running by another test: else this tests nothing
    here = os.getpid()
    aside = workers.Aside(lambda: os.getpid(), 2)
    assert aside.result() != here and aside.result() == aside.result()
    assert workers.Aside(lambda: os.getpid(), 1).result() == here  # one job: done here, when asked

    def fails():
        raise ValueError("written wrong")
    with pytest.raises(ValueError, match="written wrong"):
        workers.Aside(fails, 2).result()
    killed = workers.Aside(lambda: os.getpid() != here and os.kill(os.getpid(), signal.SIGKILL), 2)
    with pytest.raises(workers.WorkerDied, match="--jobs 1"):
        killed.result()


def test_the_rest_of_the_site_written_aside_is_what_one_process_writes(tmp_path, monkeypatch):
    """The files no search reads (feeds, open data, originals, assets) are written by a forked process while
    this one makes the search index; the site and the notes for the next build are those one process makes."""
    import os
    content, config = synthesise(tmp_path / "archive", 3)
    real_copy = pipeline.copy_originals
    writers = tmp_path / "writers.txt"

    def copy_originals(*args):
        with writers.open("a") as noted:
            noted.write(f"{os.getpid()}\n")
        return real_copy(*args)
    monkeypatch.setattr(pipeline, "copy_originals", copy_originals)
    # Indexed in parts, as a large site is (a small one has nothing to overlap with its one Pagefind run).
    from papersite.search import index
    monkeypatch.setattr(pipeline, "search_parts", lambda pages: index.search_parts(pages, most=25))
    monkeypatch.setattr(pipeline, "index_site", lambda *args, **kwargs: index.index_site(*args, most=25, **kwargs))
    made = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}" / "_site"
        writers.unlink(missing_ok=True)
        result = build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), Log(), jobs=jobs)
        assert (writers.read_text().split() == [str(os.getpid())]) == (jobs == 1)  # another process with two
        notes = pickle.loads((out.parent / ".build-cache" / NOTES).read_bytes().partition(b"\n")[2])
        made[jobs] = files(out), {name: (n.key, n.lookups, n.words, n.terms, n.digest) for name, n in notes.items()}
        assert "feed.xml" in notes and "data/archive.json" in notes and result.pages
        build_as_usual_next(out)
        again = build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), Log(), jobs=jobs)
        assert again.reused == len(notes)  # every page, text file and shared file kept, as the notes say
    assert made[1] == made[2]
