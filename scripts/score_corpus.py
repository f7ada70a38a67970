#!/usr/bin/env python3
"""Build the bundled site and a Kent site from the corpus, then score each archive against the corpus's
hand-checked truth with `tests/corpus/score_structure.py` (the project's copy of the shared scorer).

    python scripts/score_corpus.py [--min 0.97]

Prints the scorer's lines for every pack; exits 1 when either site scores below --min.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from papersite.messages import Log  # noqa: E402
from papersite.pipeline import Paths, build  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SCORER = CORPUS / "score_structure.py"
LEICESTERSHIRE = ["000", "001", "002", "003", "004"]
KENT = ["k01", "k02", "k03"]


def build_into(project: Path, content: Path, config: Path) -> tuple[Path, Log]:
    """Build `content` into `project`/_site with `config`; the archive's source paths are relative to `project`."""
    log = Log()
    build(Paths(content, project / "_site", config, ROOT / "templates", ROOT / "assets"), log, use_cache=False)
    return project / "_site" / "data" / "archive.json", log


def kent_site(where: Path) -> tuple[Path, Path, Log]:
    """The Kent packs built as a Kent site (only Kent's committees configured): (project, archive, log)."""
    project = where / "kent"
    content = project / "content"
    content.mkdir(parents=True)
    for text in sorted((CORPUS / "kent").glob("k0*.txt")):
        shutil.copyfile(text, content / text.name)
    archive, log = build_into(project, content, CORPUS / "kent" / "site_config.yaml")
    return project, archive, log


def score(project: Path, archive: Path, names: list[str], truth: Path, texts: Path, minimum: float):
    return subprocess.run([sys.executable, str(SCORER), str(project), str(archive), *names, "--truth", str(truth),
                           "--texts", str(texts), "--min", str(minimum)], capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=0.0)
    parser.add_argument("--warnings", action="store_true", help="print each build's warnings too")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = tmp / "leicestershire"
        shutil.copytree(ROOT / "content", project / "content")
        archive, log = build_into(project, project / "content", ROOT / "site_config.yaml")
        texts = tmp / "texts"  # the scorer looks for each pack's text in one folder
        texts.mkdir()
        for text in (project / "content").rglob("*.txt"):
            shutil.copyfile(text, texts / text.name)
        runs = [("Leicestershire", score(project, archive, LEICESTERSHIRE, CORPUS / "leicestershire", texts, args.min),
                 log)]
        project, archive, log = kent_site(tmp)
        runs.append(("Kent", score(project, archive, KENT, CORPUS / "kent", CORPUS / "kent", args.min), log))
        for name, run, log in runs:
            print(f"# {name}\n{run.stdout}{run.stderr}", end="")
            if args.warnings:
                for message in log.sorted():
                    print(f"  {message}")
            failed |= run.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
