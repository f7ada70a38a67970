"""Recognisers fed short excerpts of real packs, copied verbatim (form feeds kept as "\\f", leading and trailing
spaces and blank lines as printed), each checked against the pack's hand-checked truth (tests/corpus/kent/
truth_k0N.json, tests/corpus/leicestershire/truth_003.json). Line numbers in comments are the pack's, 1-based
as grep -n prints them; `local(pack_line, first)` turns one into the excerpt's own line number.

Titles are compared as the truth files say: case, whitespace and trailing punctuation aside (`norm`).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from papersite.read.agenda import parse_agenda
from papersite.read.frontsheet import parse_front_sheet
from papersite.read.headings import block_heading_size, report_heading_size, table_fields, table_heading_size
from papersite.read.minutes import parse_minutes, resolutions
from papersite.read.outline import find_outline
from papersite.read.pages import form_feed_starts, lone_space_starts
from papersite.read.reports import parse_heading
from papersite.read.text import clean

ROOT = Path(__file__).resolve().parent.parent


def paras_of(text: str):
    return clean(tuple(text.split("\n"))).paras


def local(pack_line: int, first: int) -> int:
    """The excerpt's line number of `pack_line`, for an excerpt that starts at the pack's line `first`."""
    return pack_line - first + 1


def norm(text: str | None) -> str:
    """As the truth files compare titles: case, whitespace and trailing punctuation aside."""
    return " ".join((text or "").split()).rstrip(" .:;,").lower()


def resolved(text: str) -> str:
    """A resolution as the truth files record it: what was resolved, without the paragraph number and the word
    RESOLVED before it ("1. RESOLVED that Mr P Bartlett …" -> "that Mr P Bartlett …")."""
    return norm(re.sub(r"^\s*(?:\(?\d{1,3}[.)]\s*)?RESOLVED\b\s*[:–-]?\s*", "", text))


def outline_of(text: str):
    cleaned = clean(tuple(text.split("\n")))
    blank_after = {p.last for p, q in zip(cleaned.paras, cleaned.paras[1:])
                   if any(cleaned.debris.get(n) == "blank-page notice" for n in range(p.last + 1, q.first))}
    return cleaned, find_outline(cleaned.paras, cleaned.pages, blank_after)


# --- the excerpts ---------------------------------------------------------------------------------------------

# Kent k01 (Cabinet 4 March 2025) front sheet.
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 1-58.
K01_FRONT_SHEET = """\
AGENDA

CABINET
Tuesday, 4th March, 2025, at 10.00 am
Ask for:
Council Chamber, Sessions House, Telephone:
County Hall, Maidstone

Georgina Little
Tel: 03000 414043
Email:
georgina.little@kent
.gov.uk

UNRESTRICTED ITEMS
(During these items the meeting is likely to be open to the public)

1.

Apologies

2.

Declarations of Interest

3.

Minutes of the Meeting held on 30 January 2025 (Pages 1 - 18)

4.

Cabinet Member Updates

5.

Late Changes to the 25-26 Budget and 25-2028 Medium Term Financial Plan
(Pages 19 - 24)

6.

Quarterly Performance Report, Q3 2024-2025 (Pages 25 - 100)

7.

Cabinet Reconsideration of Decision 24/00093 - Future of Commissioned Services
at Seashells and Millmead Family Hubs (Pages 101 - 104)

8.

Home to School Transport - Presentation
EXEMPT ITEMS
(At the time of preparing the agenda there were no exempt items. During any such
items which may arise the meeting is likely NOT to be open to the public)

Benjamin Watts
General Counsel
03000 416814
Monday, 24 February 2025"""

# Kent k02 (County Council 13 March 2025) summons, up to the agenda.
# From tests/corpus/kent/k02_kent_council_2025-03-13.txt, lines 1-18.
K02_SUMMONS = """\
Summons to and
Agenda for a
Meeting on
Thursday, 13th March,
2025
at 10.00 am

\f\fDEMOCRATIC SERVICES
SESSIONS HOUSE
MAIDSTONE
Wednesday, 5 March 2025
To:

All Members of the County Council

A meeting of the County Council will be held in the Council Chamber, County Hall,
Maidstone, Kent, ME14 1XQ on Thursday, 13th March, 2025 at 10.00 am to deal with the
following business. The meeting is scheduled to end by 4.30 pm."""

# Kent k02 agenda, items 1-9.
# From tests/corpus/kent/k02_kent_council_2025-03-13.txt, lines 19-67.
K02_AGENDA = """\
AGENDA
1.

Apologies for Absence

2.

Declarations of Disclosable Pecuniary
Significant Interests in items on the agenda

3.

Minutes of the meeting held on 13 February 2025 and, if in order, (Pages 1 - 14)
to be approved as a correct record

4.

Corporate Parenting Panel - October 2024 and December 2024 (Pages 15 - 30)
Minutes for noting

5.

Chairman's Announcements

6.

Questions

7.

Report by Leader of the Council

8.

Kent Minerals and Waste Local Plan 2024-39

Interests

or

Other

See supplement pack published alongside the main agenda
9.

Review of Decision 24/00093 - Commissioned Family Hubs

(Pages 31 - 190)
"""

# Kent k03 (Cabinet 30 January 2025 supplement) cover letter and the blank page after it.
# From tests/corpus/kent/k03_kent_cabinet_2025-01-30_item7.txt, lines 1-30.
K03_COVER_LETTER = """\
Direct Dial/Ext:
e-mail:
Ask for:
Date:

03000414043
Georgina.little@kent.gov.uk
Georgina Little
29 January 2025

Dear Member
CABINET - THURSDAY, 30 JANUARY 2025
I am now able to enclose, for consideration at Thursday, 30 January 2025 meeting of the Cabinet,
the following reports.
The report originally published in the Cabinet agenda has been subsequently updated to reflect the
changes made to the Equality Impact Assessment and replaces the version available in the
original agenda pack. The Equality Impact Assessment which unavailable at the time of publication
however, is now enclosed for consideration.
Agenda Item No
7
24/00109 - Transfer the 18-25 section of the Strengthening Independence
Service from the Children Young People and Education Directorate to the Adult
Social Care and Health Directorate (Pages 1 - 20)

Yours sincerely

Benjamin Watts
General Counsel

\fThis page is intentionally left blank"""

# Kent k03: blank page, then the report's page stamped 'Agenda Item 7'.
# From tests/corpus/kent/k03_kent_cabinet_2025-01-30_item7.txt, lines 29-40.
K03_STAMPED_PAGE = """\

\fThis page is intentionally left blank

\fAgenda Item 7

From:

