"""Jargon for search. Pagefind has no synonyms and lowercases every word, so "SEND" and the verb "send"
are the same word to it. At build time each page is given the other half of each glossary pair it uses:

- an acronym's first use is marked <abbr title="expansion">, and Pagefind indexes that title
  (`data-pagefind-index-attrs`), so "special educational needs" finds SEND papers;
- every use of a glossary acronym in capitals, and of a topic's key phrase ("Local Offer", "short breaks"),
  is weighted up where it stands (`data-pagefind-weight`), so a page about SEND outranks one that only uses
  the verb "send", and the excerpt a result shows is still the page's own text;
- a page that spells out "Education, Health and Care Plan" without the acronym also carries "EHCP", in an
  element at the end of the page hidden from every reader (and from screen readers) that Pagefind indexes.
"""
from __future__ import annotations

import functools
import re

from ..htmltext import any_of, either, html_forms

ACRONYM_WEIGHT = 3  # how much more a glossary term or key phrase counts than a word of running text


WORD_RE = re.compile(r"[\w&]+")


def words_of(text: str) -> set[str]:
    return set(WORD_RE.findall(text))  # case kept: SEND is an acronym, send is a verb


def search_terms(text: str, words: set[str], meanings: list[tuple[str, str]]) -> list[str]:
    """Acronyms a page should also be found by: those with an expansion (any of the `meanings`, pairs of
    acronym and expansion) that it spells out without using them. `words` is words_of(text). An expansion is
    spelt out where it is part of the text, lower case, its spaces as one (`_spelt`)."""
    spaced = text.lower().split()
    spelt = _spelt_in(tuple(expansion for _, expansion in meanings), " ".join(spaced), set(spaced))
    return list(dict.fromkeys(acronym for acronym, expansion in meanings
                              if acronym not in words and _spelt(expansion) in spelt))


def _spelt_in(expansions: tuple[str, ...], lowered: str, words: set[str]) -> set[str]:
    """Which of the `expansions` (`_spelt`) are part of `lowered`, whose `words` are what lies between its
    spaces. The words inside an expansion (all but its first and last, which may be parts of longer words)
    must each be one of them: a look-up in that set rules most expansions out, and only the others are sought
    in the text (a search for all of them at every place of every text was a sixth of the connect stage)."""
    return {""} | {spelt for spelt, inside in _expansions_words(expansions)  # an empty expansion is part of any text
                   if inside <= words and spelt in lowered}


@functools.lru_cache(maxsize=16)
def _expansions_words(expansions: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each expansion (`_spelt`) with the words inside it."""
    spelt = sorted({_spelt(expansion) for expansion in expansions if expansion.strip()})
    return tuple((e, frozenset(e.split(" ")[1:-1])) for e in spelt)


@functools.lru_cache(maxsize=4096)
def _spelt(expansion: str) -> str:
    return " ".join(expansion.lower().split())


class WeightedTerms:
    """Acronyms match in capitals only; key phrases of several words match in any case.

    One regular expression with every key phrase in any case is slow to run over a page, so it is run only
    on pages where the first word of some key phrase appears; elsewhere only the acronyms are sought."""

    def __init__(self, glossary: dict[str, str], phrases: list[str]):
        # Sought in HTML: each in every form it can take there (`htmltext.html_forms`).
        acronyms = [form for a in glossary if re.fullmatch(r"[A-Z][\w&]*", a) for form in html_forms(a)]
        several = {form.lower() for p in phrases if " " in p for form in html_forms(p)}
        parts = []
        if acronyms:
            parts.append(any_of(acronyms, not_after=r"\w&", not_before=r"\w"))
        self.acronyms = re.compile(parts[0]) if acronyms else None
        if several:
            parts.append(any_of(several, not_after=r"\w", not_before=r"\w", space=r"\s+", any_case=True))
        self.everything = re.compile(either(*parts)) if parts else None
        self.first_words = sorted({p.split()[0].lower() for p in several})

    def pattern_for(self, text: str) -> re.Pattern | None:
        lowered = text.lower()
        return self.everything if any(word in lowered for word in self.first_words) else self.acronyms
