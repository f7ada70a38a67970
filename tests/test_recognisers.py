"""Small recognisers fed inline text: each test names the shape of input it covers."""
from __future__ import annotations

from datetime import date

import pytest
from markupsafe import escape

from papersite.read.dates import find_date, find_time
from papersite.read.agenda import parse_agenda
from papersite.read.frontsheet import parse_front_sheet
from papersite.connect.glossary import build_glossary, glossary_for
from papersite.read.matching import match_reports
from papersite.read.minutes import parse_minutes
from papersite.assemble.blocks import Block
from papersite.model import AgendaItem, Archive, Document
from papersite.read.reports import parse_heading, split_report
from papersite.read.sources import Unreadable, decode
from papersite.read.appendices import name_appendices, split_appendices
from papersite.read.outline import find_outline
from papersite.connect.synonyms import WeightedTerms
from papersite.render.marking import PageMarking
from papersite.read.text import clean, debris_kind


def paras_of(text: str):
    return clean(tuple(text.split("\n"))).paras


# --- reading bytes -------------------------------------------------------------------------------------------

def test_decode_utf8_with_and_without_bom():
    assert decode("Café".encode("utf-8")) == ("Café", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "Café".encode("utf-8")) == ("Café", "utf-8-sig")


def test_decode_windows_1252():
    text, encoding = decode("Children’s “services” – £5".encode("cp1252"))
    assert text == "Children’s “services” – £5" and encoding == "windows-1252"


@pytest.mark.parametrize("data, says", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"PK\x03\x04\x00\x00\x08\x00binary", "binary"),
    (b"ok text then \x81\x8d undefined in cp1252 and not utf-8", "neither UTF-8 nor Windows-1252"),
])
def test_decode_refuses_what_is_not_text(data, says):
    with pytest.raises(Unreadable) as problem:
        decode(data)
    assert says in problem.value.args[0]
    assert problem.value.args[1]  # always says what to do


# --- debris and paragraphs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, kind", [
    ("This page is intentionally left blank", "blank-page notice"),
    ("  12 ", "page number"),
    ("Page 4 of 25", "page number"),
    ("16.", None),
    ("2022", None),
    ("Minutes", None),
])
def test_debris_kinds(line, kind):
    assert debris_kind(line, ()) == kind


def test_paragraph_broken_by_page_break_is_rejoined():
    paras = paras_of("6. Declarations of the Party Whip in accordance\n\n\n\nwith Overview and Scrutiny Procedure Rule 16.")
    assert [p.plain for p in paras] == ["6. Declarations of the Party Whip in accordance with Overview and Scrutiny Procedure Rule 16."]
    assert paras[0].lines == (1, 5)


def test_page_number_between_halves_is_debris_and_halves_join():
    cleaned = clean(("The Committee considered the detailed and long report of the", "", "7", "", "Director on placements.",))
    assert [p.plain for p in cleaned.paras] == [
        "The Committee considered the detailed and long report of the Director on placements."]
    assert cleaned.debris == {3: "page number"}


def test_numbered_paragraph_after_a_page_number_is_not_joined_to_the_line_before():
    cleaned = clean(("Help children and their families build strength, resilience, confidence,", "and capacity", "",
                     "28", "", "19. During Quarter 1 2022/23, the service worked with 3,812 individuals."))
    assert [p.plain[:3] for p in cleaned.paras][-1] == "19."


def test_heading_before_a_page_number_is_not_joined_to_what_follows():
    cleaned = clean(("Policy Framework and Previous Decisions", "", "7", "", "The Council agreed the plan."))
    assert len(cleaned.paras) == 2


def test_nothing_is_joined_across_a_blank_page_notice():
    cleaned = clean(("https://www.example.org/a/very/long/address/of/a/footnote/that/ends/in.pdf", "",
                     "This page is intentionally left blank", "", "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY"))
    assert len(cleaned.paras) == 2


def test_a_line_repeated_beside_every_page_number_is_a_footer():
    page = ["Some text of the report that runs on.", "", "Commissioning Strategy 2015-19 v3.0", "{n}", ""]
    lines = tuple(line.format(n=n) for n in range(3, 8) for line in page)
    cleaned = clean(lines)
    assert sorted(set(cleaned.debris.values())) == ["page number", "repeated footer"]
    assert all("v3.0" not in p.text for p in cleaned.paras)


