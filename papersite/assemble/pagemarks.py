"""Where each printed page of a document begins among its blocks, so that its page can show "Page 23" there
(`#page-23`), the agenda's "(Pages 23 - 30)" can link to it, and a PDF's page can be opened beside it.

A page's marker stands before the block that holds the page's first line. Where a paragraph or table runs on
from the page before, the marker stands after it: the reader is told where the page's own text begins.

Pages are numbered as the agenda numbers them: counted from the first page after the front sheet, or as
printed where that runs with the count (`Pages.number_of`). A pack joined from separately published papers
does not run with the agenda's count (each paper keeps its own page count, the front sheet may be shorter):
there the papers of an item are numbered from the page the agenda gives it (`read.pages.item_shifts`), so
that "(Pages 19 - 24)" lands where the item's paper begins.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import PageStart
from ..read.pages import Pages
from .laidout import spans_of


def page_starts(blocks, pages: Pages | None, front_pages: int, first: int, last: int) -> tuple[PageStart, ...]:
    if pages is None or not blocks:
        return ()
    spans = spans_of(blocks)  # kept with the record's blocks: they are not unpickled for this
    marks = []
    opening = pages.index_of(first)
    for index in range(opening, pages.index_of(last) + 1):
        start = max(pages.starts[index], first)
        before = len(blocks)
        for position, span in enumerate(spans):
            if span is None or span[1] < start:
                continue
            before = position if span[0] >= start or index == opening else position + 1
            break
        number = pages.number_of(index, front_pages)
        if pages.exact:
            marks.append(PageStart(number, index + 1, before))
        elif number is not None:  # breaks inferred from printed numbers: only the numbered pages are sure
            marks.append(PageStart(number, 0, before))
    return tuple(marks)


def shifted(marks: tuple[PageStart, ...], shift: int) -> tuple[PageStart, ...]:
    if not shift:
        return marks
    return tuple(replace(m, number=m.number + shift) if m.number is not None and m.number + shift > 0 else m
                 for m in marks)


def printed_range(marks: tuple[PageStart, ...]) -> tuple[int, int] | None:
    """The document's pages in the agenda's numbering, where the pack numbers them."""
    numbers = [m.number for m in marks if m.number is not None]
    return (numbers[0], numbers[-1]) if numbers else None


def sheet_range(marks: tuple[PageStart, ...]) -> tuple[int, int] | None:
    """The document's pages of its source file (of the PDF), first and last, where the source's page breaks
    are known."""
    return (marks[0].sheet, marks[-1].sheet) if marks and marks[0].sheet else None
