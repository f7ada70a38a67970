"""Find the source texts in the content folder and read them.

This is the only module that reads source files. It decides nothing about their
meaning; it turns bytes into lines, or into one clear message saying what is
wrong with the file and what to do about it. A PDF's text layer is read by `pdf.read_pdf` into the same
lines, with what only the PDF knows kept beside them (`Source.pdf`).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from ..yamlfile import load_yaml, what, where

from ..messages import Log
from .pdf import PdfText, PdfUnreadable, read_pdf

TEXT_SUFFIXES = {".txt", ".pdf"}
SIDECAR_SUFFIXES = {".yaml", ".yml"}
IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class Source:
    path: str  # relative to the project root, with forward slashes: "content/x/pack.txt"
    lines: tuple[str, ...]  # without line ends; lines[0] is line 1
    sidecar: dict  # the YAML beside the text, or {}
    encoding: str  # "pdf" for a PDF's text layer
    pdf: PdfText | None = None  # a PDF's pages, fonts and bookmarks
    size: int = 0  # bytes of the file
    digest: str = ""  # the file's SHA-256 (a PDF's styles and bookmarks shape the reading as much as its text)
    text_read: bool = True  # False: its text was not decoded (`lines` is empty), the build cache holding the
    # record of a pack read from these very bytes (`discover`'s `kept`)

    def page_of_line(self, line: int) -> int | None:
        """The page of the PDF (1-based) that holds `line` of its text; None for a text source."""
        return self.pdf.page_of_line(line) if self.pdf else None


class Unreadable(Exception):
    """A file that cannot be used as a source. The message says what to do."""


LINK_HINT = ("Copy the file itself into content/, or, if every link there is meant to be followed, set "
             "`follow_symlinks: true` in site_config.yaml.")


def irregular(path: Path, follow_symlinks: bool = False) -> tuple[str, str] | None:
    """Why `path` is not read, as (what it is, what to do), or None for a regular file that may be read. A
    symbolic link is not followed unless the settings say so (`passwd.txt -> /etc/passwd` would publish a file
    from outside content/); a pipe is never opened (reading it would wait for ever), nor a socket or a device."""
    if path.is_symlink() and not follow_symlinks:
        return "a symbolic link, which is not followed", LINK_HINT
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a symbolic link to nothing (its target is gone)", "Remove the link, or put the file itself in content/."
    if not stat.S_ISREG(mode):
        return "not a regular file (a folder, pipe, socket or device)", "Only ordinary files in content/ are read: remove it."
    return None


def regular_files(content: Path, log: Log, follow_symlinks: bool = False) -> list[Path]:
    """The regular files under `content`, the only things the build reads; anything else is named and left
    alone (`irregular`)."""
    root = content.parent
    found: list[Path] = []
    seen: set[Path] = set()  # folders walked, by their real path: links round in a circle are walked once
    for folder, folders, names in os.walk(content, followlinks=follow_symlinks):
        here = Path(folder)
        if follow_symlinks:
            real = here.resolve()
            if real in seen:
                folders.clear()
                continue
            seen.add(real)
        for name in sorted(folders):
            if (here / name).is_symlink() and not follow_symlinks:
                log.warn((here / name).relative_to(root).as_posix(), None,
                         "this folder is a symbolic link, which is not followed; nothing in it is read.", LINK_HINT)
        folders[:] = sorted(f for f in folders if follow_symlinks or not (here / f).is_symlink())
        for name in sorted(names):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name in IGNORED_NAMES:
                continue
            why = irregular(path, follow_symlinks)
            if why:
                log.warn(rel, None, f"this is {why[0]}; it was skipped.", why[1])
                continue
            found.append(path)
    return found


def discover(content: Path, log: Log, extractions=None, follow_symlinks: bool = False,
             kept: Callable[[str, str, dict], bool] | None = None) -> list[Source]:
    """Every usable source under `content`, in a stable order. `extractions` (incremental.cache.Extractions) keeps each
    PDF's text between builds, found again by the hash of the PDF's bytes. `kept(path, digest, sidecar)` says
    whether the build cache holds the record of a pack read from a text file's bytes (`read_source`)."""
    root = content.parent
    sources = []
    files = regular_files(content, log, follow_symlinks)
    kinds: dict[tuple[Path, str], set[str]] = {}  # each name's endings, whatever their case ("K03.PDF")
    for path in files:
        kinds.setdefault((path.parent, path.stem), set()).add(path.suffix.lower())
    as_pdf: set[tuple[Path, str]] = set()  # papers read from their PDF: a text of the same name is not read
    # A PDF before a text of the same name, so that the text is read only where the PDF cannot be.
    for path in sorted(files, key=lambda p: (p.parent.as_posix(), p.stem, p.suffix.lower() != ".pdf", p.name)):
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        siblings = kinds[(path.parent, path.stem)]
        if suffix in SIDECAR_SUFFIXES:
            if not siblings & TEXT_SUFFIXES:
                log.warn(rel, None, "this sidecar has no source beside it, so it is not used.",
                         f"Name it after its text or PDF, e.g. {path.with_suffix('.txt').name} and {path.name}.")
            continue
        if suffix == ".txt" and _starts_with(path, b"%PDF"):
            log.warn(rel, None, "this is a PDF named .txt; it was skipped.", "Rename it to end .pdf.")
            continue
        if suffix not in TEXT_SUFFIXES:
            log.warn(rel, None, f"files ending {suffix or '(no ending)'} are not read; it was skipped.",
                     "Sources must end .txt or .pdf (sidecars .yaml).")
            continue
        if suffix == ".txt" and (path.parent, path.stem) in as_pdf:
            continue
        try:
            sources.append(read_any(path, rel, log, extractions, follow_symlinks, kept))
            _warn_long_lines(sources[-1], log)
        except Unreadable as problem:
            also = " Its text beside it is read instead." if suffix == ".pdf" and ".txt" in siblings else ""
            log.warn(rel, None, f"{problem.args[0]}; it was skipped.{also}", problem.args[1])
            continue
        if suffix == ".pdf" and ".txt" in siblings:
            as_pdf.add((path.parent, path.stem))
            log.warn(rel, None, "a text file of the same name beside it holds the same papers; the PDF is read and "
                     "the text skipped.", "Remove one of the two.")
    return sources


