"""Acronyms and what they stand for, as the papers themselves spell them out.

"Education, Health and Care Plan (EHCP)" gives EHCP; so do glossary tables with a
Term and a Definition column. Pages mark the first use of each known acronym with
<abbr title="…">, so a screen reader or a hover can give the expansion.
"""
from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict

from .htmltext import any_of, replace_in_text
from .model import Archive

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
                return " ".join(text[start:].split()).strip(" ,;:") if start is not None else None
    return None


def _position_of_words(text: str, words: list[str]) -> int | None:
    pattern = r"\W+".join(re.escape(w) for w in words) + r"\W*$"
    match = re.search(pattern, text)
    return match.start() if match else None


def expansions_in(text: str) -> list[tuple[str, str]]:
    found = []
    for match in ACRONYM_RE.finditer(text):
        acronym = match.group(1)
        expansion = expansion_before(text[: match.start()], acronym)
        if expansion:
            found.append((acronym, expansion))
    return found


def build_glossary(archive: Archive, configured: dict[str, str] | None = None) -> dict[str, str]:
    """Acronym -> expansion: from site_config.yaml, else the one the papers use most often (ties: alphabetical)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for doc in archive.documents:
        for block in doc.blocks:
            for text in (block.text, *block.items):
                for acronym, expansion in expansions_in(text):
                    seen[acronym][expansion] += 1
            if block.kind == "table" and block.rows and len(block.rows[0]) >= 2 \
                    and block.rows[0][0].lower() in ("term", "acronym", "abbreviation"):
                for row in block.rows[1:]:
                    if re.fullmatch(r"[A-Z][A-Za-z0-9&.]{1,9}", row[0]) and row[1]:
                        seen[row[0]][row[1]] += 1
    found = {acronym: sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for acronym, counts in seen.items()}
    found.update(configured or {})
    return dict(sorted(found.items()))


def glossary_uses(archive: Archive, words_of) -> list[tuple[str, str, list[str]]]:
    """Each glossary entry with the ids of the documents that use it, newest first.
    `words_of(doc)` gives a document's text and the set of its words; one document's are held at a time."""
    newest_first = sorted((d for d in archive.documents if d.kind != "front-sheet"),
                          key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    plain_terms = {a for a in archive.glossary if re.fullmatch(r"[\w&]+", a)}
    other_terms = {a: re.compile(r"(?<![\w&/.-])" + re.escape(a) + r"(?![\w/-])")
                   for a in archive.glossary if a not in plain_terms}
    used: dict[str, list[str]] = defaultdict(list)
    for doc in newest_first:
        text, words = words_of(doc)
        for acronym in sorted(plain_terms & words):
            used[acronym].append(doc.id)
        for acronym, pattern in other_terms.items():
            if pattern.search(text):
                used[acronym].append(doc.id)
    return [(acronym, expansion, used.get(acronym, [])) for acronym, expansion in archive.glossary.items()]


@functools.lru_cache(maxsize=4)
def _acronyms_pattern(acronyms: tuple[str, ...]) -> re.Pattern:
    return re.compile(any_of(acronyms, not_after=r"\w&/.-", not_before=r"\w/-"))


def mark_first_uses(page_html: str, glossary: dict[str, str]) -> str:
    """Wrap the first use of each known acronym in the text of `page_html` in <abbr title="…">.
    Not inside an existing <abbr>, nor the page's <h1>, which is also the search result's title."""
    if not glossary:
        return page_html
    pattern = _acronyms_pattern(tuple(glossary))
    done: set[str] = set()

    def mark(match: re.Match) -> str:
        acronym = match.group()
        if acronym in done:
            return acronym
        done.add(acronym)
        return f'<abbr title="{html.escape(glossary[acronym])}" data-pagefind-index-attrs="title">{acronym}</abbr>'

    return replace_in_text(page_html, pattern, mark, skip=("abbr", "h1"))
