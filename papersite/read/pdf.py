"""Read a PDF's text layer into the lines the rest of the reading takes, with what only a PDF knows.

The lines come out as `pdftotext` prints them (each page after the first begins with a form feed glued to its
first word, a blank line where the page leaves a gap, a form feed at the end), so a pack reads the same from
its PDF as from its extracted text. Beside the lines the PDF gives what text cannot: the exact page of every
line, each line's font size and weight (`LineStyle`), which pages have no text layer (scans) and the PDF's
bookmarks.

pypdfium2 (PDFium, the engine of Chromium's PDF viewer) does the reading: the README says why it was chosen.
"""
from __future__ import annotations

import bisect
import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .pages import form_feed_starts

FORCE_BOLD = 1 << 18  # PDF font descriptor flag 19
BOLD_NAME_RE = re.compile(r"bold|black|heavy|semibold|demi", re.I)
PARAGRAPH_PITCH = 1.6  # baselines further apart than this many font sizes have a paragraph's gap between them
RUN_BREAK = 0.5  # a line this many font sizes above the one before starts a new run (a column, a heading drawn late)
LEVEL = 1.0  # runs beginning within this many font sizes of one another are level: read left to right
BASELINE_JUMP = 0.6  # letters further apart than this many of the line's size are on different lines
LARGER = 1.15  # type this many times the body's size is larger, as a heading's
TITLE_SIZE = 1.3  # a line this many times the body's size is a title's
MAX_PAGES = 5000  # a pack longer than this is not a committee paper (or not one file of it)


class PdfUnreadable(Exception):
    """A PDF that cannot be read. args: what is wrong, what to do."""


@dataclass(frozen=True)
class LineStyle:
    size: float  # font size in points of the line's first letters
    bold: bool


@dataclass(frozen=True)
class Bookmark:
    level: int  # 0 at the top of the outline
    title: str
    page: int  # 0-based page of the PDF


@dataclass(frozen=True)
class PdfText:
    lines: tuple[str, ...]
    styles: tuple[LineStyle | None, ...]  # one per line; None for a blank line
    page_count: int
    no_text: tuple[int, ...]  # 1-based pages with pictures but no text: scanned, needing OCR
    bookmarks: tuple[Bookmark, ...]

    def page_of_line(self, line: int) -> int:
        """The page (1-based) that holds `line` (1-based) of the text: a line beginning with form feeds is on
        the page its last form feed begins."""
        if not hasattr(self, "_starts"):
            object.__setattr__(self, "_starts", form_feed_starts(self.lines) or [1])
        return min(bisect.bisect_right(self._starts, line), self.page_count)

    def emphasis(self):
        """How a line (1-based) is set apart from the body: ("large", size) in larger type, ("bold",) in bold
        type of the body's size, None (false) not at all."""
        body = self.body_size
        styles = self.styles

        def emphasised(line: int):
            style = styles[line - 1] if 0 < line <= len(styles) else None
            if style and body and style.size >= LARGER * body:
                return ("large", style.size)
            return ("bold",) if style and style.bold else None
        return emphasised

    @property
    def body_size(self) -> float:
        """The font size most of the text is set in."""
        sizes = Counter(round(s.size) for s in self.styles if s)
        return float(sizes.most_common(1)[0][0]) if sizes else 0.0


READER_VERSION = f"pypdfium2 {pdfium.PYPDFIUM_INFO}, pdfium {pdfium.PDFIUM_INFO}"


def to_record(text: PdfText) -> dict:
    """The text as plain data, for the build cache."""
    return {"lines": list(text.lines), "styles": [[s.size, s.bold] if s else None for s in text.styles],
            "page_count": text.page_count, "no_text": list(text.no_text),
            "bookmarks": [[b.level, b.title, b.page] for b in text.bookmarks]}


def from_record(record: dict) -> PdfText:
    return PdfText(tuple(record["lines"]), tuple(LineStyle(s[0], bool(s[1])) if s else None for s in record["styles"]),
                   int(record["page_count"]), tuple(record["no_text"]),
                   tuple(Bookmark(int(b[0]), str(b[1]), int(b[2])) for b in record["bookmarks"]))