Sue Chandler, Cabinet Member for Integrated
Children’s Services
Dan Watkins, Cabinet Member for Adult Social Care
and Public Health
Sarah Hammond, Corporate Director, Children, Young"""

# Kent k03: a 'Page 1' footer splitting a sentence.
# From tests/corpus/kent/k03_kent_cabinet_2025-01-30_item7.txt, lines 80-100.
K03_PAGE_FOOTER = """\
Is the decision eligible for call-in? Yes
Summary: Transitions involve facilitating young people’s move from children’s
services to adult services and typically occur between ages 18 and 25. The
Strengthening Independence Service sits within the Children, Young People and
Education Directorate and oversees transitions between 0-25 for those with learning
and physical disabilities.
The Director of Adult Social Services at Kent County Council is accountable for
assessing local needs and delivering a full range of adult social services. These
services support individuals under the provisions of Local Authority Social Services
Act 1970 and the law defines an adult as someone aged 18 or over.
The Director of Children's Services at Kent County Council has statutory duties
outlined in Section 18 of the Children Act 2004. These duties involve ensuring the
Page 1

\fdelivery of local authority social care functions for children and young people. This
includes, but is not limited to, providing services that meet the needs of all children,
youth, including the most vulnerable, and their families.
Under the current arrangements the Corporate Director Children, Young People, and
Education is overseeing a group falling outside their statutory role.
To address this, the proposal is to transfer the statutory functions delivered by the
18-25 section of the Strengthening Independence Service from the Children, Young"""

# Kent k01: heading table of report 1 (From:/To:/Subject:).
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 917-932.
K01_FROM_HEADING = """\
\fFrom:

Peter Oakford, Deputy Leader and Cabinet Member for Finance,
Corporate and Traded Services
John Betts, Interim Corporate Director of Finance

To:

Cabinet – 4th March 2025

Subject:

Late changes to the 2025-26 budget and 2025-28 Medium Term
Financial Plan (MTFP)

Classification: Unrestricted"""

# Kent k01: heading table of report 2, with 'Decision No:'.
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 1525-1545.
K01_DECISION_NO_HEADING = """\
\fFrom:

Roger Gough – Leader of the Council
Amanda Beer – Chief Executive Officer

To:

Cabinet – 4 March 2025

Decision No:

n/a

Subject:

Quarterly Performance Report, Quarter 3, 2024/25

Classification:

Unrestricted
"""

# Kent k01: heading table of report 3, 'By:', title wrapped with a stray 'of'.
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 5128-5146.
K01_BY_HEADING = """\
\fBy:

Anna Taylor, Scrutiny Research Officer

To:

Cabinet - 4 March 2025

Subject:

Cabinet reconsideration of Decision 24/00093 - Future
Commissioned Services at Seashells and Millmead Family Hubs

of

Summary: Following the Scrutiny Committee’s referral of this decision to Full Council
for review as part of the call-in process, Cabinet must reconsider the
decision, taking account of comments expressed by the Scrutiny
Committee on 29 January 2025."""

# Kent k03: heading table, four authors over eight lines.
# From tests/corpus/kent/k03_kent_cabinet_2025-01-30_item7.txt, lines 34-80.
K03_FOUR_AUTHORS_HEADING = """\
From:

Sue Chandler, Cabinet Member for Integrated
Children’s Services
Dan Watkins, Cabinet Member for Adult Social Care
and Public Health
Sarah Hammond, Corporate Director, Children, Young
People and Education
Richard Smith, Corporate Director, Adult Social Care
and Health

To:

Cabinet - 30 January 2025

Subject:

Transfer the 18-25 section of the Strengthening
Independence Service from the Children Young People
and Education Directorate to the Adult Social Care and
Health Directorate

Decision no:

24/00109

Key Decision:

Yes - It affects more than 2 Electoral Divisions

Classification:

Unrestricted

Past Pathway of report:

Adult Social Care Cabinet Committee – 15 January
2025
Children's, Young People and Education Cabinet
Committee – 16 January 2025

Future Pathway of report: Cabinet decision
Electoral Division:

All

Is the decision eligible for call-in? Yes"""

# Leicestershire 003: end of the minutes, then report 1's block heading.
# From content/children-and-families/003_574484955fa199b0.txt, lines 625-670.
L003_CORPORATE_PARENTING_HEADING = """\
44. Date of next meeting.  
 
RESOLVED: 
 
It was noted that the next meeting of the Committee would be held on 9 March 2021 at 
2.00pm. 
 

2.00 – 4.00pm CHAIRMAN 
19 January 2021 
 CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY 

COMMITTEE  
 

9TH MARCH 2021 
 

REVIEW OF THE IMPLEMENTATION OF THE  
CORPORATE PARENTING STRATEGY – 2019- 2022  

 
REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES 

 
 

Purpose of report  
 

1. The purpose of this report is to provide Overview and Scrutiny Committee with an update of 
how the Corporate Parenting Strategy – 2019- 2022 has been implemented since the 
strategy was launched in 2019 and the impact it has achieved thus far.  

 
Policy Framework and Previous Decisions  

 
2. The Corporate Parenting Strategy is the framework for the role of every Local Authority and 

their relevant partners (as defined in section 10 of the Children Act 2004) in the application 
of the corporate parenting principles, as set out in section 1 of the Children and Social Work 
Act 2017. The Local Authority must have regard to the seven needs identified in the 
Children and Social Work Act when exercising their duties and responsibilities in relation to 
looked-after children and care leavers (relevant children and former relevant children). It 
should be read and applied alongside the Children Act 1989 Guidance and Regulations """

# Leicestershire 003: report 4's block heading (date in mixed case).
# From content/children-and-families/003_574484955fa199b0.txt, lines 2515-2560.
L003_QUARTER_3_HEADING = """\
 CHILDREN AND FAMILY SERVICES OVERVIEW AND 
SCRUTINY COMMITTEE 

9 March 2021 
 

QUARTER 3 2020/21 PERFORMANCE REPORT 
 

JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF 
CHILDREN AND FAMILY SERVICES 

 
 
 
Purpose of the Report 
 

1. The purpose of this report is to present the Committee with an update of the 
Children and Family Services Department’s performance for the period October 
to December 2020 (Quarter 3).  

 
Policy Framework and Previous Decisions 
 

2. The Children and Family Services Department’s performance is reported to the 
Committee in accordance with the Council’s corporate performance 
management arrangements. 

 
Background 
 