def test_hard_wrapped_text_is_unwrapped_but_short_lines_stay_apart():
    wrapped = ("The purpose of this report is to provide the Committee with an overview of  ",
               "the work and progress of the Child Criminal Exploitation Hub and of the   ",
               "partnership arrangements that support it across the county.",
               "",
               "Jane Moore",
               "Tel: 0116 305 2649") * 8
    cleaned = clean(wrapped)
    assert cleaned.wrap_width > 0
    assert cleaned.paras[0].plain.startswith("The purpose of this report")
    assert cleaned.paras[0].plain.endswith("across the county.")
    assert [p.plain for p in cleaned.paras[1:3]] == ["Jane Moore", "Tel: 0116 305 2649"]


def test_wrapped_numbers_and_lone_paragraph_numbers_in_hard_wrapped_text():
    filler = ("Some other text of the report, long enough to fill most of a seventy-eight column line.", "")
    wrapped = filler * 20 + (
        "10. The percentage of children becoming subject to a plan decreased at the end of Quarter",
        "1. In this period 37 children began a second or subsequent plan.",
        "11. The next paragraph.",
        "24.",
        "https://leics.sharepoint.com/sites/childrenandfamilyservices/SitePages/youth-and-justice.aspx",
    )
    texts = [p.plain for p in clean(wrapped).paras][20:]
    assert texts == ["10. The percentage of children becoming subject to a plan decreased at the end of Quarter "
                     "1. In this period 37 children began a second or subsequent plan.",
                     "11. The next paragraph.",
                     "24. https://leics.sharepoint.com/sites/childrenandfamilyservices/SitePages/youth-and-justice.aspx"]


def test_markdown_style_text_is_not_unwrapped():
    text = tuple(["Mr. M. Frisby CC", "Mrs. H. J. Fryer CC", "A" * 300] * 10)
    assert clean(text).wrap_width == 0


# --- front sheet ---------------------------------------------------------------------------------------------

FRONT = """Meeting: **Children and Families Overview and Scrutiny Committee**

Date/Time: **Tuesday, 2 November 2021 at 2.00 pm**

Location: **Sparkenhoe Committee Room, County Hall, Glenfield**

Contact: **Gemma Duckworth (0116 3052583)**

Email: **gemma.duckworth@leics.gov.uk**

Membership

Mrs. H. J. Fryer CC (Chairman)

Mr. M. Frisby CC\tMr. N. Lockyer
Mr. J. Kaufman CC Mr. A. M. Kershaw CC

AGENDA

<u>Item</u>\t<u>Report by</u>
1. Minutes of the meeting held on 7 September 2021.\t(Pages 5 - 12)
- 2. Question Time.
6. Declarations of the Party Whip in accordance with Overview and Scrutiny Procedure Rule



16.

- | | | |
|--|--|-------------------|
| 8. Engagement of the Council's Strategic Plan. | Chief Executive | (Pages 13 - 66) |
9. SEND and Inclusion. Director of Children and Family Services (Pages 67 - 74)
10.\tCommissioning Intentions.\tDirector of Children and Family Services\t(Pages 75 - 82)
11. Leicestershire's Response to Child Sexual Exploitation

(Pages 83 - 88)

15. Date of next meeting.

Future meetings of the Committee will be held at 2.00pm on the following dates:

25 January 2022
8 March 2022."""


def test_front_sheet_fields_and_membership():
    sheet = parse_front_sheet(paras_of(FRONT))
    assert sheet.committee == "Children and Families Overview and Scrutiny Committee"
    assert sheet.date == date(2021, 11, 2) and sheet.time == "14:00"
    assert sheet.location == "Sparkenhoe Committee Room, County Hall, Glenfield"
    assert (sheet.contact.name, sheet.contact.phone, sheet.contact.email) == \
        ("Gemma Duckworth", "0116 3052583", "gemma.duckworth@leics.gov.uk")
    assert [(p.name, p.role) for p in sheet.membership] == [
        ("Mrs. H. J. Fryer CC", "Chairman"), ("Mr. M. Frisby CC", None), ("Mr. N. Lockyer", None),
        ("Mr. J. Kaufman CC", None), ("Mr. A. M. Kershaw CC", None)]
    assert sheet.future_dates == (date(2022, 1, 25), date(2022, 3, 8))
    assert sheet.confirms_minutes_of == date(2021, 9, 7)


