"""Render the archive into HTML pages and open data. Only this module and search write output."""
from __future__ import annotations

import posixpath
import re
import shutil
from urllib.parse import urlsplit
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from .config import SiteConfig
from .read.dates import long_date
from .layout import key_points, wordings_apart
from .link import displayed
from .feeds import meetings_calendar, papers_feed, robots, sitemap, topic_feed
from .cache import Memo
from .htmltext import replace_in_text
from .glossary import AcronymUses, glossary_for, glossary_uses, link_meanings, mark_first_uses, term_id
from .members import collect_members, member_url
from .model import Archive, Document
from .opendata import archive_json, printed_date
from .reuse import Lookups, Reuse, capitalised_words, page_key
from .read.text import plain
from .synonyms import WeightedTerms, weight_terms

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image"])

KIND_NAMES = {"front-sheet": "Agenda", "minutes": "Minutes", "report": "Report", "appendix": "Appendix",
              "document": "Document"}


# Characters that can start inline markdown (emphasis, links, code, escapes, entities, autolinks, line
# breaks) or that markdown-it changes (carriage returns, NUL). Most paragraphs have none, and need no parser.
MARKDOWN_SYNTAX_RE = re.compile(r"[*_\[\]`\\&<!\n\r\x00]")


def inline(text: str, spans=(), rel=None) -> Markup:
    """Source text as safe inline HTML: **bold** and links kept, any markup in the source shown as text,
    e-mail addresses and telephone numbers made links. `spans` are cross-links (start, end, site path) found
    in the displayed text by the link stage."""
    text = displayed(text)
    if not spans and not MARKDOWN_SYNTAX_RE.search(text):
        html = text.replace(">", "&gt;").replace('"', "&quot;")  # what markdown-it makes of plain text
    else:
        for start, end, target in sorted(spans, reverse=True):
            label = text[start:end].replace("[", "\\[").replace("]", "\\]")
            text = f"{text[:start]}[{label}](<{rel(target) if rel else target}>){text[end:]}"
        html = _markdown.renderInline(text)
    if "@" in html or PHONE_HINT_RE.search(html):
        html = replace_in_text(html, CONTACT_RE, _contact_link, skip=("a",))
    return Markup(html)


# An officer's e-mail address or UK telephone number, each found from the start of its own token (so a long
# token is read once, not once for each of its characters).
CONTACT_RE = re.compile(r"(?<![\w.+@-])(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?<!\.)|"
                        r"(?<![\w+])(?P<phone>0\d{2,4}(?: ?\d){6,8})(?![\w])")
PHONE_HINT_RE = re.compile(r"\b0\d{2,4} ?\d")


def _contact_link(match: re.Match) -> str:
    if match.group("email"):
        return f'<a href="mailto:{match.group("email")}">{match.group("email")}</a>'
    phone = match.group("phone")
    digits = re.sub(r"\D", "", phone)
    if not 10 <= len(digits) <= 11:
        return phone
    return f'<a href="tel:+44{digits[1:]}">{phone}</a>'



RAG_WORDS = {"r": "Red", "a": "Amber", "α": "Amber", "g": "Green"}


def rag_word(cell: str, in_rag_column: bool) -> str:
    """A RAG status printed as a letter is shown as a word: meaning never by colour or letter alone."""
    if in_rag_column and cell.strip().lower() in RAG_WORDS:
        return f"{RAG_WORDS[cell.strip().lower()]} ({cell.strip()})"
    return cell


def relative(target: str, page: str) -> str:
    """A link from the page at `page` (a site path like /meetings/x/) to `target`, that works under any base URL."""
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    path, _, fragment = target.partition("#")
    if path == base:
        rel = "./"
    else:  # posixpath.relpath, for site paths only: it took a twentieth of a rebuild
        here, there = base.strip("/").split("/"), path.strip("/").split("/")
        here, there = (here if here != [""] else []), (there if there != [""] else [])
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
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


