"""The new site made out of the one the last build replaced, rather than from nothing.

A rebuild after one pack keeps nearly every file of the published site, each hard-linked into the new site.
Made from nothing, the new site had each of its thousands of folders made again while another process
deleted the site the last build replaced, folder by folder; the file system did the two in turn, and they
took a third of a rebuild of 300 packs. Now the site a build replaces is kept in the build cache
(`pipeline.RETIRED`), and the next build renames it into place as the folder of its new site (`take_retired`)
and puts it right file by file:

- every file that is not one of this build's pages, text files or shared files is deleted first (`sweep`):
  the search index, the assets and the originals are written again as into an empty folder;
- a file the build makes again is written afresh, never through the old one (`render.site.write_bytes`);
- a file it keeps is linked to the published one again unless it already is that file (`Reuse.keep`).

So nothing of the old site is left that this build did not make or keep, and the published site, which
shares most of its files with the old one, is never written to. An old site that cannot be put right (a file
in it cannot be deleted) is set aside (`retire` with `SET_ASIDE`) and the new site made afresh.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

PREFIX = "site-"  # a retired site's folder: site-<the time it was retired, in nanoseconds>
SET_ASIDE = "unusable-"  # an old site that could not be put right: never taken again, deleted with the others


class CannotSweep(Exception):
    """The old site could not be put right (a file in it could not be deleted: made read-only, say)."""


def take_retired(retired: Path, staging: Path) -> bool:
    """Rename the site retired last to `staging`, the folder the new site is made in (which must not exist);
    False if there is none to take, or it cannot be moved there (another file system)."""
    sites = [(int(p.name[len(PREFIX):]), p) for p in retired.glob(PREFIX + "*") if p.name[len(PREFIX):].isdigit()
             and p.is_dir() and not p.is_symlink()] if retired.is_dir() else []
    if not sites:
        return False
    try:
        max(sites)[1].rename(staging)
    except OSError:
        return False
    return True


def retire(site: Path, retired: Path, prefix: str = PREFIX) -> None:
    """Move `site` into `retired`, named by `prefix` and the time: a site the next build may take, or, with
    `SET_ASIDE`, an old site that could not be put right, which no build takes again (it is deleted with the
    other sites there, as far as it can be)."""
    retired.mkdir(parents=True, exist_ok=True)
    site.rename(retired / f"{prefix}{time.time_ns()}")


def sweep(site: Path, keep: set[str]) -> None:
    """Delete everything in `site` but the regular files named in `keep` (paths in the site, "/" between
    folders), and the folders that are left empty; a folder or link where a kept file should be goes too.
    Links are deleted, never followed. `CannotSweep` if something cannot be deleted."""
    try:
        _clear(str(site), "", keep)
    except OSError as problem:
        raise CannotSweep(f"{type(problem).__name__}: {problem}") from problem


def _clear(folder: str, prefix: str, keep: set[str]) -> bool:
    """Empties `folder` (at `prefix` in the site) of what is not kept; whether anything is left in it."""
    left = False
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        name = prefix + entry.name
        if name in keep and entry.is_file(follow_symlinks=False):
            left = True
        elif entry.is_dir(follow_symlinks=False):
            if name not in keep and _clear(entry.path, name + "/", keep):
                left = True
            else:
                shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    return left
