"""Tag reports, appendices, minute items and questions with the topics of site_config.yaml, by keywords."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .config import Topic
from .model import Archive, Document

MIN_MENTIONS = 3  # a document is about a topic when it names it this often, or in its title


@dataclass
class TopicItems:
    """What a topic's page lists, each list newest first."""
    documents: list[str] = field(default_factory=list)  # document ids
    minute_items: list[tuple[str, int]] = field(default_factory=list)  # (minutes id, item number)
    questions: list[str] = field(default_factory=list)  # question ids


@functools.lru_cache(maxsize=None)
def _pattern(words: tuple[str, ...], flags: int) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", flags)


def mentions(topic: Topic, text: str) -> int:
    """How often `text` names the topic. A keyword in capitals (SEND) counts only in capitals."""
    counted = 0
    for pattern in (_pattern(tuple(k for k in topic.keywords if not k.isupper()), re.I),
                    _pattern(tuple(k for k in topic.keywords if k.isupper()), 0)):
        counted += len(pattern.findall(text)) if pattern else 0
    return counted


def document_text(doc: Document) -> str:
    return "\n".join([doc.title, *(b.text for b in doc.blocks), *(i for b in doc.blocks for i in b.items),
                      *(c for b in doc.blocks for row in b.rows for c in row)])


def tag_archive(archive: Archive, topics: tuple[Topic, ...], questions) -> dict[str, TopicItems]:
    tagged = {topic.slug: TopicItems() for topic in topics}
    newest_first = sorted(archive.documents, key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    for doc in newest_first:
        if doc.kind == "front-sheet":
            continue
        text = document_text(doc)
        for topic in topics:
            if doc.kind != "minutes" and (mentions(topic, doc.title) or mentions(topic, text) >= MIN_MENTIONS):
                tagged[topic.slug].documents.append(doc.id)
        if doc.kind == "minutes":
            for item in doc.details.items:
                for topic in topics:
                    if mentions(topic, item.title) or mentions(topic, item.text) >= 2:
                        tagged[topic.slug].minute_items.append((doc.id, item.number))
    for asked in questions:
        text = " ".join([asked.question.question, asked.question.reply, asked.question.supplementary or ""])
        for topic in topics:
            if mentions(topic, text):
                tagged[topic.slug].questions.append(asked.id)
    return tagged
