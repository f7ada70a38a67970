"""Render the archive into HTML pages and open data. Only this module and search write output."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from .config import SiteConfig
from .dates import long_date
from .model import Archive
from .opendata import archive_json, printed_date

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image"])
EMPTY_LINK_RE = re.compile(r"\[([^\]]+)\]\(\s*#?\s*\)")  # "[survey](#)": a link that went nowhere in the PDF
UNDERLINE_RE = re.compile(r"</?u>", re.I)

KIND_NAMES = {"front-sheet": "Agenda", "minutes": "Minutes", "report": "Report", "appendix": "Appendix",
              "document": "Document"}


def inline(text: str) -> Markup:
    """Source text as safe inline HTML: **bold** and links kept, any markup in the source shown as text."""
    text = EMPTY_LINK_RE.sub(r"\1", UNDERLINE_RE.sub("", text))
    return Markup(_markdown.renderInline(text))


def relative(target: str, page: str) -> str:
    """A link from the page at `page` (a site path like /meetings/x/) to `target`, that works under any base URL."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath(path, base) if path != base else "./"
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./" and fragment:
        rel = ""
    return rel + (f"#{fragment}" if fragment else "")


def shown_date(doc) -> str:
    """"2 November 2021", or "2018" / "April 2018" where only that much is known."""
    if doc.date_precision == "year":
        return str(doc.date.year)
    if doc.date_precision == "month":
        return doc.date.strftime("%B %Y")
    return long_date(doc.date)


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["inline"] = inline
    env.filters["long_date"] = long_date
    env.filters["printed_date"] = printed_date
    env.filters["shown_date"] = shown_date
    env.globals["KIND_NAMES"] = KIND_NAMES
    return env


def pages(archive: Archive, config: SiteConfig) -> list[tuple[str, str, dict]]:
    """Every page as (site path, template, context)."""
    by_year: dict[int, list] = {}
    for meeting in sorted(archive.meetings, key=lambda m: m.date, reverse=True):
        by_year.setdefault(meeting.date.year, []).append(meeting)
    out = [
        ("/", "index.html", {"meetings": sorted(archive.meetings, key=lambda m: m.date, reverse=True)[:5]}),
        ("/meetings/", "meetings.html", {"years": sorted(by_year.items(), reverse=True)}),
        ("/documents/", "documents.html", {"documents": [d for d in archive.documents if d.kind == "document"]}),
        ("/about/", "about.html", {"guide": archive.questioning_guide}),
    ]
    ordered = sorted(archive.meetings, key=lambda m: (m.committee, m.date))
    for index, meeting in enumerate(ordered):
        previous = ordered[index - 1] if index and ordered[index - 1].committee == meeting.committee else None
        following = ordered[index + 1] if index + 1 < len(ordered) and ordered[index + 1].committee == meeting.committee else None
        out.append((meeting.url, "meeting.html", {"meeting": meeting, "previous": previous, "next": following,
                                                   "committee": config.committee_by_slug(meeting.committee)}))
    for doc in archive.documents:
        out.append((doc.url, "document.html", {"doc": doc, "meeting": archive.meeting(doc.meeting) if doc.meeting else None,
                                               "parent": archive.document(doc.parent) if doc.parent else None}))
    return out


def render_site(archive: Archive, config: SiteConfig, templates: Path, out: Path) -> int:
    """Write every page and the open data into `out`. Returns the number of pages."""
    env = environment(templates)
    count = 0
    for path, template, context in pages(archive, config):
        page = env.get_template(template)
        html = page.render(site=config, archive=archive, page_url=path, rel=lambda target, p=path: relative(target, p),
                           **context)
        write(out / path.strip("/") / "index.html", html)
        count += 1
    # A 404 page is served at any address, so its links must be absolute.
    absolute = lambda target: config.base_url.rstrip("/") + target  # noqa: E731
    write(out / "404.html", env.get_template("404.html").render(site=config, archive=archive, page_url="/404.html",
                                                                 rel=absolute))
    write(out / "data" / "archive.json", archive_json(archive))
    return count + 1


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
