"""The structure of every built page, and what each kind of page must show (BeautifulSoup, no browser)."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup


def soup_of(out, url):
    path = out / url.strip("/") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def pages(built_site):
    out, _, _ = built_site
    return {p.relative_to(out).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(out.rglob("*.html"))}


def test_every_page_has_landmarks_one_h1_and_headings_in_order(pages):
    for name, soup in pages.items():
        assert soup.html["lang"] == "en-GB", name
        assert [a.get_text() for a in soup.find_all("a")][0] == "Skip to main content", name
        for landmark in ("header", "main", "footer"):
            assert len(soup.find_all(landmark)) == 1, (name, landmark)
        assert soup.find("nav", attrs={"aria-label": "Site"}), name
        assert len(soup.find_all("h1")) == 1, name
        levels = [int(h.name[1]) for h in soup.find("main").find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1, name
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (name, levels)
        assert not soup.find_all("link", href=re.compile(r"^https?://")), name  # nothing from elsewhere
        assert not soup.find_all("script", src=re.compile(r"^https?://")), name
        assert not soup.find_all(style=re.compile(r"font-style:\s*italic")), name


def test_every_table_has_a_caption_header_cells_with_scope_and_its_own_scrolling_region(pages):
    tables = 0
    for name, soup in pages.items():
        for table in soup.find_all("table"):
            tables += 1
            assert table.caption and table.caption.get_text(strip=True), name
            assert table.thead.find_all("th"), name
            assert all(th.get("scope") == "col" for th in table.thead.find_all("th")), name
            region = table.parent
            assert region.get("role") == "region" and region.get("tabindex") == "0", name
    assert tables > 20


def test_meeting_page(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2021-11-02/")
    agenda = soup.find("ol", class_="agenda")
    items = agenda.find_all("li", recursive=False)
    assert [li["value"] for li in items] == [str(n) for n in range(1, 17)]
    item8 = soup.find(id="item-8")
    assert "Chief Executive" in item8.get_text() and item8.find("a", href="item-8/")
    assert soup.find("time", datetime="2021-11-02")
    assert "Mrs. H. J. Fryer CC (Chairman)" in soup.get_text()
    assert soup.find("a", href="../2021-09-07/minutes/")  # the minutes this pack carries
    text = " ".join(soup.get_text().split())
    assert "Previous meeting: 7 September 2021" in text and "Next meeting: 7 June 2022" in text


def test_meeting_with_no_pack_of_its_own_says_where_its_minutes_were_confirmed(built_site):
    out, _, _ = built_site
    text = soup_of(out, "/meetings/children-and-families/2021-09-07/").get_text(" ", strip=True)
    assert "confirmed at the meeting of 2 November 2021" in text


def test_report_page(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2021-11-02/item-11/")
    assert soup.h1.get_text() == "Quarter 2 2021/22 Performance Report"
    para = soup.find(id="para-12").find_parent("p")
    assert para and " ".join(para.find("a", href="#para-12").get_text().split()) == "Paragraph 12."
    assert soup.find("nav", class_="contents")
    assert soup.find("a", href="appendix-a/")
    download = soup.find("a", attrs={"download": True})
    assert download["href"] == "item-11.txt" and (out / "meetings/children-and-families/2021-11-02/item-11/item-11.txt").is_file()
    text = (out / "meetings/children-and-families/2021-11-02/item-11/item-11.txt").read_text()
    assert "12. " in text and "<" not in text


def test_what_the_committee_is_asked_to_do_is_easy_to_find(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2021-11-02/item-8/")
    panel = soup.find(class_="key-points")
    assert [h.get_text() for h in panel.find_all("h2")] == ["What this report is for", "What the committee is asked to do"]
    asks = panel.find_all("h2")[1].find_next("p")
    assert "The Committee is asked to provide its views" in asks.get_text()
    assert asks.find("a", href="#para-23") and soup.find(id="para-23")


def test_minutes_page(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2021-09-07/minutes/")
    assert [h["id"] for h in soup.find_all("h2", id=re.compile(r"^minute-"))] == [f"minute-{n}" for n in range(15, 28)]
    resolved = soup.find(id="minute-23").find_next("h3", string=re.compile("RESOLVED")).find_next("ul")
    assert "That a report be presented" in [li.get_text(strip=True) for li in resolved.find_all("li")][1]
    question = soup.find("h3", string=re.compile("Mrs Sue Whiting asked"))
    assert question and question.find_next("h4", string=re.compile("replied"))


def test_links_that_went_nowhere_are_plain_text(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2022-06-07/minutes/")
    assert "survey remains open" in soup.get_text()
    assert not soup.find_all("a", href="#")


def test_acronyms_carry_their_expansion_on_first_use(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2022-09-06/item-8/")
    abbrs = {a.get_text(): a["title"] for a in soup.find("main").find_all("abbr")}
    assert abbrs["EHCP"] == "Education, Health and Care Plan"
    assert abbrs["SEND"].startswith("Special Educational Needs")
    assert len(soup.find("main").find_all("abbr", string="SEND")) == 1


def test_only_what_readers_read_as_text_is_marked(built_site):
    """Terms are marked as each source text is made HTML (`render.marking`), so nothing else is: marking the
    finished page once put expansions and glossary links into the hidden filter values for search (a topic's
    name) and into the hidden list of acronyms a page is also found by."""
    out, _, _ = built_site
    pages = [page for page in sorted(out.rglob("*.html")) if "pagefind" not in page.parts]
    marked = 0
    for page in pages:
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
        marked += len(main.find_all("abbr"))
        for hidden in main.select("[data-search-data]"):
            assert not hidden.select("abbr, a, span[data-pagefind-weight]"), page
        for terms in main.select("[data-search-terms]"):
            assert not terms.select("abbr, a"), page
        for shown_as_is in main.select("h1, h2, h3, h4, h5, h6, p.masthead"):  # result titles, and as printed
            assert not shown_as_is.select("abbr, a.term, span.expansion, span[data-pagefind-weight]"), (page, shown_as_is)
        for label in main.select("th, caption, summary, nav, a:not(.term)"):  # weighted, never annotated
            assert not label.select("abbr, a.term, span.expansion"), (page, label)
    assert marked > len(pages)


def test_rag_ratings_printed_as_letters_are_shown_as_words(built_site):
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2016-04-04/item-9/appendix-a/")
    cells = [td.get_text(strip=True) for td in soup.find_all("td")]
    assert "Red (R)" in cells and "Green (G)" in cells


def test_home_page_offers_announced_and_latest_meeting_and_send_first(built_site):
    """Without a clock the page says what is true on any day: the dates the latest agenda announced (issue
    15: "Next meeting: 8 November 2022" was shown in 2026); `dates.js` says which is next (test_browser)."""
    out, _, _ = built_site
    soup = soup_of(out, "/")
    text = soup.get_text(" ", strip=True)
    assert "Meeting dates announced on the agenda of 6 September 2022 : 8 November 2022" in text
    assert "Next meeting" not in text and "meeting of 6 September 2022" in text
    topics = soup.find("h2", string="Find papers by topic").find_next("ul").find_all("a")
    assert topics[0].get_text() == "SEND and the Local Offer"


def test_accessibility_statement_has_the_sections_the_regulations_expect(built_site):
    out, _, _ = built_site
    headings = [h.get_text() for h in soup_of(out, "/accessibility/").find_all(["h2", "h3"])]
    for expected in ("How accessible this website is", "Feedback and contact information", "Enforcement procedure",
                     "Compliance status", "Non-accessible content", "Preparation of this accessibility statement"):
        assert expected in headings


def test_relative_links_are_those_posixpath_would_make():
    import itertools
    import posixpath
    from papersite.render.filters import relative

    def by_relpath(target: str, page: str) -> str:  # how links were made before relative() did it itself
        base = page if page.endswith("/") else posixpath.dirname(page) + "/"
        path, _, fragment = target.partition("#")
        rel = posixpath.relpath(path, base) if path != base else "./"
        rel += "/" if path.endswith("/") and not rel.endswith("/") else ""
        return ("" if rel == "./" and fragment else rel) + (f"#{fragment}" if fragment else "")

    paths = ["/", "/meetings/", "/meetings/a/2021-01-05/", "/meetings/a/2021-01-05/item-8/",
             "/meetings/a/2021-01-05/item-8/appendix-1/", "/meetings/b/2021-01-05/item-8/", "/feed.xml",
             "/meetings/a/2021-01-05/item-8/item-8.txt", "/topics/send/feed.xml", "/404.html"]
    for target, page in itertools.product([*paths, "/meetings/a/2021-01-05/#item-8", "/#main"], paths):
        assert relative(target, page) == by_relpath(target, page), (target, page)


def test_announced_dates_are_in_the_meetings_list_and_minutes_are_awaited_only_where_they_can_come(built_site):
    out, _, _ = built_site
    listing = soup_of(out, "/meetings/").get_text(" ", strip=True)
    assert "8 November 2022 : Children and Families Overview and Scrutiny Committee. A date announced on the agenda of " \
        "6 September 2022" in listing
    assert soup_of(out, "/meetings/").find("h2", string="2022") is not None
    # 2016's minutes will not come: later packs are here. The latest meeting's still can.
    old = soup_of(out, "/meetings/children-and-families/2016-04-04/").get_text(" ", strip=True)
    assert "not published here yet" not in old and "not among the papers published here" in old
    latest = soup_of(out, "/meetings/children-and-families/2022-09-06/").get_text(" ", strip=True)
    assert "not published here yet" in latest


def test_continued_tables_repeat_the_real_header_and_rows_are_labelled(built_site):
    """Issue 15: tables 2-4 of the November 2021 dashboard took their first data row ("3,972") as headers."""
    out, _, _ = built_site
    soup = soup_of(out, "/meetings/children-and-families/2021-11-02/item-11/appendix-a/")
    tables = soup.select("main table")
    header = [th.get_text(strip=True) for th in tables[0].select("thead th")]
    assert "Current figure" in " ".join(header)
    for table in tables[1:4]:
        assert [th.get_text(strip=True) for th in table.select("thead th")] == header
        assert "3,972" not in table.thead.get_text()
    assert "3,972" in tables[1].tbody.get_text()
    first = tables[1].tbody.tr
    assert first.find().name == "th" and first.find()["scope"] == "row" and first.find().get_text().startswith("No. of")
    text = (out / "meetings/children-and-families/2021-11-02/item-11/appendix-a/appendix-a.txt").read_text()
    assert text.count("Latest update") == 1  # the plain text gives the paper's own rows only


def test_the_home_page_counts_a_topic_as_its_page_lists_it(built_site):
    """Issue 15: the home page said 19 SEND papers where the topic page listed 11 (and minute items, questions)."""
    out, _, _ = built_site
    topic = soup_of(out, "/topics/send-and-local-offer/")
    listed = [len(h.find_next(["ul", "ol"]).find_all("li", recursive=False)) for h in topic.select("main h2")
              if h.get_text() in ("Papers", "In the minutes", "Questions")]
    said = soup_of(out, "/").find("a", href="topics/send-and-local-offer/").parent.get_text(" ", strip=True)
    assert re.search(rf"\({listed[0]} papers, {listed[1]} minute items and {listed[2]} questions\)", said), (said, listed)


def test_the_meetings_list_jumps_to_a_year_and_papers_say_how_long_they_are(built_site):
    out, _, _ = built_site
    listing = soup_of(out, "/meetings/")
    years = [a["href"] for a in listing.find("nav", attrs={"aria-label": "Years"}).find_all("a")]
    assert years == ["#year-2022", "#year-2021", "#year-2016"]
    assert all(listing.find(id=y[1:]) for y in years)
    meeting = soup_of(out, "/meetings/children-and-families/2022-09-06/")
    lengths = [s.get_text() for s in meeting.select(".agenda .meta") if "to read" in s.get_text() or "page" in s.get_text()]
    assert lengths and all(re.fullmatch(r"\((?:about \d+ minutes? to read|\d+ pages?)\)", t) for t in lengths), lengths


def test_a_council_with_several_committees_lists_each_ones_meetings(kent_site):
    project, _, _ = kent_site
    site = project / "_site"
    listing = soup_of(site, "/meetings/")
    links = {a.get_text(): a["href"] for a in listing.find("nav", attrs={"aria-label": "Committees"}).find_all("a")}
    assert links["Cabinet"] == "cabinet/" and links["County Council"] == "county-council/"
    cabinet = soup_of(site, "/meetings/cabinet/")
    assert cabinet.h1.get_text() == "Meetings of the Cabinet"
    listed = {li.get_text(" ", strip=True).split(":")[1].split(".")[0].strip() for li in cabinet.select("main ul li")}
    assert listed == {"Cabinet"}, listed


def test_the_accessibility_statement_says_when_it_was_prepared_and_reviewed(built_site):
    out, _, _ = built_site
    text = soup_of(out, "/accessibility/").get_text(" ", strip=True)
    assert "This statement was prepared on 1 December 2026 . It was last reviewed on 1 December 2026 ." in text


def test_headings_a_long_paper_prints_without_marks_are_found_and_poster_words_are_not_headings(built_site):
    """Issue 15: "MTFS Position" and its neighbours were paragraphs missing from Contents; the fostering
    appendix's poster words "LOVE", "FOSTER", "CARERS" were three headings."""
    out, _, _ = built_site
    send = soup_of(out, "/meetings/children-and-families/2022-09-06/item-8/")
    contents = [a.get_text(" ", strip=True) for a in send.select("nav.contents a")]
    for heading in ("MTFS Position", "Leicestershire Position", "Transforming SEND and Inclusion in Leicestershire"):
        assert any(c.startswith(heading) for c in contents), contents
    assert send.find("h3", id="mtfs-position") is not None
    poster = soup_of(out, "/meetings/children-and-families/2021-11-02/item-12/appendix-1/")
    assert not [h for h in poster.select("main h2, main h3") if h.get_text(strip=True) in ("LOVE", "FOSTER", "CARERS")]
    assert "we LOVE our FOSTER CARERS" in poster.get_text(" ", strip=True)