3. A Strategic Plan 2018-2022 has been agreed by the Council and has recently 
been refreshed. Children and Families Services has also produced a 
Departmental Plan 2020 -2023 which identifies a number of ambitions and 
measures to monitor progress.  The following report and accompanying 
dashboard aim to report on priority areas identified by both plans and monitor 
performance of key indicators on a quarterly basis. The current performance 
dashboard is attached as Appendix A, and this has been refreshed to 
concentrate on indicators where new data is available for Quarter 3.   

 
4. Due to the closure of schools, no school inspection data or education outcome 
"""

# Kent k01: minutes of Cabinet 30 January 2025, header and minutes 84-86.
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 60-92.
K01_MINUTES_HEAD = """\
\fKENT COUNTY COUNCIL

CABINET
MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions
House, County Hall, Maidstone on Thursday, 30 January 2025.
PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mrs S Chandler, Mr D Jeffrey,
Mr R C Love, OBE, Mr D Murphy, Mr P J Oakford, Mr D Watkins and Mr R J Thomas
IN ATTENDANCE: Dr A Ghosh (Director of Public Health), Mrs S Hammond
(Corporate Director Children, Young People and Education), Mrs A Beer (Chief
Executive), Mr D Shipton (Head of Finance Policy, Planning and Strategy),
Mr B Watts (General Counsel), Mrs C Head (Head of Finance Operations),
Mr J Betts (Interim Corporate Director Finance), Mr N Abrahams (Area Education
Officer – West Kent), Ms C McInnes (Director of Education) and McKay (Acting Chief
Accountant)
IN ATTENDANCE VIRTUALLY: Mr S Jones (Corporate Director of Growth,
Environment and Transport), Mr M Albiston (Director of Adult Social Care), Dr M
Gogarty (Interim Strategic Lead for Public Health), Mrs L Gannon (Director of
Technology)
UNRESTRICTED ITEMS
84.
Apologies
(Item 1)
Apologies were received from Mrs C Bell.
85.
Declarations of Interest
(Item 2)
No declarations of interest were received
86.
Minutes of the Meeting held on 9th January 2025
(Item 3)
RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record
and that they be signed by the Chair
87."""

# Kent k01: the last line of minute 87, then minute 88's number, title and (Item 5).
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 472-479.
K01_MINUTE_88_TITLE = """\
The Leader thanked the Cabinet Members for their updates.
88.
24/00108 - Revenue and Capital Budget Monitoring Report – November
2024-25
(Item 5)
John Betts (interim Corporate Director Finance) and Joe McKay(Acting Chief
Analyst) and Cath Head (Head of Finance) were in attendance for this item
1. Mr Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and"""

# Kent k01: minute 88's '3. RESOLVED that Cabinet agree to:' with points A)-f), then minute 89.
# From tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt, lines 541-566.
K01_RESOLVED_POINTS = """\
Council's long-term stability.

2. Mr Watkins highlighted that the significant challenges within the
Adults Directorate. However, the directorate remained on track to deliver £40
million in savings and income uplifts, which was a substantial achievement. A
savings of £25 million was still required amongst an additional £10 million in
demand, which was harder to manage. The focus was on addressing the £25
million shortfall. The team continued to work hard on various transformation
projects, with some early successes in areas like reviews and technology and
the directorate remained committed to improving the situation and keeping the
overall budget on track.
3. RESOLVED that Cabinet agree to:
A) Note the forecast revenue overspend of £23.3m (excluding Schools).
b) Note the forecast overspend on Schools’ Delegated Budgets of £30.4m.
c) Note the forecast capital underspend of £111.6m.
d) Note the progress on the delivery of savings.
e) Agree the Capital budget changes.
f) Note the Reserves, Treasury Management and Prudential Indicators
Monitoring

10

\f89.
Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme
2025-35 and Treasury Management Strategy
(Item 6)"""

# Kent k02: Corporate Parenting Panel minutes of 29 October 2024, items 1-4.
# From tests/corpus/kent/k02_kent_council_2025-03-13.txt, lines 720-760.
K02_PANEL_MINUTES = """\
\fCORPORATE PARENTING PANEL– 29 October 2024
MINUTES of the meeting held in the Darent Room, Sessions House, County
Hall, Maidstone.
PRESENT: Shellina Prendergast (Chair), Paul Bartlett (Vice-Chair), Gary Cooke,
Dylan Jeffrey, David Brazier, Lesley Game, Sarah Hamilton, Sarah Hammond,
Caroline Smith, Tom Byrne, Tony Doran, Tracy Scott, Nancy Sayer and Brian Horton
ALSO PRESENT: Sue Chandler, Cabinet Member for Integrated Children’s
Services.
IN ATTENDANCE: James Clapson (Democratic Services Officer), Kevin Kasaven
(Director of Children's Countywide Services), Joanne Carpenter (Participation and
Engagement Manager), Alice Gleave (Interim Assistant Director for SEND
Operations), Christy Holden (Assistant Director for CYPE Commissioning), Robin
Cahill (Senior Commissioner), Jason Read (Youth Justice Service Manager), Gavin
Swann (Service Manager Safeguarding, Quality Assurance & Professional
Standards), Natalia Merritt (Co-Chair Kent Housing Options Subgroup), Amy
Coombs (Head of Adoption Partnership South East) and Maureen Robinson (MI
Service Manager)

Apologies and Substitutes
(Item 1)
Apologies were received from Mr R Love OBE, Ms K Leonard, and Ms A Farmer.
Ms L Game, Ms S Chandler and Ms T Scott were in attendance virtually.

Chairman’s Announcements
(Item 2)
1. RESOLVED that Mr P Bartlett be duly elected Vice Chair of the Corporate
Parenting Panel.
2. The Chair agreed to write to group leaders to remind Members of their duty as
a Corporate Parent, and to extend an invitation to attend Panel meetings.

Minutes of the meeting held on 30 July 2024
(Item 3)
RESOLVED that the minutes of the meeting held on 30 July 2024 were a correct
record of the meeting.

1

\fParticipation Team update
(Item 4)
1. Joanne Carpenter, Participation and Engagement Manager, introduced the
report. She highlighted a few key areas:"""

# Kent k02: County Council minutes 286-289, '288.' printed away from its title.
# From tests/corpus/kent/k02_kent_council_2025-03-13.txt, lines 152-200.
K02_DISPLACED_NUMBER = """\
UNRESTRICTED ITEMS
286.

Apologies for Absence
(Item 1)
The Democratic Services Manager reported apologies from Mr Paul BarringtonKing, Mr Conrad Broadley, Mr Tom Cannon, Mr Nigel Collor, Mr Derek CrowBrown, Mrs Trudy Dean, MBE, Ms Jenni Hawkins, Mrs Sarah Hudson, Mr Jeremy
Kite, MBE, Mr Thomas Mallon, Mrs Margot McArthur, Mr James McInroy, Mr Mike
Sole, Ms Lottie Parfitt and Mr Charlie Simkins.

287.