def test_agenda_in_every_layout():
    agenda = {item.number: item for item in parse_front_sheet(paras_of(FRONT)).agenda}
    assert sorted(agenda) == [1, 2, 6, 8, 9, 10, 11, 15]
    assert (agenda[1].title, agenda[1].pages) == ("Minutes of the meeting held on 7 September 2021", (5, 12))
    assert agenda[2].title == "Question Time"  # bulleted
    assert agenda[6].title == "Declarations of the Party Whip in accordance with Overview and Scrutiny Procedure Rule 16"
    assert (agenda[8].title, agenda[8].report_by, agenda[8].pages) == \
        ("Engagement of the Council's Strategic Plan", "Chief Executive", (13, 66))  # pipe table, junk header
    assert (agenda[9].title, agenda[9].report_by, agenda[9].pages) == \
        ("SEND and Inclusion", "Director of Children and Family Services", (67, 74))  # run together
    assert (agenda[10].title, agenda[10].report_by) == ("Commissioning Intentions", "Director of Children and Family Services")
    assert agenda[11].pages == (83, 88)  # pages on the line below
    assert agenda[15].report_by is None and agenda[15].pages is None


# --- minutes -------------------------------------------------------------------------------------------------

MINUTES = """Minutes of a meeting of the Children and Families Overview and Scrutiny Committee held at County Hall, Glenfield on Tuesday, 7 June 2022.

PRESENT

Mr. M. Frisby CC
Mrs. H. J. Fryer CC (in the Chair)

In Attendance.

Mrs. D. Taylor CC – Lead Member for Children and Families

4. Question Time.

Question asked by Mrs Sue Whiting:

“Could the Chair please state what plans are being made for the Local Offer Roadshows?”

Reply by the Chairman

The Department are developing a draft plan.

Supplementary question

“Which two focus groups were held?”

The Director responded that both were open to all parents.

5. Questions asked by members under Standing Order 7(3) and 7(5).

Question asked by Mr Max Hunt CC

1. Is the County Council in support of the Review?
2. Was the County Council invited to give evidence?

Reply by the Chairman:

1. The department welcomes the publication of the review.
5. In Leicestershire the department has done a projection.
6. Quarter 4 2021/22 Performance Report.

A copy of the report marked 'Agenda Item 10' is filed with these minutes.

RESOLVED:

- a) That the report be noted;
- b) That a report on SEND be presented to the next meeting.

2.00 - 3.24 pm
07 June 2022

CHAIRMAN"""


def test_minutes_header_people_and_items():
    minutes, spans = parse_minutes(paras_of(MINUTES))
    assert minutes.date == date(2022, 6, 7) and minutes.place == "County Hall, Glenfield"
    assert minutes.committee == "Children and Families Overview and Scrutiny Committee"
    assert minutes.chair == "Mrs. H. J. Fryer CC" and minutes.time == "14:00"
    assert [p.name for p in minutes.present] == ["Mr. M. Frisby CC", "Mrs. H. J. Fryer CC"]
    assert minutes.in_attendance[0].role == "Lead Member for Children and Families"
    # Numbered questions and replies inside item 5 are not minute items.
    assert [(i.number, i.title) for i in minutes.items] == [
        (4, "Question Time"), (5, "Questions asked by members under Standing Order 7(3) and 7(5)"),
        (6, "Quarter 4 2021/22 Performance Report")]


def test_minutes_resolutions_and_report_reference():
    item = parse_minutes(paras_of(MINUTES))[0].items[2]
    assert item.resolutions == ("That the report be noted;", "That a report on SEND be presented to the next meeting.")
    assert item.report_ref == 10


def test_public_question_asker_question_reply_supplementary():
    question = parse_minutes(paras_of(MINUTES))[0].items[0].questions[0]
    assert question.asker == "Mrs Sue Whiting"
    assert "Local Offer Roadshows" in question.question
    assert question.replier == "the Chairman" and question.reply == "The Department are developing a draft plan."
    assert "focus groups" in question.supplementary and "open to all parents" in question.supplementary


# --- reports -------------------------------------------------------------------------------------------------

REPORT = """**CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY
COMMITTEE – 2 NOVEMBER 2021**

QUARTER 2 2021/22 PERFORMANCE REPORT

**JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR
OF CHILDREN AND FAMILY SERVICES**

Purpose of the Report

1. The purpose of this report is to present performance.

Officer to Contact

Alex Lea – Senior Research and Insight Manager

Tel: 0116 305 6803

List of Appendices

Appendix A – Performance Dashboard, Quarter 2

Appendix B – Benchmarks

Equalities and Human Rights Implications

36. Addressing equalities issues is supported by this report.

Children and Families Performance 2021/22 Quarter 2

Measure\tQ1\tQ2
Re-referrals\t19%\t20%"""