def display_title_for(archive: Archive):
    """Titles printed in capitals are hard to read: show the agenda's wording of the item where there is one."""
    def display_title(doc: Document) -> str:
        letters = [c for c in doc.title if c.isalpha()]
        shouting = letters and all(c.isupper() for c in letters)
        if doc.kind == "report" and shouting and doc.meeting and doc.agenda_item:
            same_item = [d for d in archive.meeting(doc.meeting).documents
                         if archive.document(d).kind == "report" and archive.document(d).agenda_item == doc.agenda_item]
            if len(same_item) == 1:
                item = next(i for i, _ in archive.meeting(doc.meeting).agenda if i.number == doc.agenda_item)
                return item.title
        return doc.title
    return display_title


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["inline"] = inline
    env.filters["long_date"] = long_date
    env.filters["printed_date"] = printed_date
    env.filters["shown_date"] = shown_date
    env.globals["KIND_NAMES"] = KIND_NAMES
    env.globals["text_file_name"] = text_file_name
    env.filters["rag"] = rag_word
    env.filters["glossary_id"] = term_id
    env.globals["key_points"] = key_points
    env.globals["marks_by_block"] = marks_by_block
    env.globals["contents_of"] = contents_of
    env.globals["paragraph_labels"] = paragraph_labels
    env.globals["member_url"] = member_url
    env.globals["page_target"] = page_target
    env.filters["file_size"] = file_size
    env.filters["paper_length"] = paper_length
    return env