def read_pdf(path: Path) -> PdfText:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as problem:
        raise _why(problem, path) from None
    try:
        count = len(document)
        if count == 0:
            raise PdfUnreadable("it has no pages", "Check that this is the PDF of the papers; save it again from "
                                "the committee system.")
        if count > MAX_PAGES:
            raise PdfUnreadable(f"it has {count} pages, more than the {MAX_PAGES} a pack is expected to have",
                                "Check that this is one committee's papers; split it into one PDF per meeting.")
        lines: list[str] = []
        styles: list[LineStyle | None] = []
        no_text = []
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise PdfUnreadable(f"page {index + 1} of its {count} pages is damaged and cannot be read",
                                    "Download the papers again, or save a new copy from the committee system.") from None
            try:
                page_lines = _page_lines(page)
                if not page_lines and _has_pictures(page):
                    no_text.append(index + 1)
            except pdfium.PdfiumError:
                raise PdfUnreadable(f"the text of page {index + 1} cannot be read (the page is damaged)",
                                    "Download the papers again, or save a new copy from the committee system.") from None
            finally:
                page.close()
            _append_page(lines, styles, page_lines, first=index == 0)
        lines.append("\f")  # pdftotext ends the text with a form feed and no newline
        styles.append(None)
        return PdfText(tuple(lines), tuple(styles), count, tuple(no_text), _bookmarks(document))
    finally:
        document.close()


def _why(problem: Exception, path: Path) -> PdfUnreadable:
    code = getattr(problem, "err_code", None)
    data = path.read_bytes()
    if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Count\s+[1-9]", data):
        return PdfUnreadable("it has no pages", "Check that this is the PDF of the papers; save it again from "
                             "the committee system.")
    if code == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:  # PDFium says so of some damaged files too
        return PdfUnreadable("it is encrypted with a password, so its text cannot be read",
                             "Publish the council's unprotected copy of the papers, or remove the password.")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return PdfUnreadable("it is protected by a security handler this reader does not support",
                             "Save an unprotected copy of the papers and put that in content/.")
    return PdfUnreadable("it is damaged or not a PDF (the PDF reader could not open it)",
                         "Download the papers again, or save a new copy from the committee system.")


def _append_page(lines: list[str], styles: list, page_lines: list[tuple[str, LineStyle | None]], first: bool) -> None:
    """A page's lines in pdftotext's form: the form feed that begins every page after the first is glued to
    its first line; a page with no text leaves its form feed on the line of the next page's."""
    if not first:
        if lines and lines[-1].startswith("\f") and lines[-1].strip("\f") == "":
            lines[-1] += "\f"  # a blank page: two form feeds on one line, as pdftotext prints them
        else:
            lines.append("\f")
            styles.append(None)
    for n, (text, style) in enumerate(page_lines):
        if n == 0 and lines and lines[-1].strip("\f") == "" and lines[-1].startswith("\f"):
            lines[-1] += text
            styles[-1] = style
        else:
            lines.append(text)
            styles.append(style)


def _page_lines(page) -> list[tuple[str, LineStyle | None]]:
    """The page's lines in reading order, each with its style, with a blank line where the page leaves a gap
    between paragraphs."""
    page.set_rotation(0)  # a page turned by /Rotate is read in its own upright space
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # The text index of each character: a character beyond the BMP takes two (UTF-16). Where they do not
        # add up to PDFium's count, styles cannot be looked up, and PDFium's order and lines are kept.
        indexes = list(accumulate((2 if ord(c) > 0xFFFF else 1 for c in text), initial=0))
        aligned = indexes[-1] == textpage.count_chars()
        found: list[tuple[str, LineStyle | None, tuple | None]] = []
        at = 0
        for raw in re.split(r"(\r\n|\r|\n)", text):
            start, at = at, at + len(raw)
            if raw in ("\r\n", "\r", "\n") or not raw.strip():
                continue
            for offset, part in _on_one_baseline(textpage, indexes, start, raw) if aligned else ((0, raw),):
                line = _clean(part)
                if line:
                    found.append((line, *(_style(textpage, indexes, start + offset, part) if aligned else (None, None))))
    finally:
        textpage.close()
    body = _body_size(found)
    out: list[tuple[str, LineStyle | None]] = []
    previous = None  # the line above: (style, box)
    for line, style, box in _reading_order(found):
        if box and previous and previous[1] and _gap(previous[1], box) and not _one_title(previous[0], style, body):
            out.append(("", None))
        out.append((line, style))
        previous = (style, box) if box else previous
    return out


def _body_size(found: list) -> float:
    sizes = Counter()
    for line, style, _ in found:
        if style:
            sizes[style.size] += len(line)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _one_title(above: LineStyle | None, below: LineStyle | None, body: float) -> bool:
    """Lines of a title set in large type stand far apart, but read as one: the same size, above the body's."""
    return bool(above and below and above == below and body and above.size >= TITLE_SIZE * body)