def outline_of(text: str):
    cleaned = clean(tuple(text.split("\n")))
    blank_after = {p.last for p, q in zip(cleaned.paras, cleaned.paras[1:])
                   if any(cleaned.debris.get(n) == "blank-page notice" for n in range(p.last + 1, q.first))}
    return cleaned, find_outline(cleaned.paras, cleaned.pages, blank_after), blank_after


def test_report_heading_split_over_lines():
    cleaned, outline, _ = outline_of(REPORT)
    assert [p.kind for p in outline.parts] == ["report", "appendix"]
    report = outline.parts[0]
    committee, when, title, report_of = parse_heading(cleaned.paras[:report.heading])
    assert committee == "CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE"
    assert when == date(2021, 11, 2)
    assert title == "QUARTER 2 2021/22 PERFORMANCE REPORT"
    assert report_of == "Chief Executive and Director of Children and Family Services"


def test_unlabelled_appendix_after_contacts_and_listed_but_missing_one():
    cleaned, outline, _ = outline_of(REPORT)
    body, rest, report = split_report(cleaned.paras[outline.parts[0].heading:], set())
    assert body[-1].plain.startswith("36. Addressing")  # a numbered section after the contacts is still the report
    found, missing = name_appendices(split_appendices(rest, report.listed_appendices, set(), frozenset()),
                                     report.listed_appendices)
    assert [(a.label, a.paras[0].plain) for a in found] == [("A", "Children and Families Performance 2021/22 Quarter 2")]
    assert [(a.label, a.title) for a in report.listed_appendices] == [("A", "Performance Dashboard, Quarter 2"),
                                                                      ("B", "Benchmarks")]
    assert [a.label for a in missing] == ["B"]
    assert report.contacts[0].name == "Alex Lea" and report.contacts[0].phone == "0116 305 6803"


def test_bare_label_starts_an_appendix_and_blank_page_separates_the_next():
    text = REPORT.split("Children and Families Performance")[0] + "Appendix B\n\nAppendix B – Benchmarks\n\nText.\n\nThis page is intentionally left blank\n\nMore text"
    cleaned, outline, blank_after = outline_of(text)
    _, rest, report = split_report(cleaned.paras[outline.parts[0].heading:], blank_after)
    found, _ = name_appendices(split_appendices(rest, report.listed_appendices, blank_after, frozenset()),
                               report.listed_appendices)
    assert [(a.label, a.title) for a in found] == [("B", "Benchmarks"), (None, "More text")]


def test_one_agenda_item_with_two_reports_and_differing_titles():
    agenda = (AgendaItem(2, "Question Time", None, None, 1),
              AgendaItem(10, "Fostering and Adoption Quarterly Performance Report", "Director", (65, 78), 2),
              AgendaItem(11, "Leicestershire's Response to Child Sexual Exploitation", "Director", (79, 82), 3))
    matched = match_reports(agenda, [
        "LEICESTERSHIRE FOSTERING AGENCY QUALITY ASSURANCE AND PERFORMANCE REPORT",
        "LEICESTERSHIRE AND RUTLAND ADOPTION AGENCY QUALITY ASSURANCE AND PERFORMANCE REPORT",
        "LEICESTERSHIRE COUNTY COUNCIL'S RESPONSE TO CHILD SEXUAL EXPLOITATION"])
    assert [m.number for m in matched] == [10, 10, 11]


# --- dates ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Tuesday, 2 November 2021 at 2.00 pm", date(2021, 11, 2)),
    ("COMMITTEE – 2\nNOVEMBER 2021", date(2021, 11, 2)),
    ("07 September 2021", date(2021, 9, 7)),
    ("on the 28th February 2018", date(2018, 2, 28)),
    ("31 February 2021", None),
])
def test_dates(text, when):
    assert find_date(text) == when


def test_times():
    assert find_time("Monday, 4 April 2016 at 1.30 pm") == "13:30"
    assert find_time("at 10:00 am") == "10:00"
    assert find_time("no time here") is None


# --- links ---------------------------------------------------------------------------------------------------

