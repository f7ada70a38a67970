"""Index the built site for search with Pagefind.

The whole output folder is indexed in one run of Pagefind's own binary (shipped in the
`pagefind[bin]` package): its Python API adds pages one by one, about ten a second.
Only pages marked `data-pagefind-body` (meetings and documents) are indexed.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cbor2

from .messages import Log

PAGEFIND_MAGIC = b"pagefind_dcd"


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
    make_deterministic(site / "pagefind")
    return True


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    return cbor2.loads(raw[len(PAGEFIND_MAGIC):])


def _encoded(data) -> bytes:
    return gzip.compress(PAGEFIND_MAGIC + cbor2.dumps(data), mtime=0)


def make_deterministic(bundle: Path) -> None:
    """Pagefind 1.5 writes each filter's values in a different order on every run (and names the files by
    their bytes), so the same site gave a different index each time. Put the values and the list of filters
    in order, and name the files afresh, so that the same content builds byte-identical files."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old in meta[3]:  # [[filter name, file hash], …]
            old_path = bundle / "filter" / f"{old}.pf_filter"
            data = _read(old_path)  # [filter name, [[value, [page numbers]], …]]
            data[1] = sorted(data[1], key=lambda value: value[0])
            blob = _encoded(data)
            new = f"{language}_{hashlib.sha256(blob).hexdigest()[:7]}"
            old_path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(blob)
            filters.append([name, new])
        meta[3] = sorted(filters)
        blob = _encoded(meta)
        info["hash"] = f"{language}_{hashlib.sha256(blob).hexdigest()[:13]}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(blob)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
