"""Atom feeds, made with feedgen: one per topic, newest papers first."""
from __future__ import annotations

from datetime import datetime, time, timezone

from feedgen.feed import FeedGenerator

from .config import SiteConfig, Topic
from .model import Archive


def _moment(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def topic_feed(archive: Archive, config: SiteConfig, topic: Topic, document_ids: list[str], display_title) -> bytes:
    base = config.base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/topics/{topic.slug}/")
    feed.title(f"{topic.name} – {config.title}")
    feed.subtitle(topic.description or topic.name)
    feed.link(href=f"{base}/topics/{topic.slug}/feed.xml", rel="self")
    feed.link(href=f"{base}/topics/{topic.slug}/", rel="alternate")
    feed.language("en-GB")
    docs = [archive.document(d) for d in document_ids]
    dated = [d.date for d in docs if d.date]
    # No clock: the feed is as new as its newest paper, so the same papers give the same bytes.
    feed.updated(_moment(max(dated)) if dated else datetime(2000, 1, 1, tzinfo=timezone.utc))
    for doc in docs[:50]:
        entry = feed.add_entry(order="append")
        entry.id(f"{base}{doc.url}")
        entry.title(display_title(doc))
        entry.link(href=f"{base}{doc.url}")
        entry.updated(_moment(doc.date) if doc.date else datetime(2000, 1, 1, tzinfo=timezone.utc))
        if doc.report_of:
            entry.summary(f"Report of the {doc.report_of}")
    return feed.atom_str(pretty=True)