def test_links_that_went_nowhere_or_into_the_private_network_become_text():
    from papersite.render.filters import inline
    html = inline("A [survey](#) and [the site](https://www.leicestershire.gov.uk/) and [intranet](http://10.2.3.4/x) "
                  "and <http://192.168.1.20/report> and <https://www.cfgs.org.uk/> and [empty]()")
    assert html.count("<a ") == 2
    assert 'href="https://www.leicestershire.gov.uk/"' in html and 'href="https://www.cfgs.org.uk/"' in html
    assert "survey" in html and "intranet" in html and "http://192.168.1.20/report" in html and "empty" in html


# --- topics --------------------------------------------------------------------------------------------------

def test_the_send_topic_does_not_fire_on_the_verb_send():
    from papersite.config import Topic
    from papersite.connect.topics import mentions
    send = Topic("send", "SEND", "", ("SEND", "EHCP", "special educational needs", "Local Offer"))
    assert mentions(send, "We will send the briefing and send it again; sending is fine.") == 0
    assert mentions(send, "The SEND team and the local offer for Special Educational Needs.") == 3


# --- marking terms as each text is made HTML (render.marking) -------------------------------------------------

def test_first_use_of_an_acronym_is_marked_in_running_text_only():
    marking = PageMarking({"SEND": "Special Educational Needs", "EHCP": "Education, Health and Care Plan"}, None, {}, None)
    assert marking.label("SEND review") == "SEND review"  # a link's words, a table's header cell: never annotated
    # The first use in running text, not inside a link nor a tag; the expansion shown beside it, as the page
    # does not spell it out, and not indexed again.
    assert marking.running('See <a href="/send/" title="SEND">SEND</a> and SEND again.') == (
        'See <a href="/send/" title="SEND">SEND</a> and '
        '<abbr title="Special Educational Needs" data-pagefind-index-attrs="title">SEND</abbr>'
        '<span class="expansion" data-pagefind-ignore> (Special Educational Needs)</span> again.')
    later = marking.running("SEND and the EHCP")  # the next text of the page: SEND is marked already
    assert later.startswith("SEND and the <abbr title=\"Education, Health and Care Plan\"") and later.count("<abbr") == 1
    spelt = PageMarking({"SEND": "Special Educational Needs"}, None, {}, None).running("Special Educational Needs (SEND)")
    assert spelt == 'Special Educational Needs (<abbr title="Special Educational Needs">SEND</abbr>)'


def test_an_expansion_is_spelt_out_further_down_in_what_the_page_is_made_from_or_with_an_apostrophe():
    glossary = {"SEND": "Special Educational Needs", "LSCB": "Local Safeguarding Children's Board"}
    made_from = "The SEND team.\n\nSpecial educational\nneeds are described below."
    assert PageMarking(glossary, None, {}, None, made_from).running("The SEND team.") == \
        'The <abbr title="Special Educational Needs">SEND</abbr> team.'
    # Shown escaped (&#39;): still the expansion, as the reader sees it. The expansion the marking itself shows
    # beside an acronym is not the page spelling out another.
    marking = PageMarking({**glossary, "SEN": "Special Educational"}, None, {}, None)
    assert "<span" not in marking.running(str(escape("The Local Safeguarding Children's Board (LSCB).")))
    assert marking.running("SEND, then SEN").count('<span class="expansion"') == 2


def test_terms_are_found_as_html_writes_them_and_nothing_the_marking_adds_is_marked_again():
    glossary = {"R&D": "Research and Development", "SENCO": "SEN Co-ordinator", "SEN": "Special Educational Needs"}
    weighted = WeightedTerms(glossary, [])
    marking = PageMarking(glossary, weighted, {"Children's Services": "The council's services."}, "../glossary/")
    # "&" as markdown-it and Jinja write it; an apostrophe as Jinja writes it ("&#39;").
    assert marking.running("The R&amp;D team.") == (
        'The <abbr title="Research and Development" data-pagefind-index-attrs="title"><span data-pagefind-weight="3">'
        'R&amp;D</span></abbr><span class="expansion" data-pagefind-ignore> (Research and Development)</span> team.')
    assert 'href="../glossary/#term-children-s-services">Children&#39;s Services</a>' in \
        marking.running(str(escape("Children's Services")))
    # SEN inside the expansion shown beside SENCO is the glossary's word, not the page's: not weighted nor marked,
    # so the words a later build looks at (`words`) are all that the page's marks depend on.
    assert marking.running("The SENCO.").endswith('<span class="expansion" data-pagefind-ignore> (SEN Co-ordinator)</span>.')
    assert marking.words() == {"The", "R&D", "R", "D", "Children", "Services", "SENCO"}


