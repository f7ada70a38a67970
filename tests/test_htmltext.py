"""The word patterns the marking of terms searches pages with: a trie (`any_of`) finds what the plain list of
alternatives finds, and several tries under one look-ahead (`either`) find what they find one after another."""
from __future__ import annotations

import random
import re

from papersite.htmltext import any_of, either

ACRONYMS = ["SEN", "SEND", "SENCO", "EHCP", "EHC", "LA", "LAC", "R&D"]
PHRASES = ["local offer", "looked after children", "short breaks", "care leavers", "education, health and care plan"]
PIECES = ["SEN", "SEND", "send", "SENCOs", "EHCP", "ehcp", "LA", "LAC", "R&D", "Local Offer", "LOCAL offer",
          "looked after children", "Looked  After\nChildren", "short breaks", "shortbreaks", "care leavers",
          "Education, Health and Care Plan", "x", "-", "/", ".", " ", " ", "<b>", "</b>", "é", "İ", "ß"]


def texts(count: int, seed: int):
    generator = random.Random(seed)
    for _ in range(count):
        yield "".join(generator.choice(PIECES) for _ in range(generator.randint(0, 40)))


def plain(words, not_after, not_before, any_case=False, space=None):
    """The same words as a flat list of alternatives, longest first (what `any_of` replaced)."""
    alternatives = "|".join((re.escape(w).replace(r"\ ", space) if space else re.escape(w))
                            for w in sorted(words, key=len, reverse=True))
    body = f"(?<![{not_after}])(?:{alternatives})(?![{not_before}])"
    return re.compile(f"(?i:{body})" if any_case else body)


def spans(pattern, text):
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


def test_a_trie_finds_what_the_list_of_alternatives_finds():
    cases = [(ACRONYMS, r"\w&/.-", r"\w/-", False, None), (PHRASES, r"\w", r"\w", True, r"\s+")]
    for words, after, before, any_case, space in cases:
        trie = re.compile(any_of(words, after, before, space=space, any_case=any_case))
        flat = plain(words, after, before, any_case, space)
        for text in texts(400, seed=len(words)):
            assert spans(trie, text) == spans(flat, text), text


def test_tries_under_one_look_ahead_find_what_they_find_as_alternatives():
    capitals = any_of(ACRONYMS, r"\w-", r"\w-")
    phrases = any_of(PHRASES, r"\w-", r"\w-", space=r"\s+", any_case=True)
    joined, listed = re.compile(either(capitals, phrases)), re.compile(f"{capitals}|{phrases}")
    assert joined.pattern.count("(?=") == 1 + listed.pattern.count("(?=") - 2  # one look-ahead leads, not two
    found = 0
    for text in texts(600, seed=7):
        assert spans(joined, text) == spans(listed, text), text
        found += len(spans(joined, text))
    assert found > 200  # the texts do hold the words
    assert either(capitals) == capitals


def test_expansions_sought_by_their_inner_words_are_those_each_search_finds():
    """`synonyms.search_terms` seeks in a text only the expansions whose inner words are words of it: the
    acronyms it gives are those a search for each expansion gives, expansions inside others, across words
    and as parts of longer words ("car" in "cars") included."""
    from papersite.connect.synonyms import _spelt, search_terms, words_of
    meanings = [("SEN", "Special Educational Needs"), ("SEND", "Special Educational Needs and Disabilities"),
                ("EN", "Educational Needs"), ("LO", "local offer"), ("LAC", "Looked After Children"),
                ("CL", "care leavers"), ("CAR", "car"), ("AC", "after  children"), ("E", "")]
    pieces = [*PIECES, "Special Educational Needs", "special educational needs and disabilities", "Educational",
              "Needs", "and", "Disabilities", "car", "cars", "after children"]
    generator, found = random.Random(11), 0
    for _ in range(800):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 30)))
        words, lowered = words_of(text), " ".join(text.lower().split())
        each = list(dict.fromkeys(a for a, e in meanings if a not in words and _spelt(e) in lowered))
        assert search_terms(text, words, meanings) == each, text
        found += len(each)
    assert found > 1000  # the texts do spell them out