Declarations of Disclosable Pecuniary Interests or Other Significant
Interests in items on the agenda
(Item 2)
(1)

The General Counsel advised that Members’ Register of Interests detailed
their main declarations and it was not necessary to declare any of those at
the meeting. However, Members may wish to declare any specific interest in
relation to the agenda.

(2)

Ms Meade declared an interest that she was a carer.

\f(3)

288.

Miss Carey declared a pecuniary interest that she was a Trustee of the
Turner Contemporary and would leave the Chamber during any relevant
discussions.

Minutes of the meetings held on 19 December 2024 and 9 January 2025
and, if in order, to be approved as a correct record
(Item 3)
RESOLVED that the minutes of the meetings held on 19 December 2024 and 9
January 2025 be approved as a correct record.

289.

Chairman's Announcements
(Item 4)
With the deepest regret the Chairman advised Members of the sad passing of Mr
Matthew Balfour and said tributes would be heard at the March County Council
meeting.

290.
"""

# Leicestershire 003: questioning guide (bullets lost their glyphs), then the minutes.
# From content/children-and-families/003_574484955fa199b0.txt, lines 1-40.
L003_GUIDE_AND_MINUTES_START = """\
 QUESTIONING BY MEMBERS OF OVERVIEW AND SCRUTINY 
 
The ability to ask good, pertinent questions lies at the heart of successful and effective 
scrutiny.  To support members with this, a range of resources, including guides to 
questioning, are available via the Centre for Public Scrutiny website www.cfps.org.uk.  
 
The following questions have been agreed by Scrutiny members as a good starting point 
for developing questions:- 
 

 Who was consulted and what were they consulted on? What is the process for and 
quality of the consultation? 

 How have the voices of local people and frontline staff been heard? 

 What does success look like? 

 What is the history of the service and what will be different this time? 

 What happens once the money is spent? 

 If the service model is changing, has the previous service model been evaluated? 

 What evaluation arrangements are in place – will there be an annual review? 
 

http://www.cfps.org.uk/
 Minutes of a meeting of the Children and Families Overview and Scrutiny Committee held 
at County Hall, Glenfield on Tuesday, 19 January 2021.  
 

PRESENT 
 

Mrs. H. J. Fryer CC (in the Chair) 
 

Dr. P. Bremner CC 
Dr. R. K. A. Feltham CC 
Mr. J. Kaufman CC """

PACKS = {
    "k01": "tests/corpus/kent/k01_kent_cabinet_2025-03-04.txt",
    "k02": "tests/corpus/kent/k02_kent_council_2025-03-13.txt",
    "k03": "tests/corpus/kent/k03_kent_cabinet_2025-01-30_item7.txt",
    "003": "content/children-and-families/003_574484955fa199b0.txt",
}
EXCERPTS = [
    (K01_FRONT_SHEET, "k01", 1, 58),
    (K02_SUMMONS, "k02", 1, 18),
    (K02_AGENDA, "k02", 19, 67),
    (K03_COVER_LETTER, "k03", 1, 30),
    (K03_STAMPED_PAGE, "k03", 29, 40),
    (K03_PAGE_FOOTER, "k03", 80, 100),
    (K01_FROM_HEADING, "k01", 917, 932),
    (K01_DECISION_NO_HEADING, "k01", 1525, 1545),
    (K01_BY_HEADING, "k01", 5128, 5146),
    (K03_FOUR_AUTHORS_HEADING, "k03", 34, 80),
    (L003_CORPORATE_PARENTING_HEADING, "003", 625, 670),
    (L003_QUARTER_3_HEADING, "003", 2515, 2560),
    (K01_MINUTES_HEAD, "k01", 60, 92),
    (K01_MINUTE_88_TITLE, "k01", 472, 479),
    (K01_RESOLVED_POINTS, "k01", 541, 566),
    (K02_PANEL_MINUTES, "k02", 720, 760),
    (K02_DISPLACED_NUMBER, "k02", 152, 200),
    (L003_GUIDE_AND_MINUTES_START, "003", 1, 40),
]


@pytest.mark.parametrize("excerpt, pack, first, last", EXCERPTS, ids=[f"{p}:{a}-{b}" for _, p, a, b in EXCERPTS])
def test_excerpts_are_verbatim_copies_of_the_packs(excerpt, pack, first, last):
    """Every excerpt is the pack's lines as they are, trailing spaces and form feeds included."""
    lines = (ROOT / PACKS[pack]).read_text(encoding="utf-8").split("\n")
    assert excerpt == "\n".join(lines[first - 1:last])


# --- 1. a Kent front sheet with no field labels ---------------------------------------------------------------

# truth_k01.json "agenda": number, title, pages.
K01_AGENDA_TRUTH = [
    (1, "Apologies", None),
    (2, "Declarations of Interest", None),
    (3, "Minutes of the Meeting held on 30 January 2025", (1, 18)),
    (4, "Cabinet Member Updates", None),
    (5, "Late Changes to the 25-26 Budget and 25-2028 Medium Term Financial Plan", (19, 24)),
    (6, "Quarterly Performance Report, Q3 2024-2025", (25, 100)),
    (7, "Cabinet Reconsideration of Decision 24/00093 - Future of Commissioned Services at Seashells and Millmead "
        "Family Hubs", (101, 104)),
    (8, "Home to School Transport - Presentation", None),
]


def test_front_sheet_without_labels_takes_the_date_under_the_committee_not_the_issue_date():
    """A date line under the committee ("Tuesday, 4th March, 2025, at 10.00 am"), the venue interleaved with a
    second column's labels ("Council Chamber, Sessions House, Telephone:"), the issue date last."""
    # k01 lines 1-58; truth_k01.json "meeting" and oddities (date line 4, issue date 58).
    front = parse_front_sheet(paras_of(K01_FRONT_SHEET))
    assert front.date == date(2025, 3, 4)  # not Monday, 24 February 2025 (line 58)
    assert front.time == "10:00"
    assert front.date_line == 4
    assert front.location == "Council Chamber, Sessions House, County Hall, Maidstone"
    assert front.confirms_minutes_of == date(2025, 1, 30)  # item 3; the minutes in the pack are of 30 January
    assert front.future_dates == ()  # truth: future_meeting_dates []
    assert front.supplement is False  # truth: kind "agenda_pack"


def test_agenda_numbers_alone_with_titles_two_lines_below_and_pages_after_or_under_the_title():
    """ModernGov's agenda as pdftotext gives it: "1." alone, the title two lines below, "(Pages …)" ending the
    title (item 3) or on the next line (item 5), item 7's title wrapped, "EXEMPT ITEMS" under item 8."""
    # k01 lines 18-53; truth_k01.json "agenda".
    agenda = parse_front_sheet(paras_of(K01_FRONT_SHEET)).agenda
    assert [(i.number, norm(i.title), i.pages) for i in agenda] == [(n, norm(t), p) for n, t, p in K01_AGENDA_TRUTH]
    assert not any("EXEMPT" in i.title for i in agenda)