def test_the_questions_register_shows_no_stray_list_dash(built_site):
    out, _, _ = built_site
    paragraphs = [p.get_text() for p in soup_of(out, "/questions/").select("main p")]
    assert not [p for p in paragraphs if p.startswith("- ")], [p[:40] for p in paragraphs if p.startswith("- ")]
    assert any(p.startswith("“1. Is the County Council broadly in support") for p in paragraphs)


def test_officers_addresses_and_numbers_are_links_and_members_are_linked(built_site):
    """Issue 15: officers' e-mail addresses and telephone numbers were text; members in membership and
    attendance lists were not linked, and the chairman's page did not say so."""
    out, _, _ = built_site
    report = soup_of(out, "/meetings/children-and-families/2022-09-06/item-8/")
    assert report.find("a", href="mailto:Alison.Bradley@leics.gov.uk")
    phones = [a for page in ("/meetings/children-and-families/2021-11-02/item-10/",
                             "/meetings/children-and-families/2022-09-06/item-9/")
              for a in soup_of(out, page).select('main a[href^="tel:"]')]
    assert phones and all(re.fullmatch(r"tel:\+44\d{9,10}", a["href"]) for a in phones)
    assert not soup_of(out, "/meetings/children-and-families/2022-09-06/item-8/").select("a a")
    meeting = soup_of(out, "/meetings/children-and-families/2022-09-06/")
    members = meeting.find("h2", string="Membership").find_next("ul").find_all("a")
    assert members and all(a["href"].startswith("../../../members/") for a in members)
    minutes = soup_of(out, "/meetings/children-and-families/2022-06-07/minutes/")
    present = minutes.find("dt", string="Members present").find_next("dd").find_all("a")
    assert "Mrs. H. J. Fryer CC" in [a.get_text() for a in present]
    chair = soup_of(out, "/members/fryer-h/").get_text(" ", strip=True)
    assert "Chairman of the committee at the meetings of 6 September 2022" in chair