def test_the_hidden_acronyms_a_page_is_found_by_are_weighted_but_not_marked():
    # A page that spells out "Strategic Change Portfolio" is also found by SCP, in a hidden list (a label); the
    # archive's SCP may mean something else, so no expansion is shown or linked there.
    glossary = {"SCP": "Safeguarding Children Partnership"}
    marking = PageMarking(glossary, WeightedTerms(glossary, []), {"SCP": "What it means"}, "../glossary/")
    assert marking.label("SCP") == '<span data-pagefind-weight="3">SCP</span>'
    assert PageMarking(glossary, None, {}, None).label("SCP") == "SCP"  # a page that is not indexed


def test_weighted_terms_skip_tags_and_key_terms_link_their_first_use_outside_links():
    glossary = {"SEND": "Special Educational Needs", "EHCP": "Education, Health and Care Plan"}
    terms = WeightedTerms(glossary, ["local offer"])
    marking = PageMarking(glossary, terms, {"Local Offer": "The guide.", "EHCP": "A plan."}, "../glossary/")
    assert marking.running('<a class="SEND" href="/x/">The local\n offer</a> for SEND, with an EHCP and an EHCP.') == (
        '<a class="SEND" href="/x/">The <span data-pagefind-weight="3">local\n offer</span></a> for '
        '<abbr title="Special Educational Needs" data-pagefind-index-attrs="title"><span data-pagefind-weight="3">SEND</span></abbr>'
        '<span class="expansion" data-pagefind-ignore> (Special Educational Needs)</span>, with an '
        '<abbr title="Education, Health and Care Plan" data-pagefind-index-attrs="title"><span data-pagefind-weight="3">EHCP</span></abbr>'
        '<span class="expansion" data-pagefind-ignore> (Education, Health and Care Plan)</span> and an '
        '<a class="term" href="../glossary/#term-ehcp"><span data-pagefind-weight="3">EHCP</span></a>.')
    assert marking.running("The Local Offer, and the local offer.") == (
        'The <a class="term" href="../glossary/#term-local-offer"><span data-pagefind-weight="3">Local Offer</span></a>, '
        'and the <span data-pagefind-weight="3">local offer</span>.')
    assert marking.words() == {"SEND", "EHCP", "The", "Local", "Offer"}


def test_the_longest_acronym_is_marked_where_one_begins_another():
    glossary = {"SEN": "Special Educational Needs", "SENDCo": "Special Educational Needs Co-ordinator",
                "SEND": "Special Educational Needs and Disabilities"}
    marked = PageMarking(glossary, None, {}, None).running("The SENDCo, SEND and SEN; SENDS is not one.")
    assert [abbr.split(">")[1] for abbr in marked.split("<abbr")[1:]] == ["SENDCo</abbr", "SEND</abbr", "SEN</abbr"]
    assert marked.endswith("SENDS is not one.")


def _paper(doc_id: str, meeting: str | None, *texts: str, when: date | None = None) -> Document:
    return Document(id=doc_id, kind="report", title=doc_id, source="x.txt", first=1, last=1, meeting=meeting,
                    date=when, blocks=tuple(Block(kind="para", lines=(1,), text=text) for text in texts))


def test_each_meeting_and_paper_keeps_its_own_expansion_and_capitals_take_a_calm_spelling():
    later, earlier = date(2022, 1, 4), date(2021, 1, 5)
    archive = Archive(meetings=(), documents=(
        _paper("a/1", "a", "The Strategic Change Portfolio (SCP) and the Agency Decision Maker (ADM).", when=later),
        _paper("a/2", "a", "The SCP again.", when=later),
        _paper("b/1", "b", "The Safeguarding Children Partnership (SCP).", when=earlier),
        _paper("b/2", "b", "The Safeguarding Children Partnership (SCP) met. AGENCY DECISION MAKER (ADM)", when=earlier),
        _paper("c/1", "c", "Some SCP business.", when=later),
    ))
    glossary, own = build_glossary(archive, {"MTFS": "Medium Term Financial Strategy"})
    assert glossary["SCP"] == "Safeguarding Children Partnership"  # the oldest paper's
    assert glossary["ADM"] == "Agency Decision Maker" and own["b/2"]["ADM"] == "Agency Decision Maker"
    archive = Archive(meetings=(), documents=archive.documents, glossary=glossary, spelt_out=own)
    assert glossary_for(archive, "a", "a/2")["SCP"] == "Strategic Change Portfolio"  # from its meeting's papers
    assert glossary_for(archive, "c", "c/1")["SCP"] == "Safeguarding Children Partnership"  # the archive's
    assert list(glossary_for(archive, "a", "a/1")) == list(glossary)  # the same order: one pattern serves all


