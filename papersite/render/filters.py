"""What templates may call: source text as safe inline HTML, links relative to the page, dates and titles
as shown, and the small judgements a page makes about its document (its contents, its length, its printed
pages). Pure functions of their arguments."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from ..assemble.laidout import reading_words
from ..assemble.layout import key_points
from ..connect.addresses import publishable
from ..connect.crosslinks import displayed
from ..connect.glossary import term_id
from ..connect.members import member_url
from ..htmltext import replace_in_text
from ..model import Archive, Document
from ..read.dates import long_date
from ..read.text import plain
from .opendata import printed_date

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
        ours = set()  # the cross-links put in here: addresses on this site
        for start, end, target in sorted(spans, reverse=True):
            label = text[start:end].replace("[", "\\[").replace("]", "\\]")
            address = rel(target) if rel else target
            ours.add(_markdown.normalizeLink(address))
            text = f"{text[:start]}[{label}](<{address}>){text[end:]}"
        html = _markdown.renderer.render(_published_links(_markdown.parseInline(text), ours), _markdown.options, {})
    if "@" in html or PHONE_HINT_RE.search(html):
        html = replace_in_text(html, CONTACT_RE, _contact_link, skip=("a",))
    return Markup(html)


# What a template calls to show source text, each marked as what it is by the page's `marking`
# (`render.marking.PageMarking`; none on the 404 page): the papers' words, running text, a label.

@pass_context
def marked_inline(context, text: str, spans=(), rel=None, as_label: bool = False) -> Markup:
    """`inline`, marked as running text, or as a label (a table's header cell)."""
    return _marked(context, inline(text, spans, rel), "label" if as_label else "running")


@pass_context
def running(context, text) -> Markup:
    """A title, a name or a setting shown in running text (a list item, a sentence), escaped and marked."""
    return _marked(context, escape(text), "running")


@pass_context
def label(context, text) -> Markup:
    """The words of a link, a table's header cell or a caption, escaped and weighted for search."""
    return _marked(context, escape(text), "label")


def _marked(context, fragment: Markup, role: str) -> Markup:
    marking = context.get("marking")
    return Markup(getattr(marking, role)(str(fragment))) if marking else fragment


def _published_links(tokens, ours: set[str]):
    """The parsed text with every link that may not be published (`connect.addresses.publishable`; not one of
    `ours`) made plain text: its label stays, the link goes. Checked on markdown-it's own reading of the text,
    so that no spelling of a link (a title, escaped or nested brackets, an empty label) gets past."""
    for token in tokens:
        children, dropped = [], []  # dropped: (its address, where its label began in `children`)
        for child in token.children or ():
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if href not in ours and not publishable(href):
                    dropped.append((href, len(children)))
                    continue
            elif child.type == "link_close" and dropped:
                href, began = dropped.pop()
                if len(children) == began:  # no label: the address is the only text there was
                    children.append(Token("text", "", 0, content=href))
                continue
            children.append(child)
        token.children = children
    return tokens


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
    env.filters["inline"] = marked_inline
    env.filters["running"] = running
    env.filters["label"] = label
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
    env.globals["member_url"] = member_url
    env.globals["page_target"] = page_target
    env.filters["file_size"] = file_size
    env.filters["paper_length"] = paper_length
    env.filters["topic_count"] = topic_count
    env.filters["printed_pages"] = printed_pages
    env.globals["paper_trail"] = paper_trail
    return env


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
    minutes = max(1, round(reading_words(doc.blocks) / READING_SPEED))
    return f"about {minutes} minute{'s' if minutes != 1 else ''} to read"


def file_size(size: int) -> str:
    """"1.9 MB", "508 KB": as a reader judges whether to download it."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size // 1000, 1)} KB"


def text_file_name(doc: Document) -> str:
    return doc.id.rsplit("/", 1)[-1] + ".txt"


def topic_count(count: tuple[int, int, int]) -> str:
    """(papers, minute items, questions) as a topic's page lists them: "3 papers, 2 minute items and 1 question"."""
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in
             ((count[0], "paper", "papers"), (count[1], "minute item", "minute items"), (count[2], "question", "questions"))
             if n]
    if not parts:
        return "nothing yet"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def result_title(title: str, kind: str, committee: str, when) -> str:
    """A search result's title, saying what and when beside the page's own title, without repeating what the
    title says: "SEND and Inclusion (Report, Children and Families Overview and Scrutiny Committee, 6 September
    2022)"."""
    said = [kind if not title.startswith(kind) else None, committee,
            long_date(when) if when and long_date(when) not in title else None]
    said = ", ".join(part for part in said if part)
    return f"{title} ({said})" if said else title


def printed_pages(doc: Document) -> str:
    """"19 to 22", "7", or "" where the pack prints no page numbers."""
    numbers = [mark.number for mark in doc.pages if mark.number]
    if not numbers:
        return ""
    return f"{numbers[0]} to {numbers[-1]}" if len(numbers) > 1 else str(numbers[0])


def paper_trail(doc: Document, meeting, parent, display_title) -> list[tuple[str, str | None]]:
    """The breadcrumbs of a document's page: Home, then its meeting (or the documents outside meetings), the
    paper it is an appendix to, and itself."""
    trail = [("Home", "/")]
    trail += [("Meetings", "/meetings/"), (long_date(meeting.date), meeting.url)] if meeting else [("Documents", "/documents/")]
    if parent:
        trail.append((display_title(parent), parent.url))
    return trail + [(KIND_NAMES[doc.kind] + (f" {doc.label}" if doc.label else ""), None)]