def pages(archive: Archive, config: SiteConfig, memo: Memo | None = None) -> list[tuple[str, str, dict]]:
    """Every page as (site path, template, context)."""
    newest_first = sorted(archive.meetings, key=lambda m: m.date, reverse=True)
    reports = {m.id: sum(1 for d in m.documents if archive.document(d).kind == "report") for m in archive.meetings}
    by_year: dict[int, list] = {}
    for meeting in newest_first:
        by_year.setdefault(meeting.date.year, []).append((meeting, reports[meeting.id]))
    with_pack = [m for m in newest_first if m.details]
    latest = with_pack[0] if with_pack else (newest_first[0] if newest_first else None)
    # Dates announced after the last meeting of their committee here. No build-time clock, so that builds stay
    # identical: the pages say what is true on any day (dates announced), and a script on the page says which
    # is next by the reader's own clock.
    announced = announced_dates(archive)
    upcoming = [(when, by) for committee, when, by in announced if latest and committee == latest.committee]
    for committee, when, by in announced:
        by_year.setdefault(when.year, [])
    last_pack = {}
    for meeting in newest_first:
        if meeting.details:
            last_pack.setdefault(meeting.committee, meeting.date)
    # Minutes can still come only while no later pack of the committee is here (they come with the next one).
    awaiting = {m.id for m in archive.meetings if not m.minutes and m.date >= last_pack.get(m.committee, m.date)}
    tagged = archive.topics
    # Each committee's own list of meetings, where there is more than one committee to choose from.
    bodies = [c for c in config.committees if any(m.committee == c.slug for m in archive.meetings)]
    bodies = bodies if len(bodies) > 1 else []
    # What each topic holds, as its page lists it: papers, minute items, questions (not one sum called papers).
    counts = [(t, (len(tagged[t.slug].documents), len(tagged[t.slug].minute_items), len(tagged[t.slug].questions)))
              for t in config.topics]
    questions = {q.id: q for q in archive.questions}
    members = collect_members(archive, archive.questions)
    # Each document's acronyms are found once, for the glossary's lists and for its page's search terms.
    terms: dict[str, list[str]] = {}
    acronyms = AcronymUses(archive, memo)

    def acronyms_of(doc: Document) -> list[str]:
        used, terms[doc.id] = acronyms.of(doc)
        return used

    mentioned_in: dict[str, list[str]] = {}
    for link in archive.links:
        if link.source not in mentioned_in.setdefault(link.target_id, []):
            mentioned_in[link.target_id].append(link.source)
    out = [
        ("/", "index.html", {"latest": latest, "announced": upcoming, "topics": counts}),
        ("/meetings/", "meetings.html", {"years": sorted(by_year.items(), reverse=True), "awaiting": sorted(awaiting),
                                         "announced": announced, "committee": None, "committees": bodies}),
        ("/documents/", "documents.html", {"documents": [d for d in archive.documents if d.kind == "document"]}),
        ("/about/", "about.html", {"guide": wordings_apart(archive.questioning_guide)}),
        ("/accessibility/", "accessibility.html", {}),
        ("/search/", "search.html", {"topics": config.topics}),
        ("/topics/", "topics.html", {"topics": counts}),
        ("/glossary/", "glossary.html", {"entries": glossary_uses(archive, acronyms_of)}),
        ("/questions/", "questions.html", {"questions": archive.questions, "members": members}),
        ("/actions/", "actions.html", {"follow_ups": sorted(archive.follow_ups, key=lambda f: f.id, reverse=True)}),
        ("/members/", "members.html", {"members": members}),
    ]
    for body in bodies:
        years = {year: [(m, n) for m, n in listed if m.committee == body.slug] for year, listed in by_year.items()}
        out.append((f"/meetings/{body.slug}/", "meetings.html", {
            "years": sorted(((y, listed) for y, listed in years.items()
                             if listed or any(c == body.slug and w.year == y for c, w, _ in announced)), reverse=True),
            "awaiting": sorted(awaiting), "announced": [a for a in announced if a[0] == body.slug],
            "committee": body, "committees": bodies}))
    for topic in config.topics:
        items = tagged[topic.slug]
        out.append((f"/topics/{topic.slug}/", "topic.html", {
            "topic": topic, "documents": [archive.document(d) for d in items.documents],
            "minute_items": [(archive.document(m), next(i for i in archive.document(m).details.items if i.number == n))
                             for m, n in items.minute_items],
            "questions": [questions[q] for q in items.questions]}))
    for member in members:
        out.append((member.url, "member.html", {"member": member, "questions": [questions[q] for q in member.questions]}))
    ordered = sorted(archive.meetings, key=lambda m: (m.committee, m.date))
    for index, meeting in enumerate(ordered):
        previous = ordered[index - 1] if index and ordered[index - 1].committee == meeting.committee else None
        following = ordered[index + 1] if index + 1 < len(ordered) and ordered[index + 1].committee == meeting.committee else None
        out.append((meeting.url, "meeting.html", {"meeting": meeting, "previous": previous, "next": following,
                                                   "originals": originals_of(archive, meeting),
                                                   "minutes_may_come": meeting.id in awaiting,
                                                   "committee": config.committee_by_slug(meeting.committee),
                                                   "follow_ups": [f for f in archive.follow_ups if f.meeting == meeting.id],
                                                   "mentioned_in": mentioned_in.get(meeting.id, []),
                                                   "search_terms": []}))
    spans: dict[str, dict] = {}
    for link in archive.links:
        spans.setdefault(link.source, {}).setdefault((link.block, link.item), []).append((link.start, link.end, link.target))
    doc_topics: dict[str, list[str]] = {}
    for topic in config.topics:
        for doc_id in tagged[topic.slug].documents:
            doc_topics.setdefault(doc_id, []).append(topic.name)
    for doc in archive.documents:
        if doc.id not in terms:  # front sheets are not in the glossary's lists
            acronyms_of(doc)
        out.append((doc.url, "document.html", {
            "search_terms": terms[doc.id],
            "topic_names": doc_topics.get(doc.id, []),"doc": doc, "meeting": archive.meeting(doc.meeting) if doc.meeting else None,
                                               "parent": archive.document(doc.parent) if doc.parent else None,
                                               "spans": spans.get(doc.id, {}),
                                               "original": archive.originals.get(doc.source),
                                               "mentioned_in": mentioned_in.get(doc.id, [])}))
    return out


def announced_dates(archive: Archive) -> list[tuple[str, object, object]]:
    """(committee, date, the meeting whose agenda announced it) for each meeting date a front sheet announces
    after the last meeting of its committee in the archive, in date order."""
    last: dict[str, object] = {}
    for meeting in archive.meetings:
        last[meeting.committee] = max(last.get(meeting.committee, meeting.date), meeting.date)
    found = {}
    for meeting in sorted(archive.meetings, key=lambda m: m.date):
        for when in meeting.details.future_dates if meeting.details else ():
            if when > last[meeting.committee]:
                found[(meeting.committee, when)] = meeting  # the latest agenda to announce it
    return sorted(((c, w, m) for (c, w), m in found.items()), key=lambda e: (e[1], e[0]))


def originals_of(archive: Archive, meeting) -> list:
    """The PDFs a meeting's page was built from: its pack's and those of the papers it shows."""
    sources = [meeting.source, *(archive.document(d).source for d in meeting.documents)]
    return [archive.originals[s] for s in dict.fromkeys(sources) if s in archive.originals]


