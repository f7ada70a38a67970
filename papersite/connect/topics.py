"""Tag reports, appendices, minute items and questions with the topics of site_config.yaml, by keywords."""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field

from ..incremental.cache import Memo
from ..config import Topic
from ..model import Archive, Document

MIN_MENTIONS = 3  # a document is about a topic when it names it this often, or in its title


@dataclass
class TopicItems:
    """What a topic's page lists, each list newest first."""
    documents: list[str] = field(default_factory=list)  # document ids
    minute_items: list[tuple[str, int]] = field(default_factory=list)  # (minutes id, item number)
    questions: list[str] = field(default_factory=list)  # question ids


NON_WORD_RE = re.compile(r"\W+")


def _spaced(text: str) -> str:
    """Words separated by single spaces, with a space at each end, so that " local offer " counts whole words."""
    return f" {NON_WORD_RE.sub(' ', text).strip()} "


@functools.lru_cache(maxsize=None)
def _spaced_keywords(keywords: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Keywords in capitals (matched as written) and the rest (matched in lower case), ready to count."""
    capitals = tuple(_spaced(k) for k in keywords if k.isupper())
    any_case = tuple(_spaced(k.lower()) for k in keywords if not k.isupper())
    return capitals, any_case


class Words:
    """A text made ready for counting keywords once, however many topics it is counted against."""
    __slots__ = ("spaced", "lowered")

    def __init__(self, text: str):
        self.spaced = _spaced(text)
        self.lowered = self.spaced.lower()


def mentions(topic: Topic, text: str | Words) -> int:
    """How often `text` names the topic. A keyword in capitals (SEND) counts only in capitals."""
    capitals, any_case = _spaced_keywords(topic.keywords)
    words = text if isinstance(text, Words) else Words(text)
    return sum(words.spaced.count(k) for k in capitals) + sum(words.lowered.count(k) for k in any_case)


def document_text(doc: Document) -> str:
    return "\n".join([doc.title, *(b.text for b in doc.blocks), *(i for b in doc.blocks for i in b.items),
                      *(c for b in doc.blocks for row in b.rows for c in row)])


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def document_digest(doc: Document, memo: Memo) -> bytes:
    """What the results of a step over a document's text are kept by between builds in `memo`: its text and
    its blocks' shape (the cross-links' candidates name blocks and list items by position). Worked out once a
    build, or found again by the document's pack and place (`Memo.digest`), without unpickling its blocks."""
    def digest() -> bytes:
        shape = repr([(block.kind, len(block.items)) for block in doc.blocks])
        return text_digest(document_text(doc) + "\0" + shape)
    return memo.digest(doc.id, digest, doc.source, doc.first, doc.title)


def tag_archive(archive: Archive, topics: tuple[Topic, ...], questions, memo: Memo | None = None,
                jobs: int = 1) -> dict[str, TopicItems]:
    """Each topic's documents, minute items and questions. With `memo`, a text's topics are counted once and
    found again in later builds (a tenth of a rebuild's time, otherwise); counted by up to `jobs` processes."""
    tagged = {topic.slug: TopicItems() for topic in topics}
    memo = memo or Memo(None)
    salt = hashlib.sha256(repr(topics).encode())

    def about(title: str, digest: bytes, text, least: int) -> list[str]:
        """The topics of a text (`text()`, whose digest is `digest`) with this title."""
        def count() -> list[str]:
            title_words, words = Words(title), Words(text())
            return [topic.slug for topic in topics if mentions(topic, title_words) or mentions(topic, words) >= least]
        key = salt.copy()
        key.update(f"{least}|{len(title)}|{title}".encode("utf-8", "surrogatepass") + digest)
        return memo.get(b"topics" + key.digest(), count)

    def topics_of(doc: Document) -> list[list[str]]:
        """The topics of a paper ([its topics]), or of each item of a set of minutes."""
        if doc.kind != "minutes":
            return [about(doc.title, document_digest(doc, memo), lambda: document_text(doc), MIN_MENTIONS)]
        return [about(item.title, text_digest(item.text), lambda item=item: item.text, 2) for item in doc.details.items]

    newest_first = sorted((d for d in archive.documents if d.kind != "front-sheet"),
                          key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    for doc, found in zip(newest_first, memo.each(topics_of, newest_first, jobs)):
        if doc.kind != "minutes":
            for slug in found[0]:
                tagged[slug].documents.append(doc.id)
        else:
            for item, slugs in zip(doc.details.items, found):
                for slug in slugs:
                    tagged[slug].minute_items.append((doc.id, item.number))
    for asked in questions:
        text = Words(" ".join([asked.question.question, asked.question.reply, asked.question.supplementary or ""]))
        for topic in topics:
            if mentions(topic, text):
                tagged[topic.slug].questions.append(asked.id)
    return tagged
