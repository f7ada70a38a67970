"""Tag documents with the topics of site_config.yaml, by their keywords."""
from __future__ import annotations

import re

from .config import Topic
from .model import Archive, Document

MIN_MENTIONS = 3  # a document is about a topic when it mentions it this often, or in its title


def keyword_pattern(keywords: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern | None]:
    """Two patterns: keywords in any case, and keywords in capitals, which only match in capitals."""
    any_case = [k for k in keywords if not k.isupper()]
    capitals = [k for k in keywords if k.isupper()]
    def join(words):
        return r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])"
    return re.compile(join(any_case), re.I) if any_case else re.compile(r"(?!x)x"), \
        re.compile(join(capitals)) if capitals else None


def mentions(topic: Topic, text: str) -> int:
    any_case, capitals = keyword_pattern(topic.keywords)
    return len(any_case.findall(text)) + (len(capitals.findall(text)) if capitals else 0)


def document_text(doc: Document) -> str:
    return "\n".join([doc.title, *(b.text for b in doc.blocks), *(i for b in doc.blocks for i in b.items),
                      *(c for b in doc.blocks for row in b.rows for c in row)])


def tag_documents(archive: Archive, topics: tuple[Topic, ...]) -> dict[str, list[Document]]:
    """Topic slug -> its documents, newest first."""
    tagged: dict[str, list[Document]] = {topic.slug: [] for topic in topics}
    for doc in archive.documents:
        if doc.kind == "front-sheet":
            continue
        text = document_text(doc)
        for topic in topics:
            if mentions(topic, doc.title) or mentions(topic, text) >= MIN_MENTIONS:
                tagged[topic.slug].append(doc)
    for docs in tagged.values():
        docs.sort(key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    return tagged