def marks_by_block(doc: Document) -> dict[int, list]:
    """Each numbered page start of the document by the block it stands before, each number once."""
    marks: dict[int, list] = {}
    seen: set[int] = set()
    for mark in doc.pages:
        if mark.number is not None and mark.number not in seen:
            seen.add(mark.number)
            marks.setdefault(mark.before, []).append(mark)
    return marks


def page_target(item, ids, lookups) -> str | None:
    """Where the agenda's "(Pages 5 - 12)" leads: page 5 of the item's paper that holds it, or its first
    paper."""
    if not item.pages or not ids:
        return None
    for doc_id in ids:
        doc = lookups.document(doc_id)
        if any(m.number == item.pages[0] for m in doc.pages):
            return f"{doc.url}#page-{item.pages[0]}"
    return lookups.document(ids[0]).url


READING_SPEED = 200  # words a minute, an adult's pace for plain reading


def contents_of(blocks) -> list[tuple[object, list]]:
    """The page's sections for its Contents: each h2 with the h3s under it; h3s before the first h2 stand on
    their own (as (None, [h3…]))."""
    sections: list[tuple[object, list]] = []
    for block in blocks:
        if block.kind != "heading" or not block.anchor or block.level > 3:
            continue
        if block.level == 2:
            sections.append((block, []))
        elif sections:
            sections[-1][1].append(block)
        else:
            sections.append((None, [block]))
    return sections


LABEL_WORDS = 8  # a paragraph's first words in its search result: enough to tell it from its neighbours


def paragraph_labels(blocks) -> dict[str, str]:
    """What a search result that lands on a numbered paragraph is called: the heading it is under and the
    paragraph's first words ("MTFS Position: 11. The hidden harm of online grooming and recruitment…"), not
    Pagefind's "Paragraph 11." (the text of the paragraph's anchor). search.js puts these in its place."""
    labels: dict[str, str] = {}
    heading = ""
    for block in blocks:
        if block.kind == "heading":
            heading = f"{block.number}. {block.text}" if block.number else block.text
        elif block.kind == "para" and block.number and block.anchor:
            words = plain(block.text).split()
            opening = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
            labels[block.anchor] = f"{heading}: {block.number}. {opening}" if heading else f"{block.number}. {opening}"
    return labels


def paper_length(doc: Document) -> str:
    """How long a paper is, as a reader judges whether to open it now: its printed pages, where the pack
    numbers them, else the minutes it takes to read."""
    numbers = [m.number for m in doc.pages if m.number is not None]
    if numbers:
        count = numbers[-1] - numbers[0] + 1
        return f"{count} page{'s' if count != 1 else ''}"
    words = sum(len(block.text.split()) + sum(len(item.split()) for item in block.items)
                + sum(len(cell.split()) for row in block.rows for cell in row) for block in doc.blocks)
    minutes = max(1, round(words / READING_SPEED))
    return f"about {minutes} minute{'s' if minutes != 1 else ''} to read"


