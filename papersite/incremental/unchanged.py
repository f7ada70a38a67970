"""A rebuild whose every input is as it was when the published site was made keeps that site as it is.

The site is a function of its inputs alone (two builds of the same inputs give byte-identical files; tested):
the files in content/, the settings file, the templates, the assets (each by its place and its bytes), this
code with Python's and the libraries' versions (`cache.code_version`), the Pagefind binary that indexes it,
whether the site is searchable, and where it is published. After each build that published a site,
`stamp` notes a digest of all of these, of the published site as it was written (every file's and folder's
name, size, times and inode), and what the build said (its messages and its counts). The next build computes the same digests first (`unchanged`): when both are still the same,
it says again what the last build said and publishes nothing. In every other case it builds as usual, so what
this misses is never a stale page, only time.

The inputs are read whole (their bytes are digested, not their times), so an edit that keeps a file's size
and time is still seen. Not trusted, and so always a full rebuild:
- a content, template or asset folder holding a symbolic link or anything but files and folders (what a link
  reaches is not what the walk digests);
- a build that said anything about the build as a whole (the cache could not be read, the search index
  could not be made), or that could not read a pack: its next build tries again;
- a build during which an input changed (its times and inode are noted before its bytes are read, and again
  before the stamp: a file written in between has another change time);
- a published site touched since (a file edited, added or removed).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..messages import Message
from .cache import CACHE_HINT, code_version, read_versioned, versioned, write_whole

STAMP = "published.stamp"  # in the build cache (not *.pickle, which the pack cache prunes)


@dataclass(frozen=True)
class Said:
    """What a build said when it published the site: its messages and what its summary counts."""
    messages: tuple[Message, ...]
    meetings: int
    documents: int
    reports: int
    pages: int
    files: int  # the pages and text files the site's notes name: all of them are kept
    doubtful: int


@dataclass(frozen=True)
class Inputs:
    """What a build is made from, digested: `key` by the bytes, `state` by every file's and folder's times and
    inode. A build whose inputs' `state` changed while it ran was made from what is no longer there (an edit
    saved again, undone): it leaves no stamp."""
    key: str
    state: str


def inputs_of(folders: dict[str, Path], files: dict[str, Path], settings: str) -> Inputs | None:
    """A digest of every file and folder under each of `folders` (by its name there and its bytes), of each of
    `files` (a missing one counts as missing), of their places, of `settings` and of the code; None when a
    folder holds what the digest cannot stand for (see the module)."""
    key = hashlib.blake2b(digest_size=32)
    key.update(f"{code_version()}|{settings}\n".encode())
    state = _state(folders, files)
    if state is None:
        return None
    for label, folder in sorted(folders.items()):
        key.update(f"folder {label}|{folder}|{folder.is_dir()}\n".encode("utf-8", "surrogateescape"))
        under = _below(folder)
        for path, is_folder in _walk(folder):
            key.update(f"{path[under:]}|{is_folder}\n".encode("utf-8", "surrogateescape"))
            if not is_folder:
                with open(path, "rb") as handle:
                    key.update(hashlib.file_digest(handle, "blake2b").digest())
    for label, path in sorted(files.items()):
        key.update(f"file {label}|{path}|{path.is_file()}\n".encode("utf-8", "surrogateescape"))
        key.update(path.read_bytes() if path.is_file() else b"")
    return Inputs(key.hexdigest(), state)


def _walk(folder: Path):
    """(path, is a folder) of everything under `folder`, in a fixed order."""
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        yield from ((os.path.join(root, name), True) for name in dirs)
        yield from ((os.path.join(root, name), False) for name in sorted(names))


def _below(folder: Path) -> int:
    """How much of each path `_walk(folder)` gives to cut for its place below `folder`: the paths start with
    it, and cutting them is much quicker than `os.path.relpath` (a third of a published site's digest)."""
    return len(os.path.join(folder, ""))


def _state(folders: dict[str, Path], files: dict[str, Path]) -> str | None:
    """A digest of the times and inodes of every input (taken before the bytes are read: a file written after
    has another change time), or None if a folder holds anything but files and folders."""
    return _stats([*(p for _, folder in sorted(folders.items()) for p, _ in _walk(folder)),
                   *(str(path) for _, path in sorted(files.items()))], plain_only=True)


def site_key(site: Path) -> str:
    """A digest of the published site as it stands: every file's and folder's name, size, times and inode (the
    build writes new files and never rewrites one, so a file it kept is the same inode). The change time counts
    too: no one can set it back, so a file written again at its old size and time is still seen."""
    return _stats([path for path, _ in _walk(site)], relative_to=site)


def _stats(paths: list[str], relative_to: Path | None = None, plain_only: bool = False) -> str | None:
    """A digest of each path's name (relative to `relative_to`, if given), mode, size, modification and change
    times and inode (a missing path counts as missing); None if `plain_only` and one is neither a file nor a
    folder."""
    digest = hashlib.blake2b(digest_size=32)
    under = _below(relative_to) if relative_to else 0
    for path in paths:
        name = path[under:]
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            digest.update(f"{name}|missing\n".encode("utf-8", "surrogateescape"))
            continue
        if plain_only and not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
            return None
        digest.update(f"{name}|{info.st_mode}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}|{info.st_ino}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def unchanged(cache: Path, inputs: Inputs | None, site: Path, log) -> Said | None:
    """What the build that published `site` said, if it was made from these `inputs` and is still as written;
    otherwise None (build as usual). A stamp that cannot be read is a warning in `log`, and counts as none."""
    if inputs is None or not (cache / STAMP).is_file() or not site.is_dir():
        return None
    try:
        kept = read_versioned(cache / STAMP, inputs.key)  # None unless made from these inputs
    except Exception as problem:  # noqa: BLE001 — damaged, or not ours: a full build
        log.warn("", None, f"the build cache's {STAMP} could not be read ({type(problem).__name__}: {problem}); "
                 "the site was built as usual.", CACHE_HINT)
        return None
    if kept is None or kept[0] != site_key(site):
        return None
    return kept[1]


def stamp(cache: Path, inputs: Inputs | None, folders: dict[str, Path], files: dict[str, Path], site: Path,
          said: Said, again: bool = False) -> None:
    """Note, once `site` is published, what it was made from and what its build said. No stamp (and the last
    one removed), so that the next build is made as usual, when the build said something about the build as a
    whole, when it should be tried `again` (a pack could not be read), or when an input changed while it ran."""
    (cache / STAMP).unlink(missing_ok=True)
    if inputs is None or again or any(not message.source for message in said.messages):
        return
    if _state(folders, files) != inputs.state:
        return
    write_whole(cache / STAMP, versioned(inputs.key, (site_key(site), said)))