def test_key_terms_have_plain_meanings_and_acronyms_are_spelt_out_where_read(built_site):
    """Issue 15: "Local Offer" was explained nowhere, entries gave only an expansion, and an expansion could be
    read only in a tooltip (never on a touch screen)."""
    out, _, _ = built_site
    glossary = soup_of(out, "/glossary/")
    local_offer = glossary.find("dt", id="term-local-offer")
    assert local_offer and "published guide" in local_offer.find_next("dd").get_text()
    ehcp = glossary.find("dt", id="term-ehcp")
    assert "What it means: A legal document" in ehcp.find_next("dd", class_="glossary__meaning").get_text()
    minutes = soup_of(out, "/meetings/children-and-families/2022-06-07/minutes/")
    links = minutes.select("main a.term")
    assert links and links[0]["href"].endswith("glossary/#term-local-offer")
    assert len([a for a in links if a["href"].endswith("#term-local-offer")]) == 1  # the first use only
    send = soup_of(out, "/meetings/children-and-families/2022-09-06/item-8/")
    first = send.select_one("main abbr")
    expansion = first.find_next_sibling("span", class_="expansion")
    assert expansion and expansion.get_text() == f" ({first['title']})" and expansion.has_attr("data-pagefind-ignore")


def test_what_search_leaves_out_is_marked_ignored_on_every_indexed_page(built_site):
    """"Mentioned in" lists, the links to other meetings, where a meeting's minutes are and whether an action
    was answered change as papers are added: they are not the page's own words, and are not indexed (so an older page whose only change is there keeps its search
    part, `search.index.page_digest`)."""
    out, _, _ = built_site
    mentions = pagers = statuses = 0
    for page in sorted(out.rglob("index.html")):
        body = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(attrs={"data-pagefind-body": True})
        if body is None:
            continue
        for heading in body.find_all("h2", id="page-mentions"):
            mentions += 1
            assert heading.find_parent(attrs={"data-pagefind-ignore": True}), page
        for pager in body.find_all("nav", class_="pager"):
            pagers += 1
            assert pager.has_attr("data-pagefind-ignore"), page
        meeting_page = len(page.relative_to(out).parts) == 4  # meetings/<committee>/<date>/index.html
        for status in (p for p in body.find_all("p") if re.match(r"(?:Status: |The minutes of this meeting|Minutes "
                                                                  r"of the meeting of)", p.get_text())) if meeting_page else ():
            statuses += 1
            assert status.has_attr("data-pagefind-ignore") or status.find_parent(attrs={"data-pagefind-ignore": True}), \
                (page, status)
    assert mentions and pagers and statuses
