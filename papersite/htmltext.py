"""Rewrite the text of rendered HTML, never its tags, and never inside the elements a pass must leave alone."""
from __future__ import annotations

import bisect
import html
import re
from typing import Callable, Iterable


def replace_in_text(html: str, pattern: re.Pattern, replace: Callable[[re.Match], str], skip: tuple[str, ...]) -> str:
    """`html` (a fragment: a paragraph as `render.filters.inline` made it) with each match of `pattern` in its
    text replaced by `replace(match)`, in order, except inside tags and inside the elements named in `skip`
    (which must not nest in themselves, as links and <abbr> do not).

    One search over the whole fragment, then a check of each match, is faster than a search in each run of
    text between tags. A match cannot run across a tag: the patterns used match words and the spaces between."""
    if "<" not in html:  # most fragments: plain text, with no tags and no elements to leave alone
        return pattern.sub(replace, html)
    matches = list(pattern.finditer(html))
    if not matches:
        return html
    left_alone = []
    if skip:
        names = "|".join(re.escape(name) for name in skip)
        left_alone += [m.span() for m in re.finditer(rf"<({names})\b[^>]*>.*?</\1\s*>", html, re.S | re.I)]
    left_alone = _merged(left_alone)
    starts = [start for start, _ in left_alone]
    out, done = [], 0
    for match in matches:
        at = match.start()
        if html.rfind("<", 0, at) > html.rfind(">", 0, at):
            continue  # inside a tag
        before = bisect.bisect_right(starts, at) - 1
        if before >= 0 and at < left_alone[before][1]:
            continue
        out += [html[done:at], replace(match)]
        done = match.end()
    out.append(html[done:])
    return "".join(out)


def html_forms(term: str) -> set[str]:
    """The ways `term` can be written in the HTML of a text ("R&D" as "R&amp;D", an apostrophe as "&#39;"): as
    markdown-it escapes it and as Jinja does, so that a pattern made of them finds it in either."""
    escaped = html.escape(term, quote=False)
    return {term, escaped, escaped.replace("'", "&#39;"), escaped.replace("'", "&#x27;")}


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans (an element left alone inside another) as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def any_of(words: Iterable[str], not_after: str, not_before: str, space: str | None = None,
           any_case: bool = False) -> WordsPattern:
    """A regular expression for any of `words` as a whole: not just after a character of the class `not_after`
    nor just before one of `not_before` (either empty: anywhere). It leads with a look-ahead for the words'
    first characters and shares their common beginnings (a trie), so Python's engine skips quickly to where a
    word may start and tries each letter once; a flat list of alternatives (a hundred acronyms) is tried in
    full at every position, three times slower. Longer words are tried before their own beginnings, as in a
    list sorted longest first.
    `space` is the pattern for a space in a word; `any_case` matches the words in capitals or not (the
    look-ahead names both cases: the engine skips slowly on a class it must compare case-blind)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(space if char == " " and space else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body
    firsts = {char for char in trie if char}
    if any_case:
        firsts |= {case for char in firsts for case in (char.lower(), char.upper())}
    words_pattern = ((f"(?<![{not_after}])" if not_after else "") + pattern(trie)
                     + (f"(?![{not_before}])" if not_before else ""))
    return WordsPattern(f"(?i:{words_pattern})" if any_case else words_pattern, frozenset(firsts))


class WordsPattern(str):
    """A pattern `any_of` made: led by a look-ahead for its words' first characters, and keeping its `body`
    (the pattern without it) and those characters (`firsts`), so that `either` can join several under one."""
    body: str
    firsts: frozenset[str]

    def __new__(cls, body: str, firsts: frozenset[str]):
        pattern = super().__new__(cls, _led(firsts) + body)
        pattern.body, pattern.firsts = body, firsts
        return pattern


def either(*patterns: WordsPattern) -> str:
    """Any of several `any_of` patterns, tried in this order where more than one matches at a place, under one
    look-ahead for all their first characters: each under its own, Python's engine tried every position of
    the page (key terms in capitals or not, and key phrases with acronyms, searched twice as fast so)."""
    if len(patterns) == 1:
        return patterns[0]
    return _led(frozenset().union(*(p.firsts for p in patterns))) + f"(?:{'|'.join(p.body for p in patterns)})"


def _led(firsts: frozenset[str]) -> str:
    return f"(?=[{''.join(re.escape(char) for char in sorted(firsts))}])"
