#!/usr/bin/env python3
"""Build many mutated copies of the real packs and report any that crash, hang, lose text silently or show
source markup (see tests/fuzz.py for the mutations and the checks).

    python scripts/fuzz.py --cases 1000 [--seed 1] [--window 600]

Exit status 1 if any case has a problem; each is printed with its seed and number, so that
`python scripts/fuzz.py --seed S --only N --keep DIR` writes that case's files to DIR to look at.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzz import make_case, packs, run_case  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--window", type=int, default=None,
                        help="mutate a window of this many lines of each pack, not the whole pack (faster)")
    parser.add_argument("--only", type=int, default=None, help="run only this case number")
    parser.add_argument("--keep", type=Path, default=None, help="with --only: write the case's files here")
    args = parser.parse_args()
    corpus = packs()
    numbers = [args.only] if args.only is not None else range(args.cases)
    started = time.perf_counter()
    bad, slowest = [], (0.0, None, 0)
    for number in numbers:
        case = make_case(number, args.seed, corpus, args.window)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name, data in case.files.items():
                (args.keep / name).write_bytes(data)
        outcome = run_case(case)
        slowest = max(slowest, (outcome.seconds, number, case.size), key=lambda s: s[0])
        if outcome.problems:
            bad.append(outcome)
            print(f"case {number} ({case.pack}: {', '.join(case.mutations)}; {case.size:,} bytes): "
                  + "; ".join(outcome.problems), flush=True)
        elif (number + 1) % 50 == 0:
            print(f"{number + 1} cases, {len(bad)} with problems, {time.perf_counter() - started:.0f} s", flush=True)
    total = len(numbers)
    print(f"{total} cases (seed {args.seed}): {total - len(bad)} built and checked, {len(bad)} with problems; "
          f"slowest case {slowest[1]}: {slowest[0]:.1f} s for {slowest[2]:,} bytes; {time.perf_counter() - started:.0f} s in all")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
