"""The command line:

    python build.py [--content DIR] [--out DIR] [--config FILE] [--strict] [--no-cache] [--no-search] [--jobs N]   build the site
    python build.py check FILE [--outline | --text] [--config FILE]          what one pack holds, unpublished
    python build.py serve [--content DIR] [--out DIR] [--port N]             build, serve, rebuild on change
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .clerk import check_file, numbered_text, outline_sidecar
from .config import ConfigError, load_config
from .messages import Log
from .pipeline import Paths, build

ROOT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Build the committee papers site from content/.")
    p.add_argument("--content", type=Path, default=ROOT / "content", help="folder of source texts (default: content/)")
    p.add_argument("--out", type=Path, default=ROOT / "_site", help="folder to write the site to (default: _site/)")
    p.add_argument("--config", type=Path, default=ROOT / "site_config.yaml", help="settings file (default: site_config.yaml)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors: exit 1 if there are any")
    p.add_argument("--no-cache", action="store_true",
                   help="read every pack and make every page afresh, without reading or writing .build-cache/")
    p.add_argument("--no-search", action="store_true",
                   help="leave out the search index (quicker, for a preview: search does not work on that site)")
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="processes to read packs and make pages with (default: one for each processor; 1 for one "
                        "process, as when tracing a problem)")
    return p


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (1 or more)")
    return int(value)


def check_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py check", description="Show what the build finds in one pack, without publishing.")
    p.add_argument("file", type=Path, help="the source text of the pack")
    p.add_argument("--outline", action="store_true",
                   help="print the outline found (where each document starts), ready to save into the pack's "
                        "sidecar and correct")
    p.add_argument("--text", action="store_true",
                   help="print the text the build reads (a PDF's text layer), each line numbered as messages and "
                        "the outline number them, with the page each begins")
    p.add_argument("--config", type=Path, default=ROOT / "site_config.yaml", help="settings file (default: site_config.yaml)")
    return p


def serve_parser() -> argparse.ArgumentParser:
    p = parser()
    p.prog = "build.py serve"
    p.description = "Build the site, serve it on 127.0.0.1 and rebuild when content, templates, assets or settings change."
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        return check(check_parser().parse_args(argv[1:]))
    if argv[:1] == ["serve"]:
        from .serve import serve
        args = serve_parser().parse_args(argv[1:])
        return serve(args, lambda: run_build(args))
    return run_build(parser().parse_args(argv))  # exits 2 on bad usage


def check(args) -> int:
    if not args.file.is_file():
        print(f"{args.file}: error: no such file.", file=sys.stderr)
        return 2
    try:
        config = load_config(args.config, Log())
    except ConfigError as problem:
        for line in problem.args[0]:
            print(f"error: {line}", file=sys.stderr)
        return 1
    if args.text:
        lines, log = numbered_text(args.file)
        if lines is None:
            print_grouped(log, sys.stderr)
            return 1
        print("\n".join(lines))
        return 0
    if args.outline:
        text, log = outline_sidecar(args.file, config)
        if text is None:
            print_grouped(log, sys.stderr)
            print(f"{args.file}: no outline: it could not be read as papers.", file=sys.stderr)
            return 1
        print(text, end="")
        return 0
    lines, log, readable = check_file(args.file, config)
    print("\n".join(lines))
    if log.messages:
        print("\nWhat looks wrong, and what to do:")
        print_grouped(log, sys.stdout)
    else:
        print("\nNothing looks wrong.")
    return 0 if readable else 1


def print_grouped(log: Log, stream) -> None:
    """Warnings grouped by file, in line order."""
    current = None
    for message in log.sorted():
        if message.source != current:
            current = message.source
            print(f"{current or 'The build as a whole'}:", file=stream)
        print(f"  {message}", file=stream)


def run_build(args) -> int:
    if not args.content.is_dir():
        print(f"{args.content}: error: no such folder of source texts. Use --content DIR.", file=sys.stderr)
        return 2
    log = Log()
    paths = Paths(args.content.resolve(), args.out.resolve(), args.config.resolve(), ROOT / "templates", ROOT / "assets")
    try:
        result = build(paths, log, use_cache=not args.no_cache, search=not args.no_search, jobs=args.jobs)
    except ConfigError as problem:
        print_grouped(log, sys.stderr)
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
    print_grouped(log, sys.stderr)
    meetings, documents, reports = result.counts
    warnings = len(log.warnings)
    kept = f"; {result.reused} pages and text files kept from the last build" if result.reused else ""
    if result.unchanged:
        kept = f"; nothing had changed, so all {result.reused} pages and text files published were kept as they are"
    doubts = (f" ({result.doubtful} pack{'s' if result.doubtful != 1 else ''} read with doubts)"
              if result.doubtful else "")
    print(f"Built {meetings} meetings, {documents} documents ({reports} reports), "
          f"{warnings} warning{'s' if warnings != 1 else ''}{doubts} in {result.seconds:.1f} s{kept}", flush=True)
    if log.errors or (args.strict and warnings):
        if args.strict and warnings:
            print("Failed: --strict treats warnings as errors.", file=sys.stderr)
        return 1
    return 0