def _reading_order(found: list) -> list:
    """PDFium gives lines in the order they were drawn, which is mostly the order they are read: but a heading
    may be drawn after the table under it, a page number before the text above it. Each run of lines going
    down the page is kept whole, and the runs are read from the top of the page down (left to right where two
    begin within a line of each other), as a reader and pdftotext read them. A line whose place is not known
    (rotated text) stays in the run it was drawn in."""
    runs: list[list] = []
    last = None  # the box of the last placed line
    for entry in found:
        box = entry[2]
        if not runs or (box and last and box[0] > last[0] + RUN_BREAK * max(box[1], 1.0)):
            runs.append([])
        runs[-1].append(entry)
        last = box or last
    keys, key = [], (float("inf"), 0.0)
    for run in runs:  # a run's place: its first placed line's baseline and left edge; else the run before's
        placed = next((entry[2] for entry in run if entry[2]), None)
        key = (placed[0], placed[2]) if placed else key
        keys.append(key)
    by_height = sorted(range(len(runs)), key=lambda n: (-keys[n][0], n))
    ordered, level = [], []
    for n in by_height:
        if level and keys[level[0]][0] - keys[n][0] > LEVEL * max(runs[n][0][2][1] if runs[n][0][2] else 1.0, 1.0):
            ordered.extend(sorted(level, key=lambda m: (keys[m][1], m)))
            level = []
        level.append(n)
    ordered.extend(sorted(level, key=lambda m: (keys[m][1], m)))
    return [entry for n in ordered for entry in runs[n]]


def _rotated(textpage, index: int) -> bool:
    angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)
    return angle >= 0 and min(angle, 2 * math.pi - angle) > 0.05


def _on_one_baseline(textpage, indexes: list[int], start: int, raw: str) -> list[tuple[int, str]]:
    """A line PDFium gives split where its letters leave their baseline for another: it runs on from one
    line to another when they were drawn one after the other, as a page number at the foot of a page and an
    "Agenda Item 7" stamp at its head are. A superscript stays on its line; rotated text is left whole. Each
    part with its offset."""
    x, y = ctypes.c_double(), ctypes.c_double()
    first = indexes[start + next((i for i, c in enumerate(raw) if c.strip()), 0)]
    if _rotated(textpage, first):
        return [(0, raw)]
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first)
    parts, begin, previous = [], 0, None
    for i, char in enumerate(raw):
        if char.isspace() or not pdfium_c.FPDFText_GetCharOrigin(textpage.raw, indexes[start + i], x, y):
            continue
        if previous is not None and abs(y.value - previous) > BASELINE_JUMP * max(size, 1.0):
            parts.append((begin, raw[begin:i]))
            begin = i
        previous = y.value
    parts.append((begin, raw[begin:]))
    return parts


def _clean(line: str) -> str:
    """PDFium's text with the characters a text file would not have (NULs and other controls, soft hyphens)
    and without the spaces a line may be drawn with before or after its words: pdftotext, whose lines the
    reading knows, prints none."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]", "", line.replace("\u00ad", "")).strip()


def _style(textpage, indexes: list[int], start: int, raw: str):
    """The style of a line (bold where its first and last letters are: a bold label beside plain text is not a
    bold line; in the smaller of their sizes) and its place (baseline, size, left edge) from its first letter's
    origin; no place for rotated text."""
    letters = [i for i, c in enumerate(raw) if c.isalnum()] or [i for i, c in enumerate(raw) if not c.isspace()] or [0]
    first, last = indexes[start + letters[0]], indexes[start + letters[-1]]
    size = min(pdfium_c.FPDFText_GetFontSize(textpage.raw, first), pdfium_c.FPDFText_GetFontSize(textpage.raw, last))
    style = LineStyle(round(size, 1), _bold(textpage, first) and _bold(textpage, last))
    x, y = ctypes.c_double(), ctypes.c_double()
    if _rotated(textpage, first) or not pdfium_c.FPDFText_GetCharOrigin(textpage.raw, first, x, y):
        return style, None
    return style, (y.value, size, x.value)


def _bold(textpage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    flags = ctypes.c_int(0)
    buffer = ctypes.create_string_buffer(128)
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
    return bool(flags.value & FORCE_BOLD) or bool(length and BOLD_NAME_RE.search(buffer.value.decode("latin-1", "replace")))


def _gap(above, below) -> bool:
    """Does a paragraph's worth of space (or a jump up the page, to a new column) lie between two lines? From
    baseline to baseline, so that a line's first letter ("T" or "a") does not matter."""
    height = max((above[1] + below[1]) / 2, 1.0)  # from a large title to the body: their mean
    pitch = above[0] - below[0]
    return pitch > PARAGRAPH_PITCH * height or pitch < -RUN_BREAK * height


def _has_pictures(page) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _bookmarks(document) -> tuple[Bookmark, ...]:
    """The PDF's outline; a damaged one is only missed (the text does not depend on it)."""
    marks = []
    try:
        for mark in document.get_toc(max_depth=4):
            dest = mark.get_dest()
            index = dest.get_index() if dest is not None else None
            if index is not None:
                marks.append(Bookmark(mark.level, _clean(" ".join(mark.get_title().split())), index))
    except pdfium.PdfiumError:
        pass
    return tuple(marks)
