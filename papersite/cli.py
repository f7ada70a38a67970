"""The command line: `python build.py [--content DIR] [--out DIR] [--strict]`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import ConfigError
from .messages import Log
from .pipeline import Paths, build

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Build the committee papers site from content/.")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="folder of source texts (default: content/)")
    p.add_argument("--out", type=Path, default=ROOT / "_site", help="folder to write the site to (default: _site/)")
    p.add_argument("--config", type=Path, default=ROOT / "site_config.yaml", help="settings file (default: site_config.yaml)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors: exit 1 if there are any")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 on bad usage
    if not args.content.is_dir():
        print(f"{args.content}: error: no such folder of source texts. Use --content DIR.", file=sys.stderr)
        return 2
    log = Log()
    paths = Paths(args.content.resolve(), args.out.resolve(), args.config.resolve(), ROOT / "templates", ROOT / "assets")
    try:
        result = build(paths, log)
    except ConfigError as problem:
        for message in log.sorted():
            print(message, file=sys.stderr)
        for line in problem.args[0]:
            print(f"error: {line}", file=sys.stderr)
        print("Build failed: fix site_config.yaml. The published site was not changed.", file=sys.stderr)
        return 1
    except OSError as problem:
        print(f"error: could not write the site ({problem}). The published site was not changed.", file=sys.stderr)
        return 1
    except Exception as problem:  # never a traceback for the clerk; PAPERSITE_DEBUG=1 shows it to a developer
        if os.environ.get("PAPERSITE_DEBUG"):
            raise
        print(f"error: the build stopped unexpectedly ({type(problem).__name__}: {problem}). "
              "The published site was not changed. Please report this, with the command you ran; "
              "PAPERSITE_DEBUG=1 shows the details.", file=sys.stderr)
        return 1
    for message in log.sorted():
        print(message, file=sys.stderr)
    archive = result.archive
    reports = sum(1 for d in archive.documents if d.kind == "report")
    documents = len(archive.documents)
    warnings = len(log.warnings)
    print(f"Built {len(archive.meetings)} meetings, {documents} documents ({reports} reports), "
          f"{warnings} warning{'s' if warnings != 1 else ''} in {result.seconds:.1f} s")
    if log.errors or (args.strict and warnings):
        if args.strict and warnings:
            print("Failed: --strict treats warnings as errors.", file=sys.stderr)
        return 1
    return 0