# --- 2. a summons with the date over three lines ---------------------------------------------------------------

def test_summons_with_the_date_broken_over_three_lines_and_the_place_in_the_summons_sentence():
    """"Thursday, 13th March," / "2025" / "at 10.00 am", a page of two form feeds, the issue date
    "Wednesday, 5 March 2025", then "A meeting of the County Council will be held in … on …"."""
    # k02 lines 1-18; truth_k02.json "meeting" and oddities (date 4-6, issue date 11, summons 16-18).
    front = parse_front_sheet(paras_of(K02_SUMMONS))
    assert front.date == date(2025, 3, 13)  # not 5 March 2025, the issue date
    assert front.time == "10:00"
    assert front.date_line == 4
    assert front.location == "Council Chamber, County Hall, Maidstone, Kent, ME14 1XQ"


def test_agenda_pages_inside_a_wrapped_title_or_on_a_line_of_their_own():
    """Item 3's and 4's "(Pages …)" in the middle of a title wrapped over two lines; item 9's on a line of its
    own, a blank line below the title; item 8 followed by stray words of item 2 and a note."""
    # k02 lines 19-67; truth_k02.json "agenda" items 3, 4, 8, 9.
    items, future = parse_agenda(paras_of(K02_AGENDA))
    by_number = {i.number: i for i in items}
    assert sorted(by_number) == list(range(1, 10))
    assert (norm(by_number[3].title), by_number[3].pages) == (
        norm("Minutes of the meeting held on 13 February 2025 and, if in order, to be approved as a correct record"),
        (1, 14))
    assert (norm(by_number[4].title), by_number[4].pages) == (
        norm("Corporate Parenting Panel - October 2024 and December 2024 Minutes for noting"), (15, 30))
    assert norm(by_number[8].title) == norm("Kent Minerals and Waste Local Plan 2024-39")
    assert (norm(by_number[9].title), by_number[9].pages) == (
        norm("Review of Decision 24/00093 - Commissioned Family Hubs"), (31, 190))
    assert future == ()


# --- 3. a supplement's cover letter ----------------------------------------------------------------------------

K03_ITEM_7_TITLE = ("24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children "
                    "Young People and Education Directorate to the Adult Social Care and Health Directorate")


def test_supplement_cover_letter_with_its_page_break():
    """A cover letter: labels ("Direct Dial/Ext:" … "Date:") apart from their values, the letter's date
    "29 January 2025" first, the meeting in "CABINET - THURSDAY, 30 JANUARY 2025", "I am now able to enclose",
    "Agenda Item No" / "7" / a title over three lines ending "(Pages 1 - 20)"; then the page break and the
    blank page after the letter."""
    # k03 lines 1-30; truth_k03.json "meeting", "agenda", kind "supplementary_pack".
    front = parse_front_sheet(paras_of(K03_COVER_LETTER))
    assert front.date == date(2025, 1, 30)  # not 29 January 2025, the letter's date (line 9)
    assert front.supplement is True
    assert front.time is None and front.location is None  # truth: neither is printed in this pack
    assert [(i.number, norm(i.title), i.pages) for i in front.agenda] == [(7, norm(K03_ITEM_7_TITLE), (1, 20))]


# --- 4. the From:/To:/Subject: heading table -------------------------------------------------------------------

@pytest.mark.parametrize("text, title, when", [
    # k01 lines 917-932: each label alone, a blank line, its value; truth_k01.json reports[0].
    (K01_FROM_HEADING, "Late changes to the 2025-26 budget and 2025-28 Medium Term Financial Plan (MTFP)",
     date(2025, 3, 4)),
    # k01 lines 1525-1545: "Decision No:" / "n/a" between "To:" and "Subject:"; truth_k01.json reports[1].
    (K01_DECISION_NO_HEADING, "Quarterly Performance Report, Quarter 3, 2024/25", date(2025, 3, 4)),
    # k03 lines 34-80: four authors over eight lines, then Decision no / Key Decision / Classification / Past
    # Pathway; truth_k03.json reports[0].
    (K03_FOUR_AUTHORS_HEADING, "Transfer the 18-25 section of the Strengthening Independence Service from the "
     "Children Young People and Education Directorate to the Adult Social Care and Health Directorate",
     date(2025, 1, 30)),
], ids=["k01-917", "k01-1525-decision-no", "k03-34-four-authors"])
def test_from_to_subject_heading_table(text, title, when):
    """Kent's heading table: "From:" alone, its value below; "To: Cabinet – date" names the committee and the
    date; "Subject:" the title, wrapped over lines."""
    paras = paras_of(text)
    size = report_heading_size(paras, 0)
    assert size > 0 and table_heading_size(paras, 0) == size
    assert [f.role for f in table_fields(paras, 0)] == ["author", "audience", "subject"]
    committee, found_when, found_title, _ = parse_heading(paras[:size])
    assert (committee, found_when, norm(found_title)) == ("Cabinet", when, norm(title))


def test_heading_table_authors_one_a_line_are_joined_with_semicolons():
    """Two authors, each on a line of its own under "From:"."""
    # k01 lines 1525-1545; truth_k01.json reports[1].report_of.
    paras = paras_of(K01_DECISION_NO_HEADING)
    report_of = parse_heading(paras[:report_heading_size(paras, 0)])[3]
    assert report_of == "Roger Gough – Leader of the Council; Amanda Beer – Chief Executive Officer"


K03_AUTHORS = ("Sue Chandler, Cabinet Member for Integrated Children’s Services; Dan Watkins, Cabinet Member for "
               "Adult Social Care and Public Health; Sarah Hammond, Corporate Director, Children, Young People and "
               "Education; Richard Smith, Corporate Director, Adult Social Care and Health")


@pytest.mark.parametrize("last", [80, 93], ids=["the authors alone", "running on to the summary"])
def test_heading_table_four_authors_over_eight_lines(last):
    """Four authors, each name and role wrapped over two lines, kept apart by their names (whether or not the
    excerpt is read as hard-wrapped: as far as line 80 it looks wrapped at 52 columns, the whole pack at 107)."""
    # k03 lines 34-80 or 34-93 (authors 36-43); truth_k03.json reports[0].report_of.
    text = "\n".join((ROOT / PACKS["k03"]).read_text(encoding="utf-8").split("\n")[33:last])
    paras = paras_of(text)
    assert parse_heading(paras[:report_heading_size(paras, 0)])[3] == K03_AUTHORS


