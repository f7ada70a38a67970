"""Feeds and files for other programs: Atom feeds (feedgen) of new papers and of each topic, an iCalendar
file of meetings (icalendar), sitemap.xml and robots.txt. No clock is read: the same papers give the same bytes."""
from __future__ import annotations

import re
from datetime import datetime, time, timezone
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from feedgen.feed import FeedGenerator

from ..config import SiteConfig, Topic
from ..incremental.cache import Memo
from ..model import Archive


# What XML 1.0 cannot hold at all (sources are cleaned of these as they are read; settings and sidecars may
# still bring them): one in a title stopped the feed writer, and with it the whole build.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return NOT_XML_RE.sub("", text)


def _moment(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def topic_feed(archive: Archive, config: SiteConfig, topic: Topic, document_ids: list[str], display_title) -> bytes:
    return atom_feed(archive, config, f"/topics/{topic.slug}/", f"{topic.name} – {config.title}",
                     topic.description or topic.name, document_ids, display_title)


def papers_feed(archive: Archive, config: SiteConfig, display_title) -> bytes:
    """Newly published papers: reports, appendices, minutes and documents, newest first."""
    docs = sorted((d for d in archive.documents if d.kind != "front-sheet"),
                  key=lambda d: (d.date.isoformat() if d.date else "", d.id), reverse=True)
    return atom_feed(archive, config, "/", f"New papers – {config.title}",
                     f"Committee papers of {config.council or config.title}", [d.id for d in docs], display_title)


def atom_feed(archive: Archive, config: SiteConfig, page: str, title: str, subtitle: str, document_ids: list[str],
              display_title) -> bytes:
    base = config.base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}{page}")
    feed.title(xml_text(title))
    feed.subtitle(xml_text(subtitle))
    feed.link(href=f"{base}{page}feed.xml", rel="self")
    feed.link(href=f"{base}{page}", rel="alternate")
    feed.language("en-GB")
    docs = [archive.document(d) for d in document_ids]
    dated = [d.date for d in docs if d.date]
    # No clock: the feed is as new as its newest paper, so the same papers give the same bytes.
    feed.updated(_moment(max(dated)) if dated else datetime(2000, 1, 1, tzinfo=timezone.utc))
    for doc in docs[:50]:
        entry = feed.add_entry(order="append")
        entry.id(f"{base}{doc.url}")
        entry.title(xml_text(display_title(doc)))
        entry.link(href=f"{base}{doc.url}")
        entry.updated(_moment(doc.date) if doc.date else datetime(2000, 1, 1, tzinfo=timezone.utc))
        if doc.report_of:
            entry.summary(xml_text(f"Report of the {doc.report_of}"))
    return feed.atom_str(pretty=True)


EVENT_KEY = b"ical-event|"  # how the calendar's events are kept in the memo: then the fields they are made from


def meetings_calendar(archive: Archive, config: SiteConfig, memo: Memo | None = None) -> bytes:
    """Every meeting, and the future dates the latest front sheets announce, as an iCalendar file. Each
    event's lines are kept in `memo` by all they are made from: icalendar took 1.3 ms an event (0.8 s of a
    county's rebuild, on the processors the search stage shares), and a rebuild adds one meeting or two."""
    from icalendar import Calendar

    host = urlsplit(config.base_url).hostname or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//{config.title}//committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Meetings – {config.title}")
    known = {(m.committee, m.date) for m in archive.meetings}
    events = [(m.committee, m.date, m.time, m.location, m.url) for m in archive.meetings]
    for meeting in archive.meetings:
        for when in meeting.details.future_dates if meeting.details else ():
            if (meeting.committee, when) not in known:
                known.add((meeting.committee, when))
                events.append((meeting.committee, when, None, None, None))  # time and place not known yet
    lines = []
    for committee, when, clock, location, url in sorted(events, key=lambda e: (e[1], e[0])):
        fields = (config.committee_by_slug(committee).name, f"{committee}-{when.isoformat()}@{host}", when, clock,
                  location, f"{config.base_url.rstrip('/')}{url}" if url else None)
        make = lambda fields=fields: _event(*fields).to_ical()  # noqa: E731
        lines.append(memo.get(EVENT_KEY + repr(fields).encode("utf-8", "surrogatepass"), make) if memo else make())
    # The calendar's own lines, then its events' (as icalendar writes a calendar holding them: tested).
    end = b"END:VCALENDAR\r\n"
    return calendar.to_ical().removesuffix(end) + b"".join(lines) + end


def _event(name: str, uid: str, when, clock: str | None, location: str | None, url: str | None):
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("summary", name)
    event.add("dtstamp", datetime.combine(when, time(0, 0), tzinfo=timezone.utc))
    if clock:
        hour, minute = (int(part) for part in clock.split(":"))
        event.add("dtstart", datetime.combine(when, time(hour, minute)))
    else:
        event.add("dtstart", when)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    else:
        event.add("description", "Announced on an earlier agenda; its papers are not published here yet.")
    return event


def sitemap(config: SiteConfig, paths: list[str]) -> str:
    base = config.base_url.rstrip("/")
    urls = "".join(f"  <url><loc>{escape(base + path)}</loc></url>\n" for path in sorted(paths))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'


def robots(config: SiteConfig) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {config.base_url.rstrip('/')}/sitemap.xml\n"
