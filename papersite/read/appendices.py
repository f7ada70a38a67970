"""A report's appendices: where each begins, and what the report calls it.

What follows a report's own text is its appendices. Each begins after a blank-page notice, at its label
("Appendix B", "APPENDIX 1 - High Level Budget"), at a heading of its own that the agenda places inside the
report's pages, or, for an appendix that prints no label, at the top of the page whose first lines carry the
title the report lists for it ("Appendix 7 – Draft Responses to Consultation Feedback" over a page headed
"CONSULTATION FEEDBACK DRAFT RESPONSES"). Listed appendices are placed in the order the report lists them.

Each appendix takes its label as printed, else as the report lists it: by its title where the titles
agree, else the next one listed. An appendix listed but absent is recorded as missing, not invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Appendix
from .matching import title_share, words
from .people import looks_like_contact_detail
from .headings import LABEL_RE, table_fields
from .reports import BARE_LABEL_RE, LABEL_TITLE_RE
from .text import BULLET_RE, NUMBERED_RE, Para

TITLE_LINE = 0.8  # share of a listed title a line standing alone must repeat to begin its appendix
PLACED_BY_TITLE = 0.4  # share of a listed title's words a page's first lines must carry to start its appendix
PAIRED = 1.0  # what pairing an appendix with one listed is worth, before their labels and titles agree: the
# appendices follow the list, so pairing fewer is worth it only where the titles agree far better
HEAD_PARAS = 4  # an appendix's first lines: where its title is
HEAD_CHARACTERS = 160


@dataclass(frozen=True)
class FoundAppendix:
    label: str | None  # as printed on the appendix itself, or as the report lists it
    title: str | None
    paras: tuple[Para, ...]
    listed: bool = True  # the report lists it (else it was found without being listed)


def split_appendices(rest: tuple[Para, ...], listed: tuple[Appendix, ...], blank_page_after: set[int],
                     page_starts: frozenset[int], must_start: frozenset[int] = frozenset(),
                     title_lines: bool = False) -> list[tuple[Para, ...]]:
    """`rest` (what follows a report's own text) cut where each appendix begins. `must_start` holds first
    lines where the outline found a document heading inside the report's pages. With `title_lines` (where
    the pack's page breaks are not all known), a line that stands alone repeating a listed title may begin
    its appendix too."""
    if not rest:
        return []
    cuts = {0}
    for index, para in enumerate(rest):
        if index and (rest[index - 1].last in blank_page_after or para.first in must_start):
            cuts.add(index)
        elif index and BARE_LABEL_RE.match(para.plain) and not (index - 1 in cuts and BARE_LABEL_RE.match(rest[index - 1].plain)):
            cuts.add(index)
        elif index and LABEL_TITLE_RE.match(para.plain) and para.first in page_starts \
                and not (index - 1 in cuts and BARE_LABEL_RE.match(rest[index - 1].plain)):
            cuts.add(index)
    if (page_starts or title_lines) and len(listed) > len(cuts):
        cuts |= _placed_by_title(rest, listed, cuts, page_starts, title_lines)
    bounds = sorted(cuts) + [len(rest)]
    return [rest[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _head(paras: tuple[Para, ...], page_starts: frozenset[int] = frozenset()) -> str:
    """An appendix's first lines, where its title is: its first paragraphs on its first page, up to a few
    lines' worth."""
    head = ""
    for n, para in enumerate(paras[:HEAD_PARAS]):
        if head and (len(head) + len(para.plain) > HEAD_CHARACTERS or (n and para.first in page_starts)):
            break
        head = f"{head} {para.plain}".strip()
    return head[:HEAD_CHARACTERS * 2]


def _opens_a_paper(para: Para) -> bool:
    """A page top that could be a paper's first line: a short line, not a sentence carried over nor a
    numbered paragraph."""
    text = para.plain
    return len(text) <= 150 and not text[:1].islower() and not NUMBERED_RE.match(para.text) \
        and not BULLET_RE.match(para.text) and not para.is_table_row()


MID_PHRASE = {"the", "a", "an", "of", "to", "and", "or", "for", "in", "on", "with", "by", "from", "under", "at",
              "as", "that", "which", "is", "are", "be", "not"}


def _carries_on(para: Para) -> bool:
    """A paragraph cut off mid-phrase at the foot of a page ("… services commissioned under the Family"): its
    sentence goes on over the page."""
    text = para.plain
    if text.endswith(",") or text.endswith(";"):
        return True
    last_words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)[-2:]]
    return bool(re.search(r"[A-Za-z]$", text)) and any(w in MID_PHRASE for w in last_words) \
        and not looks_like_contact_detail(text)


def _line_share(title: str, para: Para) -> float:
    """How well a line standing alone repeats a listed title (of three words or more): all but a word of it,
    or it counts for nothing."""
    share = title_share(title, para.plain)
    return share if len(words(title)) >= 3 and share >= TITLE_LINE and not para.plain.endswith(".") else 0.0


def _page_share(title: str, first: str, head: str) -> float:
    """How well a page's first lines carry a listed title: its first line counts in full, the lines under it
    (`head`) a little less (a title may be printed over a line or two, or under the council's name)."""
    return max(title_share(title, first), 0.8 * title_share(title, head))


