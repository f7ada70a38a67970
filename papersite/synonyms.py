"""Jargon for search. Pagefind has no synonyms and lowercases every word, so "SEND" and the verb "send"
are the same word to it. At build time, each page is given the other half of each glossary pair it uses:
a page that says "EHCP" also carries "Education, Health and Care Plan", and the reverse. Those words go in
an element hidden from every reader (and from screen readers) that Pagefind still indexes, weighted up,
so that a page about SEND outranks one that only uses the verb.
"""
from __future__ import annotations

import re

ACRONYM_WEIGHT = 5  # how much more a glossary term counts than a word of running text


def search_terms(text: str, glossary: dict[str, str]) -> list[str]:
    """The glossary terms and expansions a page should also be found by, in glossary order."""
    words = set(re.findall(r"[\w&]+", text))  # case kept: SEND is an acronym, send is a verb
    lowered = " ".join(text.lower().split())
    return [f"{acronym}: {expansion}." for acronym, expansion in glossary.items()
            if acronym in words or " ".join(expansion.lower().split()) in lowered]