def test_by_heading_table_is_a_report_heading():
    """The "By:" variant of the heading table."""
    # k01 lines 5128-5146; truth_k01.json reports[2] (report_of, heading_date).
    paras = paras_of(K01_BY_HEADING)
    size = report_heading_size(paras, 0)
    assert size > 0
    committee, when, _, report_of = parse_heading(paras[:size])
    assert (committee, when, report_of) == ("Cabinet", date(2025, 3, 4), "Anna Taylor, Scrutiny Research Officer")
    assert paras[size].plain.startswith("Summary:")  # the stray "of" (5141) is the heading's, not the body's


# --- 5. the block heading split over lines ---------------------------------------------------------------------

@pytest.mark.parametrize("text, first, heading_first, heading_last, committee, title, report_of", [
    # 003 lines 625-670: the minutes' last lines, then the heading at 635 with "COMMITTEE" two blank lines under
    # the rest of its name (635-637), "9TH MARCH 2021" (640), the title over two lines (643-644), "REPORT OF THE
    # DIRECTOR …" on one line (647); truth_003.json reports[0] and oddities.
    (L003_CORPORATE_PARENTING_HEADING, 625, 635, 647, "CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE",
     "REVIEW OF THE IMPLEMENTATION OF THE CORPORATE PARENTING STRATEGY – 2019- 2022",
     "DIRECTOR OF CHILDREN AND FAMILY SERVICES"),
    # 003 lines 2515-2560: the name over two lines (2515-2516), "9 March 2021" in mixed case (2518), "JOINT
    # REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF" / "CHILDREN AND FAMILY SERVICES" (2524-2525);
    # truth_003.json reports[3] and oddities.
    (L003_QUARTER_3_HEADING, 2515, 2515, 2525, "CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE",
     "QUARTER 3 2020/21 PERFORMANCE REPORT", "CHIEF EXECUTIVE AND DIRECTOR OF CHILDREN AND FAMILY SERVICES"),
], ids=["003-635", "003-2515"])
def test_block_heading_split_over_lines_with_blank_lines_and_a_mixed_case_date(
        text, first, heading_first, heading_last, committee, title, report_of):
    """Leicestershire's block of capitals: the committee's name split over lines (with blank lines between),
    the date, the title, then "REPORT OF THE …"; the body's "Purpose of …" after it."""
    paras = paras_of(text)
    i = next(k for k, p in enumerate(paras) if p.first == local(heading_first, first))
    size = block_heading_size(paras, i)
    assert size and report_heading_size(paras, i) == size
    assert paras[i + size - 1].last == local(heading_last, first)  # it ends with "REPORT OF …", however wrapped
    assert norm(paras[i + size].plain).startswith("purpose of")
    found_committee, when, found_title, found_report_of = parse_heading(paras[i:i + size])
    assert found_committee == committee
    assert when == date(2021, 3, 9)
    assert norm(found_title) == norm(title)
    assert norm(found_report_of) == norm(report_of)


# --- 6. Kent minutes -------------------------------------------------------------------------------------------

def test_kent_minutes_header_under_the_council_and_body_names_with_numbers_alone():
    """"KENT COUNTY COUNCIL" / "CABINET" / "MINUTES of a meeting of the Cabinet held in …, on Thursday, 30 January
    2025."; PRESENT wrapped; each minute's number alone ("84."), its title, "(Item N)"; "RESOLVED that …" inline
    over two lines."""
    # k01 lines 60-92; truth_k01.json minutes[0] (items 84-86).
    first = 60
    minutes, _ = parse_minutes(paras_of(K01_MINUTES_HEAD))
    assert minutes.committee == "Cabinet"
    assert minutes.date == date(2025, 1, 30)
    assert minutes.chair == "Mr R W Gough"
    assert [p.name for p in minutes.present] == [
        "Mr R W Gough", "Mr N Baker", "Mrs S Chandler", "Mr D Jeffrey", "Mr R C Love, OBE", "Mr D Murphy",
        "Mr P J Oakford", "Mr D Watkins", "Mr R J Thomas"]
    assert [(i.number, i.title, i.line) for i in minutes.items] == [
        (84, "Apologies", local(79, first)),
        (85, "Declarations of Interest", local(83, first)),
        (86, "Minutes of the Meeting held on 9th January 2025", local(87, first))]
    assert [[resolved(r) for r in i.resolutions] for i in minutes.items] == [
        [], [], [norm("that the minutes of the meeting on 9 January 2025 were a correct record and that they be "
                      "signed by the Chair")]]


K01_MINUTE_88_RESOLVED = [  # truth_k01.json minutes[0] item 88 "resolved"
    "Note the forecast revenue overspend of £23.3m (excluding Schools).",
    "Note the forecast overspend on Schools’ Delegated Budgets of £30.4m.",
    "Note the forecast capital underspend of £111.6m.",
    "Note the progress on the delivery of savings.",
    "Agree the Capital budget changes.",
    "Note the Reserves, Treasury Management and Prudential Indicators Monitoring",
]


def test_numbered_resolved_stem_with_lettered_points_capital_A_then_b_to_f():
    """"3. RESOLVED that Cabinet agree to:" with points "A)" then "b)".."f)", the last wrapped; the stem is
    not a resolution."""
    # k01 lines 541-566 (552-560); truth_k01.json minutes[0] item 88.
    assert list(resolutions(paras_of(K01_RESOLVED_POINTS))) == K01_MINUTE_88_RESOLVED


def test_kent_minute_with_a_numbered_resolved_block_and_a_minute_number_after_a_form_feed():
    """Minute 88 (number, title over two lines, "(Item 5)") and its "3. RESOLVED that Cabinet agree to:" block;
    then "\\f89." at the top of the next page."""
    # k01 lines 472-479 followed by lines 541-566 (the lines between are minute 88's discussion);
    # truth_k01.json minutes[0] items 88, 89.
    minutes, _ = parse_minutes(paras_of(K01_MINUTE_88_TITLE + "\n" + K01_RESOLVED_POINTS))
    assert [(i.number, norm(i.title), i.report_ref) for i in minutes.items] == [
        (88, norm("24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"), 5),
        (89, norm("Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury "
                  "Management Strategy"), 6)]
    assert minutes.items[0].line == local(473, 472)
    assert list(minutes.items[0].resolutions) == K01_MINUTE_88_RESOLVED


# --- 7. minutes of another body, with no minute numbers --------------------------------------------------------