def _placed_by_title(rest: tuple[Para, ...], listed: tuple[Appendix, ...], cuts: set[int],
                     page_starts: frozenset[int], title_lines: bool) -> set[int]:
    """Page starts (and, with `title_lines`, lines standing alone as a title) where listed appendices that
    print no label begin: the best placing of the listed titles, in their order, on pages whose first lines
    carry them."""
    bounds = sorted(cuts) + [len(rest)]
    begun, _ = name_appendices([rest[a:b] for a, b in zip(bounds, bounds[1:])], listed)
    # Listed appendices the cuts already begin, by printed label or title ("Appendix 1: Service Offer
    # Comparison", listed as Appendix 5): the others are looked for at the tops of pages.
    claimed = {(a.label, a.title) for a in begun if a.listed}
    wanted = [a for a in listed if a.title and (a.label, a.title) not in claimed]
    candidates = [i for i, p in enumerate(rest) if i not in cuts and _opens_a_paper(p)
                  and not (i and _carries_on(rest[i - 1])) and (p.first in page_starts or title_lines)]
    if not wanted or not candidates:
        return set()
    # best[j][k]: the best total share placing wanted[:j] on candidates[:k], each at most once, in order
    heads = {c: _head(rest[c:c + HEAD_PARAS], page_starts) for c in candidates if rest[c].first in page_starts}
    shares = [[_page_share(a.title, rest[c].plain, heads[c]) if c in heads else _line_share(a.title, rest[c])
               for c in candidates] for a in wanted]
    best = [[0.0] * (len(candidates) + 1) for _ in range(len(wanted) + 1)]
    for j in range(1, len(wanted) + 1):
        for k in range(1, len(candidates) + 1):
            share = shares[j - 1][k - 1]
            take = best[j - 1][k - 1] + share if share >= PLACED_BY_TITLE else 0.0
            best[j][k] = max(best[j][k - 1], best[j - 1][k], take)
    chosen: set[int] = set()
    j, k = len(wanted), len(candidates)
    while j and k:
        share = shares[j - 1][k - 1]
        if share >= PLACED_BY_TITLE and best[j][k] == best[j - 1][k - 1] + share and best[j][k] > best[j][k - 1]:
            chosen.add(candidates[k - 1])
            j, k = j - 1, k - 1
        elif best[j][k] == best[j][k - 1]:
            k -= 1
        else:
            j -= 1
    return chosen


def name_appendices(groups: list[tuple[Para, ...]], listed: tuple[Appendix, ...],
                    mentioned: tuple[str, ...] = ()) -> tuple[list[FoundAppendix], list[Appendix]]:
    """Each appendix with its label and title, and the listed appendices that are not in the pack. The
    appendices follow the report's list in order: the pairing of the two in order that best agrees on
    printed labels and titles. A report with no list of appendices may still name them in its text
    ("attached at Appendix 1"): those labels name what is found, but none is missed."""
    if not listed and mentioned:
        found, _ = name_appendices(groups, tuple(Appendix(label, "") for label in mentioned))
        return found, []
    printed = [_as_printed(group) for group in groups]
    heads = [_head(group) for group in groups]

    def fit(g: int, a: Appendix) -> float:
        label = printed[g][0]
        return PAIRED + (1.0 if label and label == a.label else 0.0) + title_share(a.title, heads[g])

    # best[g][l]: the best total over groups[:g] and listed[:l]
    best = [[0.0] * (len(listed) + 1) for _ in range(len(groups) + 1)]
    for g in range(1, len(groups) + 1):
        for l in range(1, len(listed) + 1):
            best[g][l] = max(best[g - 1][l], best[g][l - 1], best[g - 1][l - 1] + fit(g - 1, listed[l - 1]))
    pairs: dict[int, Appendix] = {}
    g, l = len(groups), len(listed)
    while g and l:  # on a tie, the earlier listed appendix: leave a later one unpaired first
        if best[g][l] == best[g][l - 1]:
            l -= 1
        elif best[g][l] == best[g - 1][l - 1] + fit(g - 1, listed[l - 1]):
            pairs[g - 1] = listed[l - 1]
            g, l = g - 1, l - 1
        else:
            g -= 1
    found = []
    for g, group in enumerate(groups):
        label, title = printed[g]
        listed_as = pairs.get(g)
        if listed_as is not None:
            label = listed_as.label or label
            title = listed_as.title or title
        found.append(FoundAppendix(label, title, group, listed_as is not None))
    paired = {id(a) for a in pairs.values()}
    return found, [a for a in listed if id(a) not in paired]


def _as_printed(group: tuple[Para, ...]) -> tuple[str | None, str | None]:
    """The label and title an appendix prints itself."""
    first = group[0].plain
    bare = BARE_LABEL_RE.match(first)
    if bare:
        rest = group[1].plain if len(group) > 1 else ""
        labelled = LABEL_TITLE_RE.match(rest)
        title = labelled.group(2).strip() if labelled and labelled.group(1).upper() == bare.group(1).upper() else None
        return bare.group(1).upper(), title or _first_words(group)
    labelled = LABEL_TITLE_RE.match(first)
    if labelled:
        return labelled.group(1).upper(), labelled.group(2).strip()
    if LABEL_RE.match(first):  # a heading table of its own: its "Subject:" is its title
        subject = next((f.value for f in table_fields(group, 0) if f.role == "subject"), None)
        if subject:
            return None, subject
    return None, _first_words(group)


def _first_words(group: tuple[Para, ...]) -> str | None:
    """An unlabelled appendix's title: its first line, with the short heading lines under it ("Kent County
    Council" / "Quarterly Performance Report" / "Quarter 3" / "2024/25")."""
    lines = [p for p in group if not BARE_LABEL_RE.match(p.plain)]
    first = next((n for n, p in enumerate(lines) if len(p.plain) <= 150 and not p.is_table_row()), None)
    if first is None:
        return None
    title = lines[first].plain
    for para in lines[first + 1:first + HEAD_PARAS]:
        text = para.plain
        if len(title) > 60 or len(text) > 40 or text.endswith(".") or para.first - lines[first].last > HEAD_PARAS:
            break
        title = f"{title} {text}"
    return title