LONG_LINE = 10_000  # characters: a real paper's longest lines (table rows) are a few hundred


def _warn_long_lines(source: Source, log: Log) -> None:
    """Name the first line past `LONG_LINE`: a text that lost its line breaks. It is read and published as it
    is (every step over it is linear), but the clerk should know."""
    if max(map(len, source.lines), default=0) <= LONG_LINE:  # as nearly all are: not a line at a time in Python
        return
    long = [n for n, line in enumerate(source.lines, 1) if len(line) > LONG_LINE]
    if long:
        more = f" (and {len(long) - 1} more)" if len(long) > 1 else ""
        log.warn(source.path, long[0], f"this line is {len(source.lines[long[0] - 1]):,} characters long{more}: has the "
                 "text lost its line breaks? It is published as it is.",
                 "Extract the text again from the PDF, or put the PDF itself in content/.")


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic


def read_any(path: Path, rel: str, log: Log, extractions=None, follow_symlinks: bool = False,
             kept: Callable[[str, str, dict], bool] | None = None) -> Source:
    if path.suffix.lower() == ".pdf":
        return read_pdf_source(path, rel, log, extractions, follow_symlinks)
    return read_source(path, rel, follow_symlinks, kept)


def read_pdf_source(path: Path, rel: str, log: Log, extractions=None, follow_symlinks: bool = False) -> Source:
    """A PDF's text layer as a source; its scanned pages (pictures without text) are named in a warning."""
    data = path.read_bytes()
    if b"%PDF" not in data[:1024]:  # a PDF may follow a little junk (a mail header, a stray newline)
        raise Unreadable("it is named .pdf but is not a PDF", "Put the council's PDF of the papers here.")
    sidecar = read_sidecar(path, rel, follow_symlinks)
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = extractions.get(digest, path) if extractions else read_pdf(path)
    except PdfUnreadable as problem:
        raise Unreadable(*problem.args) from None
    if not any(line.strip("\f \t") for line in text.lines):
        pages = f"all {text.page_count} pages are pictures" if text.page_count > 1 else "its one page is a picture"
        raise Unreadable(f"it has no text layer ({pages}: a scan?), so there is nothing to read",
                         "Run it through OCR (text recognition, e.g. `ocrmypdf in.pdf out.pdf`) or ask for the "
                         "council's original PDF.") if text.no_text else \
            Unreadable("it has no text on any page", "Check that this is the PDF of the papers.")
    if text.no_text:
        verb = "has" if len(text.no_text) == 1 else "have"
        log.warn(rel, None, f"{_pages(text.no_text)} of this PDF {verb} no text layer, only pictures (scanned?): "
                 "what they show is not on the site.",
                 "Run it through OCR (e.g. `ocrmypdf in.pdf out.pdf`) and replace the file, or publish those pages' "
                 "words another way.")
    return Source(rel, tuple(map(without_controls, text.lines)), sidecar, "pdf", text, len(data), digest)