def test_minutes_of_another_body_named_in_the_heading_line_with_items_numbered_by_their_item_marks():
    """"CORPORATE PARENTING PANEL– 29 October 2024" (no space before the dash) above "MINUTES of the meeting held
    in the Darent Room …", which names neither body nor date; no minute numbers, each title over "(Item N)"."""
    # k02 lines 720-760; truth_k02.json minutes[1].
    first = 720
    minutes, _ = parse_minutes(paras_of(K02_PANEL_MINUTES))
    assert norm(minutes.committee) == norm("Corporate Parenting Panel")
    assert minutes.date == date(2024, 10, 29)
    assert minutes.chair == "Shellina Prendergast"
    assert [p.name for p in minutes.present] == [
        "Shellina Prendergast", "Paul Bartlett", "Gary Cooke", "Dylan Jeffrey", "David Brazier", "Lesley Game",
        "Sarah Hamilton", "Sarah Hammond", "Caroline Smith", "Tom Byrne", "Tony Doran", "Tracy Scott", "Nancy Sayer",
        "Brian Horton"]
    assert [(i.number, i.title, i.line) for i in minutes.items] == [
        (1, "Apologies and Substitutes", local(738, first)),
        (2, "Chairman’s Announcements", local(743, first)),
        (3, "Minutes of the meeting held on 30 July 2024", local(750, first)),
        (4, "Participation Team update", local(757, first))]
    assert [[resolved(r) for r in i.resolutions] for i in minutes.items[:3]] == [
        [], [norm("that Mr P Bartlett be duly elected Vice Chair of the Corporate Parenting Panel.")],
        [norm("that the minutes of the meeting held on 30 July 2024 were a correct record of the meeting.")]]


# --- 8. a minute number printed away from its title ------------------------------------------------------------

def test_minute_number_printed_away_from_its_title_and_a_title_over_two_lines():
    """"288." printed among minute 287's declarations (179), six lines above its title (185); minute 287's title
    wrapped over two lines (163-164)."""
    # k02 lines 152-200; truth_k02.json minutes[0] items 286-289 and conventions.
    first = 152
    paras = paras_of(K02_DISPLACED_NUMBER)
    minutes, spans = parse_minutes(paras)
    assert [(i.number, norm(i.title), i.line) for i in minutes.items] == [
        (286, norm("Apologies for Absence"), local(155, first)),
        (287, norm("Declarations of Disclosable Pecuniary Interests or Other Significant Interests in items on the "
                   "agenda"), local(163, first)),
        (288, norm("Minutes of the meetings held on 19 December 2024 and 9 January 2025 and, if in order, to be "
                   "approved as a correct record"), local(185, first)),
        (289, norm("Chairman's Announcements"), local(193, first))]
    span_288 = next(s for s in spans if s.number == 288)
    assert span_288.displaced is not None and paras[span_288.displaced].first == local(179, first)
    assert [len(i.resolutions) for i in minutes.items] == [0, 0, 1, 0]


# --- 9. pages --------------------------------------------------------------------------------------------------

def test_two_form_feeds_on_one_line_are_a_blank_page():
    """pdftotext starts every page with a form feed; page 2 of the summons is blank, so line 8 has two."""
    # k02 lines 1-18; truth_k02.json oddities ("Page 2 is blank, so line 8 starts with two form feeds").
    lines = tuple(K02_SUMMONS.split("\n"))
    assert form_feed_starts(lines) == [1, 8, 8]
    pages = clean(lines).pages
    assert pages.starts == (1, 8, 8) and pages.exact


def test_page_number_at_the_foot_of_a_page_is_debris_and_numbers_the_page():
    """A bare "10" the last line before "\\f89.": a page number, printed on its page."""
    # k01 lines 541-566 (561, then "\f89." at 563); truth_k01.json oddities (page numbers '1'..'17', '\f89.').
    first = 541
    cleaned = clean(tuple(K01_RESOLVED_POINTS.split("\n")))
    assert cleaned.debris == {local(561, first): "page number"}
    assert cleaned.pages.starts == (1, local(563, first))
    assert cleaned.pages.printed[0] == 10
    assert any(p.first == local(563, first) and p.plain.startswith("89.") for p in cleaned.paras)


def test_bare_number_inside_a_page_is_content_when_form_feeds_show_the_pages():
    """"7" alone under "Agenda Item No", mid-page: not a page number, since the form feeds say where pages end."""
    # k03 lines 1-30 (20); truth_k03.json agenda and oddities (blank-page notice at 30).
    cleaned = clean(tuple(K03_COVER_LETTER.split("\n")))
    assert 20 not in cleaned.debris
    assert any(p.lines == (20,) and p.plain == "7" for p in cleaned.paras)
    assert cleaned.debris == {30: "blank-page notice"}


def test_blank_page_notice_and_agenda_item_stamp():
    """"\\fThis page is intentionally left blank", then "\\fAgenda Item 7" atop the report's first page."""
    # k03 lines 29-40 (30, 32); truth_k03.json oddities.
    first = 29
    cleaned = clean(tuple(K03_STAMPED_PAGE.split("\n")))
    assert cleaned.debris == {local(30, first): "blank-page notice", local(32, first): "agenda item stamp"}
    assert cleaned.pages.starts == (1, local(30, first), local(32, first))
    assert cleaned.pages.stamps == ((local(32, first), "7"),)
    assert cleaned.paras[0].plain == "From:" and cleaned.pages.stamp_above(cleaned.paras[0].first) == "7"


def test_page_n_footer_splitting_a_sentence():
    """"… ensuring the" / "Page 1" / "" / "\\fdelivery of …": the footer is debris, the sentence one paragraph."""
    # k03 lines 80-100 (91-94); truth_k03.json oddities.
    first = 80
    cleaned = clean(tuple(K03_PAGE_FOOTER.split("\n")))
    assert cleaned.debris == {local(92, first): "page number"}
    assert cleaned.pages.printed[0] == 1
    joined = next(p for p in cleaned.paras if local(91, first) in p.lines)
    assert local(94, first) in joined.lines
    assert "ensuring the delivery of local authority" in joined.plain


# --- 10. pages without form feeds (003) ------------------------------------------------------------------------

def test_lone_space_starts_pages_but_bullets_that_lost_their_glyph_come_in_runs():
    """003 has no form feeds: a page's first line alone starts with one space. The guide's bullets (11-24) start
    so too, but in a run; " Minutes of a meeting …" (28) starts a page."""
    # 003 lines 1-40; truth_003.json oddities ("FRONT-SHEET REMNANT", "REPORT STARTS").
    lines = tuple(L003_GUIDE_AND_MINUTES_START.split("\n"))
    assert lone_space_starts(lines) == [1, 28]
    cleaned = clean(lines)
    assert cleaned.pages.starts == (1, 28) and not cleaned.pages.exact
    bullets = [p for p in cleaned.paras if 11 <= p.first <= 24]
    assert [p.first for p in bullets] == [11, 14, 16, 18, 20, 22, 24]
    assert all(p.text.startswith("- ") for p in bullets)
    minutes = next(p for p in cleaned.paras if p.first == 28)
    assert minutes.plain.startswith("Minutes of a meeting of the Children and Families Overview and Scrutiny")


