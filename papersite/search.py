"""Index the built site for search with Pagefind.

The whole output folder is indexed in one run of Pagefind's own binary (shipped in the
`pagefind[bin]` package): its Python API adds pages one by one, about ten a second.
Only pages marked `data-pagefind-body` (meetings and documents) are indexed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .messages import Log


def index_site(site: Path, log: Log) -> bool:
    """Build the search index into site/pagefind/. Returns False (with a warning) if it could not."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as problem:
        log.warn("", None, f"the search index was not built ({problem}).",
                 "Install the requirements (`python -m pip install -r requirements.txt`) and build again.")
        return False
    if run.returncode != 0 or not (site / "pagefind" / "pagefind.js").exists():
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        log.warn("", None, f"the search index was not built (Pagefind said: {detail[0]}).",
                 "Install the requirements (`python -m pip install -r requirements.txt`) and build again.")
        return False
    return True
