"""Rewrite the text of rendered HTML, never its tags, and never inside the elements a pass must leave alone."""
from __future__ import annotations

import re
from typing import Callable

TAG_RE = re.compile(r"(<[^>]+>)")
NAME_RE = re.compile(r"^</?([a-zA-Z][\w-]*)")
SEARCH_DATA = "data-search-data"  # the hidden filter values for search: never marked up


def rewrite_text(html: str, rewrite: Callable[[str], str], skip: tuple[str, ...]) -> str:
    """`html` with each run of text passed through `rewrite`, except inside the elements named in `skip`
    and inside <div hidden data-search-data> (which holds no other div). Runs of white space alone are
    left as they are: there is nothing in them to rewrite."""
    parts = TAG_RE.split(html)
    depth = 0
    in_data = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = NAME_RE.match(part)
            if SEARCH_DATA in part:
                in_data = True
            elif in_data and part == "</div>":
                in_data = False
            elif name and name.group(1).lower() in skip:
                depth += -1 if part.startswith("</") else 1
        elif part and not depth and not in_data and not part.isspace():
            parts[index] = rewrite(part)
    return "".join(parts)
