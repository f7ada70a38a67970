"""The reading of packs against hand-checked truth (tests/corpus/): every corpus pack, the five
Leicestershire samples of the bundled site and the three Kent packs built as a Kent site with only Kent's
committees configured, scores at least 0.97 with the shared scorer (`tests/corpus/score_structure.py`)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import CONTENT, CORPUS, build_site

SCORER = CORPUS / "score_structure.py"
BAR = 0.97
LINE_RE = re.compile(r"^(\w+): (\d+)/(\d+)")


def scores(project, names, truth, texts) -> dict[str, float]:
    run = subprocess.run([sys.executable, str(SCORER), str(project), str(project / "_site/data/archive.json"),
                          *names, "--truth", str(truth), "--texts", str(texts)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    found = {m.group(1): int(m.group(2)) / int(m.group(3)) for m in map(LINE_RE.match, run.stdout.splitlines()) if m}
    assert sorted(found) == sorted(names), run.stdout
    return found, run.stdout


def test_every_leicestershire_pack_scores_at_least_the_bar(tmp_path):
    project = tmp_path / "leicestershire"
    shutil.copytree(CONTENT, project / "content")
    build_site(project / "content", project / "_site")
    texts = tmp_path / "texts"  # the scorer looks for each pack's text in one folder
    texts.mkdir()
    for text in (project / "content").rglob("*.txt"):
        shutil.copyfile(text, texts / text.name)
    found, printed = scores(project, ["000", "001", "002", "003", "004"], CORPUS / "leicestershire", texts)
    assert all(score >= BAR for score in found.values()), printed


def test_every_kent_pack_scores_at_least_the_bar(kent_site):
    project, _, _ = kent_site
    found, printed = scores(project, ["k01", "k02", "k03"], CORPUS / "kent", CORPUS / "kent")
    assert all(score >= BAR for score in found.values()), printed
