"""Cross-links, follow-ups, questions, glossary, topics and members, on the samples."""
from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import CONTENT, build_site, make_content

SAMPLE_2022 = CONTENT / "children-and-families" / "001_904572338a83fb72.txt"


def page(out: Path, url: str) -> BeautifulSoup:
    soup = BeautifulSoup((out / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    for a in soup.find_all("a", href=True):  # where each link leads, from the site root
        a["data-to"] = posixpath.normpath(posixpath.join(url, a["href"].split("#")[0])) + "/"
    return soup


def links_to(soup, url_end: str) -> list:
    """Links in the main content (or in `soup`, a part of it) that lead to a path ending `url_end`."""
    where = soup.find("main") or soup
    return [a for a in where.find_all("a", href=True) if a["data-to"].replace("//", "/").endswith(url_end)]


def test_every_link_and_anchor_of_the_built_site_exists(built_site):
    out, _, _ = built_site
    ids: dict[Path, set[str]] = {}
    pages = sorted(out.rglob("*.html"))
    for path in pages:
        ids[path] = {tag["id"] for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
    broken, checked = [], 0
    for path in pages:
        if path.name == "404.html":
            continue  # its links start from the site root, checked through the pages they lead to
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = element[attribute]
                if re.match(r"^(?:https?:|mailto:|tel:|data:)", href):
                    continue
                checked += 1
                target, _, fragment = href.partition("#")
                target = target.partition("?")[0]  # a query string asks the same page
                resolved = path if not target else Path(posixpath.normpath(str(path.parent / target)))
                if resolved.is_dir() or target.endswith("/"):
                    resolved = resolved / "index.html"
                if not resolved.exists():
                    broken.append(f"{path.relative_to(out)}: {href} (no such file)")
                elif fragment and fragment not in ids.get(resolved, set()):
                    broken.append(f"{path.relative_to(out)}: {href} (no such anchor)")
    assert checked > 2000
    assert not broken, "\n".join(broken[:20])


def test_minutes_link_to_the_meeting_they_record_and_the_meeting_that_confirmed_them(built_site):
    out, _, _ = built_site
    minutes = page(out, "/meetings/children-and-families/2021-09-07/minutes/")
    assert links_to(minutes, "/2021-09-07/") and links_to(minutes, "/2021-11-02/")
    confirming = page(out, "/meetings/children-and-families/2021-11-02/")
    assert links_to(confirming, "/2021-09-07/minutes/")


def test_dated_mentions_of_meetings_link_when_the_meeting_is_in_the_archive(built_site):
    out, _, _ = built_site
    minutes = page(out, "/meetings/children-and-families/2021-09-07/minutes/")
    next_meeting = next(a for a in links_to(minutes, "/2021-11-02/") if a.get_text() == "2 November 2021")
    assert "next meeting" in next_meeting.parent.get_text()
    june = page(out, "/meetings/children-and-families/2022-06-07/minutes/")
    taken_as_read = june.find(string=re.compile("meeting held on 8 March 2022"))
    assert taken_as_read and taken_as_read.parent.name == "p"  # 8 March 2022 is not in the archive: plain text


def test_body_text_naming_an_earlier_meeting_links_to_it_and_to_the_report(built_site):
    out, _, _ = built_site
    report = page(out, "/meetings/children-and-families/2022-09-06/item-8/")
    para = report.find(id="para-6").find_parent("p")
    hrefs = {a.get_text(): a["href"] for a in para.find_all("a") if not a.get("class")}
    assert hrefs["2 November 2021"] == "../../2021-11-02/"
    assert hrefs["report"] == "../../2021-11-02/item-10/"  # Written Statement of Action and High Needs Block
    earlier = page(out, "/meetings/children-and-families/2021-11-02/item-10/")
    assert links_to(earlier.find(id="page-mentions").find_next("ul"), "/2022-09-06/item-8/")


def test_background_papers_of_meetings_not_in_the_archive_stay_plain(built_site):
    out, _, _ = built_site
    para = page(out, "/meetings/children-and-families/2022-09-06/item-9/").find(id="para-27").find_parent("p")
    assert "18 November 2020" in para.get_text() and not [a for a in para.find_all("a") if "2020" in a.get_text()]


def test_mentions_of_a_standalone_document_link_to_it(built_site):
    out, _, _ = built_site
    report = page(out, "/meetings/children-and-families/2021-11-02/item-13/")
    links = links_to(report, "/documents/permanence-and-adoption-strategy-2018-2021/")
    assert links and links[0].get_text() == "Permanence and Adoption Strategy"
    strategy = page(out, "/documents/permanence-and-adoption-strategy-2018-2021/")
    assert links_to(strategy.find(id="page-mentions").find_next("ul"), "/2021-11-02/item-13/")


def test_report_marked_agenda_item_links_to_the_item_of_the_meeting_the_minutes_record(tmp_path):
    """A pack for 7 June 2022 as well: the June minutes' 'Agenda Item 10' is June's item 10, not September's."""
    text = SAMPLE_2022.read_text(encoding="utf-8")
    june = "\n".join(line for line in text.split("\n"))
    june = june.replace("6 September 2022", "7 June 2022").replace("6 SEPTEMBER 2022", "7 JUNE 2022")
    start = june.index("Minutes of a meeting")
    end = june.index("**CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY")
    june = june[:start] + june[end:]  # June's own pack carries no minutes here
    june = june.replace("Minutes of the meeting held on 7 June 2022", "Minutes of the meeting held on 8 March 2022")
    content = make_content(tmp_path, {"september.txt": SAMPLE_2022, "june.txt": june})
    result, log = build_site(content, tmp_path / "_site")
    minutes = page(tmp_path / "_site", "/meetings/children-and-families/2022-06-07/minutes/")
    ref = minutes.find("a", string=re.compile("Agenda Item 10"))
    assert ref["href"] == "../item-10/"
    archive = json.loads((tmp_path / "_site/data/archive.json").read_text())
    assert {"from": "children-and-families/2022-06-07/minutes", "to": "children-and-families/2022-06-07/item-10",
            "url": "/meetings/children-and-families/2022-06-07/item-10/", "kind": "report-reference"} in archive["links"]


def test_a_report_reference_to_a_meeting_with_no_agenda_stays_plain(built_site):
    out, _, _ = built_site
    minutes = page(out, "/meetings/children-and-families/2021-09-07/minutes/")
    assert minutes.find(string=re.compile("report marked 'Agenda Item 9'"))
    assert not minutes.find("a", string=re.compile("Agenda Item"))


def test_follow_ups_with_their_status(built_site):
    out, _, _ = built_site
    actions = page(out, "/actions/")
    text = " ".join(actions.get_text().split())
    assert "Status: answered by SEND and Inclusion, at the meeting of 6 September 2022" in text
    neet = actions.find(string=re.compile("Not in Education, Employment or Training")).find_parent("div")
    assert "no later report found yet" in neet.get_text()
    assert links_to(actions, "/2022-09-06/item-8/")
    june = page(out, "/meetings/children-and-families/2022-06-07/")
    assert "Actions from this meeting" in june.get_text() and links_to(june, "/2022-09-06/item-8/")


def test_questions_page_lists_every_question_newest_first_with_permalinks(built_site):
    out, _, _ = built_site
    questions = page(out, "/questions/")
    articles = questions.find_all("article", class_="question")
    assert [a["id"] for a in articles] == ["question-2022-06-07-2", "question-2022-06-07-1",
                                           "question-2021-09-07-1", "question-2021-01-19-2",
                                           "question-2021-01-19-1", "question-2016-01-18-1"]
    difficult_fonts = articles[4].get_text(" ", strip=True)  # the question this site answers
    assert "Mrs Sue Whiting" in difficult_fonts and "difficult fonts" in difficult_fonts
    first = articles[1].get_text(" ", strip=True)
    assert "Mrs Sue Whiting" in first and "Local Offer Roadshows" in first and "Reply by the Chairman" in first
    assert "Supplementary question and answer" in first
    assert "Member's question from Mr Max Hunt CC" in articles[0].get_text()
    send = page(out, "/topics/send-and-local-offer/")
    assert links_to(send, "/questions/") and "Question from Mrs Sue Whiting, 7 June 2022" in send.get_text()


def test_glossary_from_the_papers_and_the_settings(built_site):
    out, _, _ = built_site
    glossary = page(out, "/glossary/")
    terms = {dt.get_text(strip=True): dt.find_next("dd") for dt in glossary.find_all("dt")}
    assert terms["EHCP"].get_text(" ", strip=True).startswith("Education, Health and Care Plan")
    assert terms["NEET"].get_text(" ", strip=True).startswith("Not in Education, Employment or Training")
    assert terms["MTFS"].get_text(" ", strip=True).startswith("Medium Term Financial Strategy")  # from site_config
    assert links_to(terms["EHCP"], "/2022-09-06/item-8/")


def test_an_acronym_with_two_meanings_is_marked_as_each_paper_spells_it_out(built_site):
    # SCP: "The Council's Strategic Change Portfolio (SCP)" in the November 2021 pack, and "Leicestershire &
    # Rutland Safeguarding Children Partnership (SCP)" in the September 2022 pack.
    out, _, _ = built_site

    def title_of_scp(url: str) -> str:
        return next(a["title"] for a in page(out, url).find_all("abbr") if a.get_text() == "SCP")

    # The report spells the portfolio out but never writes SCP: it is found by SCP, in its hidden search terms,
    # which are not marked (no one reads them).
    terms = page(out, "/meetings/children-and-families/2021-11-02/item-8/").find("p", attrs={"data-search-terms": True})
    assert "SCP" in terms.get_text().split(", ") and terms.find("abbr") is None
    assert title_of_scp("/meetings/children-and-families/2021-11-02/item-8/appendix-1/") == "Strategic Change Portfolio"
    assert title_of_scp("/meetings/children-and-families/2022-09-06/item-11/") == "Safeguarding Children Partnership"
    glossary = page(out, "/glossary/")
    scp = glossary.find("dt", id="term-scp")
    meanings = []
    for sibling in scp.find_next_siblings():
        if sibling.name != "dd":
            break
        meanings.append((next(sibling.stripped_strings), [a["href"] for a in sibling.find_all("a")]))
    # The archive's meaning first: the oldest paper's (issue 16: it does not tip as packs are added).
    assert [m for m, _ in meanings] == ["Strategic Change Portfolio", "Safeguarding Children Partnership"]
    assert [href.split("/meetings/")[1] for href in meanings[0][1]] == ["children-and-families/2021-11-02/item-8/appendix-1/"]
    assert "children-and-families/2022-09-06/item-11/" in [href.split("/meetings/")[1] for href in meanings[1][1]]


def test_topics_cover_reports_minutes_and_questions_with_a_feed(built_site):
    out, _, _ = built_site
    send = page(out, "/topics/send-and-local-offer/")
    papers = [a["href"] for a in send.find("h2", string="Papers").find_next("ul").find_all("a")]
    assert papers[0] == "../../meetings/children-and-families/2022-09-06/item-8/"  # newest first
    assert send.find("h2", string="In the minutes")
    feed = ElementTree.parse(out / "topics/send-and-local-offer/feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert feed.tag == f"{atom}feed" and len(entries) == len(papers)
    assert entries[0].find(f"{atom}link").get("href").endswith("/2022-09-06/item-8/")


def test_member_pages_list_meetings_attended_and_questions_asked(built_site):
    out, _, _ = built_site
    fryer = page(out, "/members/fryer-h/")
    assert fryer.h1.get_text() == "Mrs. H. J. Fryer CC"
    attended = fryer.find("h2", string="Meetings attended").find_next("ul").find_all("li")
    assert len(attended) == 3  # the minutes of 19 January 2021, 7 September 2021 and 7 June 2022 list her
    hunt = page(out, "/members/hunt-m/")
    assert "Member's question from Mr Max Hunt CC, 7 June 2022" in hunt.get_text()


def test_open_data_carries_links_follow_ups_questions_glossary_and_topics(built_site):
    out, _, _ = built_site
    archive = json.loads((out / "data/archive.json").read_text())
    assert {"from": "children-and-families/2022-09-06/item-8", "to": "children-and-families/2021-11-02/item-10",
            "url": "/meetings/children-and-families/2021-11-02/item-10/", "kind": "report"} in archive["links"]
    send = next(f for f in archive["follow_ups"] if f["subject"] == "SEND")
    assert send["status"] == "answered" and send["answered_by"] == "children-and-families/2022-09-06/item-8"
    assert len(archive["questions"]) == 6 and archive["glossary"]["EHCP"] == "Education, Health and Care Plan"
    report = next(d for d in archive["documents"] if d["id"] == "children-and-families/2022-09-06/item-8")
    assert "send-and-local-offer" in report["topics"]
    ids = {d["id"] for d in archive["documents"]} | {m["id"] for m in archive["meetings"]}
    assert all(link["from"] in ids and link["to"] in ids for link in archive["links"])


def test_a_follow_up_is_answered_by_the_first_later_report_whose_title_covers_it(tmp_path):
    """Sought among the reports that share a word with the subject (`followups._ReportsInOrder`), the answer is
    the one the rule names: of every report of the committee's later meetings, in order, the first whose
    title (or its agenda item's) has half the subject's words."""
    import sys
    from conftest import ROOT
    from papersite.connect import followups
    from papersite.messages import Log
    from papersite.pipeline import Paths, build
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import synthesise
    content, config = synthesise(tmp_path / "archive", 40, "committee")
    archive = build(Paths(content, tmp_path / "_site", config, ROOT / "templates", ROOT / "assets"), Log(),
                    search=False).archive

    def by_the_rule(minutes_meeting, subject):
        asked = archive.meeting(minutes_meeting)
        wanted = {w for w in followups.words(subject) if w not in followups.VAGUE_WORDS} or followups.words(subject)
        for meeting in sorted(archive.meetings, key=lambda m: m.date):
            if meeting.committee != asked.committee or meeting.date <= asked.date or not wanted:
                continue
            for doc_id in meeting.documents:
                doc = archive.document(doc_id)
                titled = followups.words(doc.title) | followups.words(followups._agenda_title(meeting, doc))
                if doc.kind == "report" and len(wanted & titled) >= max(1, round(0.5 * len(wanted))):
                    return doc_id
        return None
    found = archive.follow_ups
    assert len(found) > 20 and 0 < sum(f.answered_by is not None for f in found) < len(found)
    assert [f.answered_by for f in found] == [by_the_rule(f.meeting, f.subject) for f in found]
    reports = followups._ReportsInOrder(archive)
    subjects = {f.subject for f in found} | {"Young People who are Not in Education", "the budget", "SEND"}
    with_reports = [m for m in archive.meetings if any(archive.document(d).kind == "report" for d in m.documents)]
    # A committee whose reports' titles are all common words ("Report") has none to match, and no answer
    from types import SimpleNamespace as Record
    plain = Record(committee="plain", date=with_reports[0].date, documents=("plain/report",), agenda=())
    only = Record(meetings=(plain,), document=lambda doc_id: Record(kind="report", title="Report"))
    asking = Record(committee="plain", date=plain.date.replace(year=plain.date.year - 1))
    assert followups._ReportsInOrder(only).answer(asking, "the budget") is None
    for meeting in [*archive.meetings[::7], *with_reports[::5]]:
        # its own reports' titles too: a report of the meeting that asked does not answer it
        own = {archive.document(d).title for d in meeting.documents if archive.document(d).kind == "report"}
        for subject in subjects | own:
            assert reports.answer(meeting, subject) == by_the_rule(meeting.id, subject), (meeting.id, subject)