def _pages(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, numbers[:10])) + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"


# Characters no page may hold (C0 and C1 controls, DEL, noncharacters), as a bad extraction leaves them:
# an Atom feed cannot carry them at all. Tabs, line ends and form feeds (page breaks) are kept.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def without_controls(text: str) -> str:
    return CONTROL_RE.sub("", text) if CONTROL_RE.search(text) else text


def read_source(path: Path, rel: str, follow_symlinks: bool = False,
                kept: Callable[[str, str, dict], bool] | None = None) -> Source:
    """The text file's lines. With `kept` (see `discover`) saying that the build cache holds the record of a pack
    read from these very bytes, they are not decoded (a sixth of a rebuild's reading): nothing reads them, and
    what decoding could say of them was said when they were read. Unless a line may be too long, which
    `_warn_long_lines` says on every build."""
    data = path.read_bytes()
    sidecar = read_sidecar(path, rel, follow_symlinks)
    digest = hashlib.sha256(data).hexdigest()
    # A line of n bytes has at most n characters: no line of bytes past LONG_LINE, no line of text past it. (The
    # cache asked first: a first build holds no record, and a record loaded for a text decoded after all is
    # still the one its pack is given.)
    if kept and kept(rel, digest, sidecar) and max(map(len, data.split(b"\n"))) <= LONG_LINE:
        return Source(rel, (), sidecar, "", size=len(data), digest=digest, text_read=False)
    text, encoding = decode(data)
    text = without_controls(text)
    # Line ends: CRLF (Windows), lone CR (old Mac) and LF all become one line break.
    lines = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline does not start another line
    return Source(rel, tuple(lines), sidecar, encoding, size=len(data), digest=digest)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (with or without BOM) or Windows-1252."""
    if not data.strip():
        raise Unreadable("the file is empty", "Put the extracted text of the papers in it, or remove it.")
    if data.startswith(b"%PDF"):
        raise Unreadable("this is a PDF named as a text file", "Rename it to end .pdf: PDFs are read directly.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("its encoding is UTF-16, which is not read", "Save it again as UTF-8 text.")
    if b"\x00" in data[:4096] or _control_ratio(data[:4096]) > 0.05:
        raise Unreadable("this looks like a binary file (a word-processor or image file?), not text",
                         "Save or extract the papers as plain text (.txt) and put that in content/.")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as not_utf8:
        first_bad = not_utf8.start  # a stray byte, even after a BOM: Windows-1252, as most such files are
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        line = data[:first_bad].count(b"\n") + 1  # where it stops being UTF-8: the damage, for a mostly UTF-8 file
        raise Unreadable(
            f"its encoding is neither UTF-8 nor Windows-1252 (byte 0x{data[first_bad]:02x} on line {line} is not "
            "UTF-8, and the file has bytes Windows-1252 does not use)",
            "Save it again as UTF-8 text, or extract it again from the PDF.",
        ) from None


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def read_sidecar(text_path: Path, rel: str, follow_symlinks: bool = False) -> dict:
    for suffix in sorted(SIDECAR_SUFFIXES):
        sidecar = text_path.with_suffix(suffix)
        if not sidecar.exists() and (follow_symlinks or not sidecar.is_symlink()):
            continue  # none (a link to nothing, where links are followed, is named by `regular_files`)
        why = irregular(sidecar, follow_symlinks)  # as for every file in content/
        if why:
            raise Unreadable(f"its sidecar {sidecar.name} is {why[0]}", why[1])
        try:
            data = load_yaml(sidecar.read_text(encoding="utf-8-sig")) or {}
        except UnicodeDecodeError:
            raise Unreadable(f"its sidecar {sidecar.name} is not UTF-8 text", "Save the sidecar again as UTF-8.") from None
        except yaml.YAMLError as problem:
            raise Unreadable(f"its sidecar {sidecar.name} is not valid YAML{where(problem)}: {what(problem)}",
                             "Fix the sidecar; the README describes its format.") from None
        except RecursionError:
            raise Unreadable(f"its sidecar {sidecar.name} is nested too deeply to be a sidecar",
                             "Write it as `key: value` lines; the README describes its format.") from None
        if not isinstance(data, dict):
            raise Unreadable(f"its sidecar {sidecar.name} is not a mapping of keys to values",
                             "Write it as `key: value` lines; the README describes its format.")
        return {key: without_controls(value) if isinstance(value, str) else value for key, value in data.items()}
    return {}