def test_report_heading_right_under_the_minutes_starts_a_page():
    """No blank line between documents: the minutes end "19 January 2021" (634) and " CHILDREN AND FAMILIES
    OVERVIEW AND SCRUTINY" (635) starts the next page with one space."""
    # 003 lines 625-670; truth_003.json oddities ("REPORT STARTS": 634->635).
    first = 625
    lines = tuple(L003_CORPORATE_PARENTING_HEADING.split("\n"))
    assert lone_space_starts(lines) == [local(635, first)]
    assert clean(lines).pages.starts == (1, local(635, first))


# --- 11. appendices placed at page tops by the titles the report lists -----------------------------------------

# Synthetic, made on the model of k02: the list of appendices (1449-1457), the contacts (1475-1481), Appendix 7's
# first page "\fDRAFT VERSION" / "CONSULTATION FEEDBACK DRAFT RESPONSES" (8022-8023) and a sentence cut at the foot
# of a page, "services commissioned under the Family" / "" / "\fHub contract and therefore …" (8078-8080).
SYNTHETIC_APPENDICES = """\
By:

Anna Taylor - Scrutiny Research Officer

To:

County Council – 13 March 2025

Subject:

Review of Decision 24/00093 - Commissioned Family Hubs

Summary: The Council is asked to review Executive Decision 24/00093.
1. The call-in was referred to the Council by the Scrutiny Committee.

\fAppendices
Appendix 1 – Executive Response
Appendix 2 – Draft Responses to Consultation Feedback

Contact Details
Anna Taylor - Scrutiny Research Officer
anna.taylor@kent.gov.uk
03000 416478

\fEXECUTIVE RESPONSE
The Executive has considered the comments of the Scrutiny Committee.
The nursery provision is not one of the
services commissioned under the Family

\fHub contract and therefore is not one of the
services that would end. Consultation feedback draft responses
are set out separately.

\fDRAFT VERSION
CONSULTATION FEEDBACK DRAFT RESPONSES
The formal responses to the consultation have been independently analysed."""


def test_unlabelled_appendices_start_at_the_page_tops_that_carry_their_listed_titles():
    """Appendices that print no label: each starts at the top of the page whose first lines carry the title the
    report lists ("Draft Responses to Consultation Feedback" over "DRAFT VERSION" / "CONSULTATION FEEDBACK DRAFT
    RESPONSES")."""
    cleaned, outline = outline_of(SYNTHETIC_APPENDICES)
    parts = outline.parts
    assert [(p.kind, p.label) for p in parts] == [("report", None), ("appendix", "1"), ("appendix", "2")]
    assert [cleaned.paras[p.start].plain for p in parts[1:]] == ["EXECUTIVE RESPONSE", "DRAFT VERSION"]
    assert [p.title for p in parts[1:]] == ["Executive Response", "Draft Responses to Consultation Feedback"]
    assert all(p.parent == 0 for p in parts[1:])
    assert cleaned.paras[parts[0].end - 1].plain == "03000 416478"  # the report ends with its contacts


def test_a_page_top_that_carries_on_a_sentence_is_not_an_appendix_start():
    """"… services commissioned under the Family" / "\\fHub contract and therefore …": the page top carries on
    the sentence cut at the foot of the page before, though its first lines carry a listed title's words."""
    cleaned, outline = outline_of(SYNTHETIC_APPENDICES)
    hub = next(k for k, p in enumerate(cleaned.paras) if p.plain.startswith("Hub contract"))
    first_appendix = outline.parts[1]
    assert first_appendix.start < hub < first_appendix.end
    assert all(p.start != hub for p in outline.parts)


def test_front_sheet_contact_in_the_second_column():
    """The contact under the venue's second column: a name, "Tel: …", and an e-mail address split over two lines
    ("georgina.little@kent" / ".gov.uk")."""
    # k01 lines 1-58 (contact at 9-13); truth_k01.json "meeting" contact_name/phone/email.
    contact = parse_front_sheet(paras_of(K01_FRONT_SHEET)).contact
    assert contact is not None
    assert (contact.name, contact.phone, contact.email) == ("Georgina Little", "03000 414043",
                                                            "georgina.little@kent.gov.uk")


def test_heading_table_author_wrapped_over_two_lines():
    """An author whose role wraps ("Peter Oakford, Deputy Leader and Cabinet Member for Finance," /
    "Corporate and Traded Services"), then a second author."""
    # k01 lines 917-932 (authors 919-921); truth_k01.json reports[0].report_of.
    paras = paras_of(K01_FROM_HEADING)
    report_of = parse_heading(paras[:report_heading_size(paras, 0)])[3]
    assert report_of == ("Peter Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and Traded "
                         "Services; John Betts, Interim Corporate Director of Finance")


def test_kent_minutes_in_attendance_with_roles_in_brackets():
    """IN ATTENDANCE: names with roles in brackets, run on with commas and a last "and", wrapped mid-role; then
    IN ATTENDANCE VIRTUALLY."""
    # k01 lines 60-92 (66-77); truth_k01.json minutes[0].in_attendance.
    minutes, _ = parse_minutes(paras_of(K01_MINUTES_HEAD))
    assert [p.name for p in minutes.in_attendance] == [
        "Dr A Ghosh", "Mrs S Hammond", "Mrs A Beer", "Mr D Shipton", "Mr B Watts", "Mrs C Head", "Mr J Betts",
        "Mr N Abrahams", "Ms C McInnes", "McKay", "Mr S Jones", "Mr M Albiston", "Dr M Gogarty", "Mrs L Gannon"]


def test_procedural_minutes_carry_no_report_reference():
    """"(Item 1)" under Apologies is the agenda item, not a report the minute considered."""
    # k01 lines 60-92; truth_k01.json minutes[0] items 84-86: report_item_ref null.
    minutes, _ = parse_minutes(paras_of(K01_MINUTES_HEAD))
    assert [i.report_ref for i in minutes.items] == [None, None, None]


def test_minutes_of_another_body_carry_no_report_reference():
    """The "(Item N)" of a body whose minutes print no numbers is the item's number, not a report reference."""
    # k02 lines 720-760; truth_k02.json minutes[1]: report_item_ref null for every item.
    minutes, _ = parse_minutes(paras_of(K02_PANEL_MINUTES))
    assert [i.report_ref for i in minutes.items] == [None, None, None, None]
