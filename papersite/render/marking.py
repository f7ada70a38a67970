"""The marking of a page's terms, done as each of its texts is made HTML, in the order the page shows them.

A template says what each text it shows is (`filters.environment`): running text (`inline` for the papers'
own words, `running` for a title or a name shown in a sentence or a list) or a label (`label`: the words of a
link, a table's header cell, a caption). Running text has the first use of each acronym on the page marked
<abbr title="…">, with the expansion shown beside it where the page does not spell it out, and the first use of
each key term the settings explain linked to the glossary. Both have the glossary's acronyms and the topics'
key phrases weighted for search, on pages that are indexed. Headings, the masthead as printed and the hidden
values for search are shown as they are: a heading is the search result's title and a label, and no one reads
the hidden values. What is not source text (the templates' own words) is never marked.
"""
from __future__ import annotations

import functools
import html
import re

from ..connect.glossary import term_id
from ..connect.synonyms import ACRONYM_WEIGHT, WeightedTerms
from ..htmltext import any_of, either, html_forms, replace_in_text
from ..incremental.reuse import capitalised_words


class PageMarking:
    """One page's marking: its glossary (`connect.glossary.glossary_for`), the terms weighted for search (None
    on a page that is not indexed), the key terms' meanings and the glossary's address from this page (None
    on the glossary itself). `spelt` is the text the page is made from, where it is known before the page is
    rendered (a document's), so that an expansion spelt out further down counts as spelt out."""

    def __init__(self, glossary: dict[str, str], weighted: WeightedTerms | None, meanings: dict[str, str],
                 glossary_url: str | None, spelt: str = ""):
        self.glossary, self.weighted, self.glossary_url = glossary, weighted, glossary_url
        self._acronym_of, self._acronyms = _acronyms_sought(tuple(glossary)) if glossary else ({}, None)
        linked = meanings if glossary_url else {}  # the glossary itself links to none of its own entries
        self._term_of, self._terms = _terms_sought(tuple(linked)) if linked else ({}, None)
        self._abbreviated: set[str] = set()  # the acronyms whose first use has been marked
        self._linked_terms: set[str] = set()  # the key terms whose first use has been linked
        self._made_from = _spelt(spelt)
        self._texts: list[str] = []  # every text marked, in the page's order
        self._shown = (0, "")  # the texts so far (how many), as `_spelt` makes them: worked out when needed

    def running(self, fragment: str) -> str:
        """A fragment of running text, as HTML (links in it are left alone), marked."""
        self._texts.append(fragment)
        # Never inside what the marking adds (the expansion shown, a <span>): the page's words are all it marks,
        # and all a later build looks at to tell which glossary entries the page uses (`words`).
        if self._acronyms is not None:
            fragment = replace_in_text(fragment, self._acronyms, self._first_use, skip=("a",))
        if self._terms is not None:
            fragment = replace_in_text(fragment, self._terms, self._linked, skip=("a", "abbr", "span"))
        return self._weighted(fragment)

    def label(self, fragment: str) -> str:
        """A label, as HTML: weighted for search, never annotated."""
        self._texts.append(fragment)
        return self._weighted(fragment)

    def words(self) -> frozenset[str]:
        """The words of the texts marked that could be glossary acronyms (`reuse.capitalised_words`): which
        glossary entries the page can use, for a later build to tell without rendering it again."""
        return capitalised_words(html.unescape("\n".join(self._texts)))

    def _first_use(self, match: re.Match) -> str:
        written, acronym = match.group(), self._acronym_of[match.group()]
        if acronym in self._abbreviated:
            return written
        self._abbreviated.add(acronym)
        expansion = self.glossary[acronym]
        shown = html.escape(expansion)
        if self._spells_out(expansion):
            return f'<abbr title="{shown}">{written}</abbr>'
        # The page does not spell it out: it is shown in words beside its first use (a title is not read on a
        # touch screen), and indexed with the page (once: the words shown are not indexed).
        return (f'<abbr title="{shown}" data-pagefind-index-attrs="title">{written}</abbr>'
                f'<span class="expansion" data-pagefind-ignore> ({shown})</span>')

    def _linked(self, match: re.Match) -> str:
        term = self._term_of.get(match.group().lower())
        if term is None or term in self._linked_terms:
            return match.group()
        self._linked_terms.add(term)
        return f'<a class="term" href="{self.glossary_url}#{term_id(term)}">{match.group()}</a>'

    def _spells_out(self, expansion: str) -> bool:
        """Whether the page spells out `expansion`: in what it is made from, or in a text it has shown."""
        wanted = _spelt(expansion)
        if wanted in self._made_from:
            return True
        if self._shown[0] != len(self._texts):
            self._shown = (len(self._texts), _spelt(html.unescape("\n".join(self._texts))))
        return wanted in self._shown[1]

    def _weighted(self, fragment: str) -> str:
        pattern = self.weighted.pattern_for(fragment) if self.weighted else None
        if pattern is None:
            return fragment
        return replace_in_text(fragment, pattern, _weight, skip=("span",))


def _spelt(text: str) -> str:
    return " ".join(text.lower().split())


def _weight(match: re.Match) -> str:
    return f'<span data-pagefind-weight="{ACRONYM_WEIGHT}">{match.group()}</span>'


# The terms are sought in HTML, where "R&D" is "R&amp;D" and an apostrophe may be "&#39;": each in every form
# it can take there (`htmltext.html_forms`), known again by any of them. Made once for all the pages that
# share a glossary.

@functools.lru_cache(maxsize=4)
def _acronyms_sought(acronyms: tuple[str, ...]) -> tuple[dict[str, str], re.Pattern]:
    """(the acronym each form is, a pattern for any form)."""
    forms = {form: acronym for acronym in acronyms for form in html_forms(acronym)}
    return forms, re.compile(any_of(forms, not_after=r"\w&/.-", not_before=r"\w/-"))


@functools.lru_cache(maxsize=4)
def _terms_sought(terms: tuple[str, ...]) -> tuple[dict[str, str], re.Pattern]:
    """(the term each form is, lower case, a pattern for any form). A term in capitals (an acronym) matches
    only in capitals; a phrase in any case. Shaped as `any_of` tries: a flat list of alternatives, one of them
    case-blind, was tried at every position of every page (a tenth of a full build)."""
    capitals = [form for term in terms if term.isupper() for form in html_forms(term)]
    phrases = [form for term in terms if not term.isupper() for form in html_forms(term)]
    pattern = re.compile(either(*([any_of(capitals, r"\w-", r"\w-")] if capitals else []),
                                *([any_of(phrases, r"\w-", r"\w-", any_case=True)] if phrases else [])))
    return {form.lower(): term for term in terms for form in html_forms(term)}, pattern