def test_the_archives_expansion_does_not_tip_as_newer_papers_use_another_more():
    """Issue 16: the most used spelling tipped as packs were added, changing pages in every year."""
    first = [_paper("a/1", "a", "The Local Safeguarding Children Board (LSCB).", when=date(2016, 4, 4))]
    newer = [_paper(f"n/{k}", "n", "The Local Safeguarding Children's Board (LSCB) and the Strategic Change "
                    "Portfolio (SCP).", when=date(2021, 1, k + 1)) for k in range(5)]
    glossary, _ = build_glossary(Archive(meetings=(), documents=tuple(first + newer)))
    assert glossary["LSCB"] == "Local Safeguarding Children Board"
    glossary, _ = build_glossary(Archive(meetings=(), documents=tuple(first + newer + [
        _paper("o/1", "o", "The Safeguarding Children Partnership (SCP).", when=date(2023, 1, 3))] * 3)))
    assert glossary["SCP"] == "Strategic Change Portfolio"  # the oldest meaning, however often another is used


# --- layouts other councils print ----------------------------------------------------------------------------

def test_times_without_minutes():
    assert find_time("Tuesday 4 March 2025 at 10am") == "10:00"
    assert find_time("starting at 2 pm") == "14:00"
    assert find_time("a maximum of 3 a month") is None


OTHER_MINUTES = """Minutes of the Children's Services Scrutiny Committee meeting held on Tuesday 4 March 2025 at 10am

Present: Councillor A Jones (Chair), Councillor B Smith and Councillor C Brown

1 Apologies for absence

There were none.

2 Declarations of interest

None were declared.

3 School Place Planning

The Committee considered a report on school places.

RESOLVED: That the report be noted."""


def test_minutes_named_before_meeting_with_numbers_without_full_stops():
    cleaned = clean(tuple(OTHER_MINUTES.split("\n")))
    minutes, _ = parse_minutes(cleaned.paras)
    assert minutes.date == date(2025, 3, 4) and minutes.committee == "Children's Services Scrutiny Committee"
    assert [(i.number, i.title) for i in minutes.items] == [
        (1, "Apologies for absence"), (2, "Declarations of interest"), (3, "School Place Planning")]
    assert minutes.items[2].resolutions == ("RESOLVED: That the report be noted.",)
    assert [p.name for p in minutes.present] == ["Councillor A Jones", "Councillor B Smith", "Councillor C Brown"]
    assert minutes.chair == "Councillor A Jones"


@pytest.mark.parametrize("line, number", [("5 | P a g e", 5), ("Page | 12", 12), ("- 7 -", 7), ("Page 3 of 9", 3)])
def test_page_numbers_as_word_processors_print_them(line, number):
    from papersite.read.pages import page_number
    assert debris_kind(line, ()) == "page number" and page_number(line) == number


def test_annexes_are_appendices():
    text = REPORT.replace("Appendix A – Performance Dashboard, Quarter 2", "Annex A – Performance Dashboard, Quarter 2") \
        .replace("Children and Families Performance 2021/22 Quarter 2", "Annex A\n\nChildren and Families Performance")
    cleaned, outline, blank_after = outline_of(text)
    _, rest, report = split_report(cleaned.paras[outline.parts[0].heading:], blank_after)
    found, _ = name_appendices(split_appendices(rest, report.listed_appendices, blank_after, frozenset()),
                               report.listed_appendices)
    assert [(a.label, a.title) for a in found] == [("A", "Performance Dashboard, Quarter 2")]


def test_agenda_table_with_numbers_without_full_stops():
    text = "AGENDA\n\n| Item | Subject | Pages |\n|---|---|---|\n| 1 | Apologies | |\n| 2 | Budget Monitoring | 5 - 12 |"
    items, _ = parse_agenda(paras_of(text))
    assert [(i.number, i.title) for i in items] == [(1, "Apologies"), (2, "Budget Monitoring")]
