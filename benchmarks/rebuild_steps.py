"""What each of the rebuild's special measures is worth, as a share of a rebuild after adding one pack.

    python benchmarks/rebuild_steps.py --packs 300 --shape committee

Issue 16 asked that the garbage-collector pauses and the early exit be removed unless each is worth more than
5 % of a rebuild. This builds a synthetic archive (`run.synthesise`), adds one pack and times that rebuild,
then, in one run, times each step with and without its measure:

- loading every cached pack, the pages' notes and the texts' memo with the collector paused and the result
  frozen (`cache.load_lasting`) or not;
- the search merge with the collector paused or not, while the packs are held as the build holds them (it
  was worth under 1 %, and the merge no longer pauses it);
- the end of the process, in a rebuild after adding the pack: `os._exit` (build.py) or Python freeing every
  object as it shuts down;
- and, for a full build, the packs read and the connect stage's steps done by two workers, with the collector
  frozen before they are forked, as Python's documentation advises, or not (1.5 % of a full build when last
  measured: the workers no longer freeze it).
"""
from __future__ import annotations

import argparse
import gc
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import AS_INSTALLED, SHAPES, synthesise  # noqa: E402


def seconds(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def build_command(content: Path, out: Path, config: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out), "--config", str(config)]


# Reads every pack afresh (no cache) and connects the archive with two workers; with "frozen", freezing the
# collector before each fork.
READ_SHARED = ("import gc, sys, time; sys.path.insert(0, {root!r}); from pathlib import Path; "
               "from papersite import pipeline, workers; from papersite.messages import Log; "
               "pool = workers.ProcessPoolExecutor; "
               "workers.ProcessPoolExecutor = (lambda *a, **k: (gc.freeze(), pool(*a, **k))[1]) "
               "if sys.argv[4] == 'frozen' else pool; "
               "paths = pipeline.Paths(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path('.'), Path('.')); "
               "started = time.perf_counter(); pipeline.read(paths, Log(), jobs=2); print(time.perf_counter() - started)")
NORMAL_EXIT = ("import sys; sys.argv = ['build.py'] + sys.argv[1:]; sys.path.insert(0, {root!r}); "
               "from papersite.cli import main; sys.exit(main())")
EARLY_EXIT = ("import os, sys; sys.argv = ['build.py'] + sys.argv[1:]; sys.path.insert(0, {root!r}); "
              "from papersite.cli import main; code = main(); sys.stdout.flush(); sys.stderr.flush(); os._exit(code)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packs", type=int, default=300)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="committee")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="papers-steps-"))
    try:
        content, config = synthesise(folder, args.packs + 1, args.shape)
        extra = sorted(content.glob("*.txt"))[-1]
        held_back = extra.read_bytes()
        extra.unlink()
        out = folder / "_site"
        command = build_command(content, out, config)
        subprocess.run(command, check=True, capture_output=True, env=AS_INSTALLED)
        extra.write_bytes(held_back)
        rebuild = seconds(lambda: subprocess.run(command, check=True, capture_output=True, env=AS_INSTALLED))

        from papersite.incremental.cache import KnownData, load_lasting
        from papersite.search import merge
        from papersite.search.index import MERGED
        cache = folder / ".build-cache"
        kept = [path.read_bytes() for path in sorted(cache.glob("*.pickle"))]
        packs = len(kept)
        # and the pages' notes and the texts' memo, loaded the same way (`read_versioned`), after their label
        kept += [(cache / name).read_bytes().partition(b"\n")[2] for name in ("pages.notes", "texts.memo")]
        gc.collect()
        plain = seconds(lambda: [KnownData(io.BytesIO(data)).load() for data in kept])
        gc.collect()
        held = []
        paused = seconds(lambda: held.extend(load_lasting(data) for data in kept))  # frozen, as the build holds them

        kept_parts = folder / ".build-cache" / "search-parts"  # only where the index is made in parts
        # the parts themselves: not the bundle merged from them, nor the first parts kept merged (the prefix)
        parts = sorted(p for p in kept_parts.iterdir() if p.is_dir() and p.name not in (MERGED, merge.PREFIX)) \
            if kept_parts.is_dir() else []
        target = folder / "merged"
        def merged(paused: bool) -> float:
            if len(parts) < 2:
                return 0.0
            gc.disable() if paused else gc.enable()
            try:
                return seconds(lambda: merge.merge_bundles(parts, target))
            finally:
                gc.enable()
        merged_paused, merged_plain = merged(True), merged(False)
        gc.unfreeze()
        held.clear()

        def ending(snippet: str) -> float:
            """A rebuild after adding the pack, ending with `snippet`'s exit."""
            run = [sys.executable, "-c", snippet.format(root=str(ROOT)), *command[2:]]
            extra.unlink()
            subprocess.run(run, check=True, capture_output=True, env=AS_INSTALLED)
            extra.write_bytes(held_back)
            return seconds(lambda: subprocess.run(run, check=True, capture_output=True, env=AS_INSTALLED))
        early, normal = ending(EARLY_EXIT), ending(NORMAL_EXIT)

        def read_shared(how: str) -> float:
            run = subprocess.run([sys.executable, "-c", READ_SHARED.format(root=str(ROOT)), str(content), str(out),
                                  str(config), how], check=True, capture_output=True, env=AS_INSTALLED, text=True)
            return float(run.stdout.strip().splitlines()[-1])
        frozen, unfrozen = read_shared("frozen"), read_shared("unfrozen")

        def share(saved: float) -> str:
            return f"{saved:6.2f} s saved, {saved / rebuild:5.1%} of the rebuild"
        print(f"Synthetic archive: {args.packs} packs, shape {args.shape}; rebuild after adding one pack: {rebuild:.1f} s")
        print(f"Loading {packs} cached packs, the notes and the memo: {plain:.2f} s, with the collector paused {paused:.2f} s: {share(plain - paused)}")
        print(f"Merging {len(parts)} search parts: {merged_plain:.2f} s, with the collector paused {merged_paused:.2f} s: "
              f"{share(merged_plain - merged_paused)}" if len(parts) > 1 else "Search index in one part: no merge")
        print(f"A rebuild after adding the pack ending as Python does: {normal:.2f} s, with os._exit {early:.2f} s: "
              f"{share(normal - early)}")
        print(f"A full build's reading and connecting, by two workers: {unfrozen:.2f} s, with the collector frozen "
              f"before the fork {frozen:.2f} s: {frozen and unfrozen - frozen:.2f} s saved")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
