"""Acronyms and what they stand for, as the papers themselves spell them out.

"Education, Health and Care Plan (EHCP)" gives EHCP; so do glossary tables with a
Term and a Definition column. Pages mark the first use of each known acronym with
<abbr title="…">, so a screen reader or a hover can give the expansion (`render.marking`).
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from datetime import date

from ..incremental.cache import Memo
from ..model import Archive
from .synonyms import search_terms, words_of
from .topics import document_digest, document_text, text_digest

ACRONYM_RE = re.compile(r"\(([A-Z][A-Z&]{1,7})(s?)\)")
LINKING_WORDS = {"and", "of", "the", "for", "in", "on", "or", "to", "&", "with", "at", "a"}
WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def expansion_before(text: str, acronym: str) -> str | None:
    """The words just before "(ACR)" whose initials spell ACR, or None."""
    letters = [c for c in acronym if c.isalpha()]
    words = WORD_RE.findall(text)[-(len(letters) * 2 + 2):]
    for k in range(len(letters), len(words) + 1):
        candidate = words[-k:]
        if not candidate[0][0].isupper():
            continue
        significant = [w for w in candidate if w.lower() not in LINKING_WORDS]
        for chosen in (significant, candidate):
            if [w[0].upper() for w in chosen] == [c.upper() for c in letters]:
                start = _position_of_words(text, candidate)
                return " ".join(text[start:].split()).strip(" ,;:'\"‘’“”") if start is not None else None
    return None


def _position_of_words(text: str, words: list[str]) -> int | None:
    pattern = r"\W+".join(re.escape(w) for w in words) + r"\W*$"
    match = re.search(pattern, text)
    return match.start() if match else None


EXPANSION_REACH = 400  # characters before "(ACR)" its expansion may start in: twice an acronym's words at most


def expansions_in(text: str) -> list[tuple[str, str]]:
    found = []
    for match in ACRONYM_RE.finditer(text):
        acronym = match.group(1)
        # Only the text just before: the whole text before each "(ACR)" made a long paragraph quadratic.
        expansion = expansion_before(text[max(0, match.start() - EXPANSION_REACH): match.start()], acronym)
        if expansion:
            found.append((acronym, expansion))
    return found


def spelt_out(doc) -> Counter:
    """(acronym, expansion) -> how often `doc` spells it out, in running text or a glossary table."""
    counts: Counter = Counter()
    for block in doc.blocks:
        for text in (block.text, *block.items):
            counts.update(expansions_in(text))
        if block.kind == "table" and block.rows and len(block.rows[0]) >= 2 \
                and block.rows[0][0].lower() in ("term", "acronym", "abbreviation"):
            for row in block.rows[1:]:
                if re.fullmatch(r"[A-Z][A-Za-z0-9&.]{1,9}", row[0]) and row[1]:
                    counts[(row[0], row[1])] += 1
    return counts


def _most_used(counts: Counter) -> dict[str, str]:
    """Acronym -> its expansion used most often in `counts` (ties: alphabetical)."""
    best: dict[str, tuple[int, str]] = {}
    for (acronym, expansion), n in counts.items():
        if acronym not in best or (-n, expansion) < (-best[acronym][0], best[acronym][1]):
            best[acronym] = (n, expansion)
    return {acronym: expansion for acronym, (_, expansion) in sorted(best.items())}


def build_glossary(archive: Archive, configured: dict[str, str] | None = None,
                   memo: Memo | None = None) -> tuple[dict, dict]:
    """The archive's glossary, acronym -> expansion: from site_config.yaml, else the meaning the oldest paper
    gives it, in the shortest spelling any paper gives that meaning (ties: alphabetical). And each meeting's
    and document's own: what its papers spell out, which its pages use instead, so "SCP" is the Strategic
    Change Portfolio in a paper that says so even where most papers mean the Safeguarding Children
    Partnership. With `memo`, what a text spells out is found once.

    Not the most used: that tipped as packs were added ("Local Safeguarding Children Board" / "…Children's
    Board"), changing pages in every year. The oldest meaning stays as the archive grows, so a new pack changes
    no old page that does not spell the acronym out; only a new, shorter spelling of the same meaning, or a
    paper added with an older date, can. The settings' glossary fixes any that should not move."""
    memo = memo or Memo(None)
    counts_of = [(doc, counts) for doc in archive.documents
                 if (counts := memo.get(b"spelt" + document_digest(doc, memo), lambda doc=doc: spelt_out(doc)))]
    counts_of.sort(key=lambda pair: (pair[0].date or date.max, pair[0].id))
    first_seen: dict[tuple[str, str], None] = {}
    for _, counts in counts_of:
        first_seen.update(dict.fromkeys(counts))
    shortest = _shortest_spellings(first_seen)
    # A paper in capitals ("AGENCY DECISION MAKER (ADM)") takes another paper's spelling of the same meaning,
    # where there is one: capitals are harder to read, and some screen readers spell them out.
    calm = {(a, e): (a, shortest[(a, _meaning(e))]) for a, e in first_seen if e.isupper()}
    by_meeting: dict[str, Counter] = defaultdict(Counter)
    own: dict[str, dict[str, str]] = {}
    for doc, counts in counts_of:
        counts = Counter({calm.get(pair, pair): n for pair, n in counts.items()})
        own[doc.id] = _most_used(counts)
        if doc.meeting:
            by_meeting[doc.meeting].update(counts)
    own.update((meeting, _most_used(counts)) for meeting, counts in by_meeting.items())
    found: dict[str, str] = {}
    for acronym, expansion in first_seen:
        found.setdefault(acronym, shortest[(acronym, _meaning(expansion))])
    found.update(configured or {})
    return dict(sorted(found.items())), dict(sorted(own.items()))


def _shortest_spellings(pairs) -> dict[tuple[str, tuple], str]:
    """(acronym, meaning) -> the spelling of that meaning with the fewest words (ties: alphabetical), out of
    capitals where there is one: a choice that does not depend on how often each is used."""
    best: dict[tuple[str, tuple], str] = {}
    for acronym, expansion in pairs:
        key = (acronym, _meaning(expansion))
        rank = (expansion.isupper(), len(expansion.split()), expansion)
        if key not in best or rank < (best[key].isupper(), len(best[key].split()), best[key]):
            best[key] = expansion
    return best


def glossary_for(archive: Archive, *scopes: str | None) -> dict[str, str]:
    """The glossary a page uses: the archive's, with what each of `scopes` (a meeting id, then a document id)
    spells out itself taking its place. Keeps the archive's order of acronyms."""
    own = [archive.spelt_out[scope] for scope in scopes if scope in archive.spelt_out]
    if not own:
        return archive.glossary
    merged = dict(archive.glossary)
    for expansions in own:
        merged.update(expansions)
    return merged


def _meaning(expansion: str) -> tuple[str, ...]:
    """Expansions that differ only in case, punctuation, linking words, order or endings ("Best Interest
    Decision(s)", "Free Early Education Entitlement" / "Free Entitlement to Early Education") mean the same."""
    return tuple(sorted(w.lower()[:4] for w in WORD_RE.findall(expansion) if w.lower() not in LINKING_WORDS))


class AcronymUses:
    """Which glossary acronyms each document uses, and which it should also be found by in search (it spells
    out one of their expansions without using them: `synonyms.search_terms`). Worked out once for each text
    and kept in the build cache (`memo`), so a rebuild reads only the new papers for them."""

    def __init__(self, archive: Archive, memo: Memo | None = None):
        self.plain = {a for a in archive.glossary if re.fullmatch(r"[\w&]+", a)}
        self.other = {a: re.compile(r"(?<![\w&/.-])" + re.escape(a) + r"(?![\w/-])")
                      for a in archive.glossary if a not in self.plain}
        self.meanings = sorted({*archive.glossary.items(), *(pair for own in archive.spelt_out.values() for pair in own.items())})
        self.memo = memo or Memo(None)
        self._others = text_digest(repr(sorted(self.other)))
        self._meanings = text_digest(repr(self.meanings))

    def of(self, doc) -> tuple[list[str], list[str]]:
        """(the glossary acronyms `doc` uses, the acronyms it should also be found by)."""
        key = document_digest(doc, self.memo)
        text = functools.cache(lambda: document_text(doc))  # made once, and only if something is not kept
        words = functools.cache(lambda: words_of(text()))
        # Words with a capital: an acronym is written with one, and these are far fewer than all the words.
        capitals = self.memo.get(b"capitals" + key, lambda: frozenset(w for w in words() if w != w.lower()))
        others = self.memo.get(b"others" + key + self._others,
                               lambda: [a for a, pattern in self.other.items() if pattern.search(text())])
        terms = self.memo.get(b"terms" + key + self._meanings, lambda: search_terms(text(), words(), self.meanings))
        return sorted(self.plain & capitals) + others, terms


def glossary_uses(archive: Archive, acronyms_of) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each glossary entry with its meanings, each with the ids of the documents that use the acronym in that
    meaning, newest first: the archive's meaning first, then others by how many papers use them.
    `acronyms_of(doc)` gives the glossary acronyms a document uses."""
    newest_first = sorted((d for d in archive.documents if d.kind != "front-sheet"),
                          key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    used: dict[str, dict[tuple, list[tuple[str, str]]]] = defaultdict(dict)  # acronym -> meaning -> [(spelling, doc)]
    for doc in newest_first:
        using = acronyms_of(doc)
        own = glossary_for(archive, doc.meeting, doc.id) if using else archive.glossary
        for acronym in using:
            used[acronym].setdefault(_meaning(own[acronym]), []).append((own[acronym], doc.id))
    entries = []
    for acronym, expansion in archive.glossary.items():
        meanings = used.get(acronym, {})
        usual = meanings.pop(_meaning(expansion), [])
        others = []
        for uses in meanings.values():
            spelling = _most_used(Counter((acronym, spelling) for spelling, _ in uses))[acronym]
            others.append((-len(uses), spelling, [doc_id for _, doc_id in uses]))
        shown = [(expansion, [doc_id for _, doc_id in usual])] + [(spelling, ids) for _, spelling, ids in sorted(others)]
        entries.append((acronym, shown))
    return entries


def term_id(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