def file_size(size: int) -> str:
    """"1.9 MB", "508 KB": as a reader judges whether to download it."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size // 1000, 1)} KB"


def copy_originals(archive: Archive, root: Path, out: Path) -> None:
    """Publish the PDFs the site was built from, beside their pages (at `Original.url`)."""
    for original in archive.originals.values():
        target = out / "papers" / original.source.split("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / original.source, target)


def render_site(archive: Archive, config: SiteConfig, templates: Path, out: Path, reuse: Reuse | None = None,
                memo: Memo | None = None) -> int:
    """Write every page, each document's plain-text version and the open data into `out`. With `reuse`,
    pages and text files made from the same inputs as the published ones are linked, not made again; with
    `memo`, each document's acronyms are found again from the last build. Returns the number of pages."""
    env = environment(templates)
    lookups = Lookups(archive)  # the templates see the archive only through this, so their lookups are known
    env.filters["display_title"] = display_title_for(lookups)
    weighted = WeightedTerms(archive.glossary, [k for t in config.topics for k in t.keywords])
    count = 0
    all_pages = pages(archive, config, memo)
    for path, template, context in all_pages:
        name = f"{path.strip('/')}/index.html".lstrip("/")
        target = out / name
        key, records = page_key((template, path, context)) if reuse else (b"", [])
        meeting, doc = context.get("meeting"), context.get("doc")
        glossary = glossary_for(archive, meeting.id if meeting else None, doc.id if doc else None)
        if not (reuse and reuse.keep(name, key, target, glossary)):
            lookups.seen = dict.fromkeys(records)
            html = env.get_template(template).render(site=config, archive=lookups, page_url=path,
                                                     rel=lambda target, p=path: relative(target, p), **context)
            page = mark_terms(html, glossary, weighted, config.meanings,
                              relative("/glossary/", path) if path != "/glossary/" else None)
            if not (reuse and reuse.unchanged(name, page, target)):
                write(target, page)
            if reuse:
                reuse.made(name, key, list(lookups.seen), target, capitalised_words(main_content(html)[1]), glossary)
        count += 1
    for doc in archive.documents:
        name = f"{doc.url.strip('/')}/{text_file_name(doc)}"
        key = reuse.current("document", doc.id) if reuse else b""
        if not (reuse and reuse.keep(name, key, out / name)):
            write(out / name, plain_text(doc))
            if reuse:
                reuse.made(name, key, (), out / name)
    for topic in config.topics:
        feed = topic_feed(archive, config, topic, archive.topics[topic.slug].documents, env.filters["display_title"])
        (out / "topics" / topic.slug / "feed.xml").write_bytes(feed)
    (out / "feed.xml").write_bytes(papers_feed(archive, config, env.filters["display_title"]))
    (out / "meetings.ics").write_bytes(meetings_calendar(archive, config))
    write(out / "sitemap.xml", sitemap(config, [path for path, _, _ in all_pages]))
    write(out / "robots.txt", robots(config))
    # A 404 page is served at any address, so its links start from the site's root.
    root = urlsplit(config.base_url).path.rstrip("/")
    absolute = lambda target: root + target  # noqa: E731
    write(out / "404.html", env.get_template("404.html").render(site=config, archive=archive, page_url="/404.html",
                                                                 rel=absolute))
    write(out / "data" / "archive.json", archive_json(archive))
    return count + 1


def main_content(html: str) -> tuple[str, str, str]:
    """(what comes before the page's main content, the main content, what comes after); without a <main>,
    the whole page is what comes before."""
    head, _, rest = html.partition('<main id="main">')
    main, _, tail = rest.partition("</main>")
    return head, main, tail


def mark_terms(html: str, glossary: dict[str, str], weighted: WeightedTerms, meanings: dict[str, str] | None = None,
               glossary_url: str | None = None) -> str:
    """Mark the first use of each acronym in the page's main content, link the first use of each key term the
    settings explain to the glossary (`glossary_url`, from this page), and weight key terms for search."""
    head, main, tail = main_content(html)
    if head == html:
        return html
    main = mark_first_uses(main, glossary)
    if meanings and glossary_url:
        main = link_meanings(main, meanings, glossary_url)
    if "data-pagefind-body" in main:
        main = weight_terms(main, weighted)
    return f'{head}<main id="main">{main}</main>{tail}'


def text_file_name(doc: Document) -> str:
    return doc.id.rsplit("/", 1)[-1] + ".txt"


def plain_text(doc: Document) -> str:
    """The document as plain text: what its page shows, without the page around it."""
    parts = [doc.title.upper() if doc.kind != "report" else doc.title, ""]
    for block in doc.blocks:
        if block.kind == "heading":
            parts += [f"{block.number}. {block.text}" if block.number else block.text, ""]
        elif block.kind == "para":
            parts += [(f"{block.number}. " if block.number else "") + plain(block.text), ""]
        elif block.kind == "list":
            parts += [*(f"- {plain(item)}" for item in block.items), ""]
        elif block.kind == "table":  # a header repeated from the table before is the page's, not the paper's
            parts += [*("\t".join(row) for row in block.rows[1 if block.extra.get("header_repeated") else 0:]), ""]
        elif block.kind == "masthead" and block.text != doc.title:
            parts += [block.text, ""]
    return "\n".join(parts).rstrip() + "\n"


def write(path: Path, text: str) -> None:
    """Write a new file. Never into an existing one: it may be a hard link to a published file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
