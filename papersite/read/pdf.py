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
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

FORCE_BOLD = 1 << 18  # PDF font descriptor flag 19
BOLD_NAME_RE = re.compile(r"bold|black|heavy|semibold|demi", re.I)
PARAGRAPH_GAP = 0.75  # a gap above a line of more than this many of its heights leaves a blank line
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
            starts = [1]
            for number, text in enumerate(self.lines, start=1):
                starts.extend([number] * (len(text) - len(text.lstrip("\f"))))
            object.__setattr__(self, "_starts", starts)
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
        raise _why(problem) from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise PdfUnreadable(f"it has {count} pages, more than the {MAX_PAGES} a pack is expected to have",
                                "Check that this is one committee's papers; split it into one PDF per meeting.")
        lines: list[str] = []
        styles: list[LineStyle | None] = []
        no_text = []
        for index in range(count):
            page = document[index]
            try:
                page_lines = _page_lines(page)
                if not page_lines and _has_pictures(page):
                    no_text.append(index + 1)
            finally:
                page.close()
            _append_page(lines, styles, page_lines, first=index == 0)
        lines.append("\f")  # pdftotext ends the text with a form feed and no newline
        styles.append(None)
        return PdfText(tuple(lines), tuple(styles), count, tuple(no_text), _bookmarks(document))
    finally:
        document.close()


def _why(problem: Exception) -> PdfUnreadable:
    code = getattr(problem, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
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
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        aligned = len(text) == textpage.count_chars()  # one character per text index: styles can be looked up
        found: list[tuple[str, LineStyle | None, tuple | None]] = []
        at = 0
        for raw in re.split(r"(\r\n|\r|\n)", text):
            start, at = at, at + len(raw)
            if raw in ("\r\n", "\r", "\n") or not raw.strip():
                continue
            for offset, part in _on_one_baseline(textpage, start, raw) if aligned else ((0, raw),):
                line = _clean(part)
                if not line.strip():
                    continue
                style, box = _style(textpage, start + offset, part) if aligned else (None, None)
                found.append((line, style, box))
    finally:
        textpage.close()
    body = _body_size(found)
    out: list[tuple[str, LineStyle | None]] = []
    previous = None  # the line above: (style, box)
    for line, style, box in _reading_order(found):
        if box and previous and previous[1] and _gap(previous[1], box) and not _one_title(previous[0], style, body):
            out.append(("", None))
        out.append((line, style))
        previous = (style, box)
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
    begin level), as a reader and pdftotext read them."""
    runs: list[list] = []
    for entry in found:
        box = entry[2]
        last = runs[-1][-1][2] if runs else None
        if not runs or box is None or last is None or box[0] > last[0] + 0.5 * max(box[2], 1.0):
            runs.append([entry])
        else:
            runs[-1].append(entry)
    if any(entry[2] is None for entry in found):
        return found  # positions unknown: keep PDFium's order
    ordered = sorted(enumerate(runs), key=lambda r: (-round(r[1][0][2][0]), r[1][0][2][3], r[0]))
    return [entry for _, run in ordered for entry in run]


def _on_one_baseline(textpage, start: int, raw: str) -> list[tuple[int, str]]:
    """A line PDFium gives split where its letters leave their baseline for another: it runs on from one
    line to another when they were drawn one after the other, as a page number at the foot of a page and an
    "Agenda Item 7" stamp at its head are. A superscript stays on its line. Each part with its offset."""
    x, y = ctypes.c_double(), ctypes.c_double()
    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, start + next((i for i, c in enumerate(raw) if c.strip()), 0))
    parts, begin, previous = [], 0, None
    for i, char in enumerate(raw):
        if char.isspace() or not pdfium_c.FPDFText_GetCharOrigin(textpage.raw, start + i, x, y):
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


def _style(textpage, start: int, raw: str):
    """The style and box (top, bottom, size, left) of a line: bold where its first and last letters are (a
    bold label beside plain text is not a bold line), in the smaller of their sizes."""
    letters = [i for i, c in enumerate(raw) if c.isalnum()] or [i for i, c in enumerate(raw) if not c.isspace()] or [0]
    first, last = start + letters[0], start + letters[-1]
    size = min(pdfium_c.FPDFText_GetFontSize(textpage.raw, first), pdfium_c.FPDFText_GetFontSize(textpage.raw, last))
    style = LineStyle(round(size, 1), _bold(textpage, first) and _bold(textpage, last))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not pdfium_c.FPDFText_GetCharBox(textpage.raw, first, left, right, bottom, top):
        return style, None
    return style, (top.value, bottom.value, size, left.value)


def _bold(textpage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    flags = ctypes.c_int(0)
    buffer = ctypes.create_string_buffer(128)
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), ctypes.byref(flags))
    return bool(flags.value & FORCE_BOLD) or bool(length and BOLD_NAME_RE.search(buffer.value.decode("latin-1", "replace")))


def _gap(above, below) -> bool:
    """Does a paragraph's worth of space (or a jump up the page, to a new column) lie between two lines?"""
    top_above, bottom_above, size_above, _ = above
    top_below, _, size_below, _ = below
    height = max(size_above, size_below, 1.0)
    space = bottom_above - top_below
    return space > PARAGRAPH_GAP * height or top_below > top_above + height


def _has_pictures(page) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _bookmarks(document) -> tuple[Bookmark, ...]:
    marks = []
    for mark in document.get_toc(max_depth=4):
        dest = mark.get_dest()
        index = dest.get_index() if dest is not None else None
        if index is not None:
            marks.append(Bookmark(mark.level, " ".join(mark.get_title().split()), index))
    return tuple(marks)
