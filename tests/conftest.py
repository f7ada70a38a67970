"""Shared helpers: build a site from some source texts into a temporary folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from papersite.incremental.unchanged import STAMP
from papersite.messages import Log
from papersite.pipeline import Paths, build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SAMPLES = sorted(CONTENT.rglob("*.txt"))
CORPUS = Path(__file__).parent / "corpus"  # real packs with hand-checked truth (tests/corpus/README.md)
KENT_PACKS = sorted((CORPUS / "kent").glob("k0*.txt"))
KENT_PDFS = sorted((CORPUS / "kent" / "pdf").glob("k0*.pdf"))  # the same packs as the council published them
KENT_CONFIG = CORPUS / "kent" / "site_config.yaml"  # only Kent's committees: nothing about its layouts


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output (read the diff before committing)")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def make_content(tmp_path: Path, files: dict[str, bytes | str | Path]) -> Path:
    """A content folder holding `files` (name -> text, bytes, or a path to copy)."""
    content = tmp_path / "content"
    for name, data in files.items():
        target = content / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        elif isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return content


def build_site(content: Path, out: Path, config: Path = ROOT / "site_config.yaml", search: bool = True):
    """Build `content` into `out`; `search=False` leaves out the search index, for tests not about it."""
    log = Log()
    result = build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=search)
    return result, log


def build_as_usual_next(out: Path) -> None:
    """Make the next build of the site at `out` read, connect and render as usual, for a test of what that
    build keeps: with nothing changed at all it would keep the published site as it is (`incremental.unchanged`,
    tests/test_unchanged.py)."""
    (out.parent / ".build-cache" / STAMP).unlink(missing_ok=True)


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The bundled content/ built once for the whole session."""
    out = tmp_path_factory.mktemp("site") / "_site"
    result, log = build_site(CONTENT, out)
    return out, result, log


def kent_project(project: Path, packs: list[Path]):
    """`packs` built as a Kent site, as a clerk of another council would (only Kent's committees configured):
    (project folder, result, log); archive.json's source paths are relative to the project folder."""
    content = project / "content"
    content.mkdir()
    for pack in packs:
        shutil.copyfile(pack, content / pack.name)
    result, log = build_site(content, project / "_site", KENT_CONFIG)
    return project, result, log


@pytest.fixture(scope="session")
def kent_site(tmp_path_factory):
    """The three Kent corpus packs, as their texts."""
    return kent_project(tmp_path_factory.mktemp("kent"), KENT_PACKS)


@pytest.fixture(scope="session")
def kent_pdf_site(tmp_path_factory):
    """The same three packs, as their PDFs."""
    return kent_project(tmp_path_factory.mktemp("kent-pdf"), KENT_PDFS)
