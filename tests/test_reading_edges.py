"""Odd packs and odd outlines the reading must take in its stride: each read without an exception, with every
line on exactly one page, and what could not be followed said. Each case came from a review of the reading
that fed it mutated and synthetic packs."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CONTENT, KENT_CONFIG, ROOT
from papersite.assemble.archive import build_archive
from papersite.assemble.checks import check_nothing_lost
from papersite.config import load_config
from papersite.messages import Log
from papersite.read.pack import read_pack
from papersite.read.sources import Source

KENT_FRONT = ["KENT COUNTY COUNCIL", "CABINET", "Tuesday, 4th March, 2025, at 10.00 am", "AGENDA", "1. Apologies"]


def read(lines: list[str], sidecar: dict | None = None, config: Path = KENT_CONFIG):
    """The pack, the archive and the log of reading `lines`; every line is checked to be placed once."""
    settings = load_config(config, Log())
    log = Log()
    source = Source("content/pack.txt", tuple(lines), sidecar or {}, "utf-8")
    pack = read_pack(source, settings, log)
    archive = build_archive([pack], settings, log) if pack else None
    if pack:
        [coverage] = check_nothing_lost([pack], archive, log)
        assert coverage.unplaced == () and coverage.placed_twice == (), (coverage.unplaced, coverage.placed_twice)
    return pack, archive, log


def test_a_report_listing_appendices_after_a_background_paper_is_checked_without_an_error():
    # The report's own text ends at the page after its contacts; the list of appendices is read the same way
    # by the outline and by the self-check.
    lines = KENT_FRONT + ["2. Budget monitoring (Pages 1 - 3)",
                          "\fFrom: Peter Oakford, Cabinet Member for Finance", "To: Cabinet – 4th March 2025", "Subject:",
                          "Budget monitoring", "Classification: Unrestricted", "1. Introduction",
                          "1.1 This report sets out the budget in some detail for the members of the Cabinet to consider.",
                          "Officers to Contact", "Jane Doe, Director of Finance", "Telephone: 03000 416 000",
                          "Background Papers", "Report to Cabinet, 12 January 2025",
                          "Appendices", "Appendix A – Forecast", "Appendix B – Savings",
                          "\fForecast", "The forecast is as follows."]
    pack, archive, log = read(lines)
    report = archive.document("cabinet/2025-03-04/item-2")
    assert [archive.document(a).label for a in report.appendices] == ["A"]
    assert [m.label for m in report.missing_appendices] == ["B"]


def test_minutes_whose_meeting_has_no_date_anywhere_are_skipped_with_a_message():
    pack, _, log = read(["Minutes of a meeting of the Cabinet held at Sessions House.",
                         "PRESENT: Mr R Gough (Chairman)", "1. Apologies", "None."])
    assert pack is None and "no meeting date could be found" in log.messages[-1].text


def test_a_stamp_inside_a_heading_marks_that_paper():
    rep = ["From:", "Peter Oakford, Cabinet Member for Finance", "To:", "Cabinet – 4th March 2025", "Agenda Item 2",
           "Subject:", "Budget monitoring", "Classification: Unrestricted", "1. Introduction",
           "1.1 This report sets out the budget.", "2. Recommendations", "2.1 Cabinet is asked to note the report."]
    pack, archive, _ = read(KENT_FRONT + ["2. Budget monitoring (Pages 3 - 4)", "\f" + rep[0]] + rep[1:])
    assert [d.id for d in archive.documents if d.kind == "report"] == ["cabinet/2025-03-04/item-2"]


def test_an_agenda_over_two_pages_is_not_taken_for_a_missing_paper():
    lines = ["KENT COUNTY COUNCIL", "CABINET", "Tuesday, 4th March, 2025, at 10.00 am", "", "AGENDA",
             "1. Apologies", "2. Declarations of interest",
             "\f3. Capital programme update (Pages 1 - 2)", "4. Budget monitoring (Pages 3 - 4)",
             "\fFrom: Peter Oakford, Cabinet Member for Finance", "To: Cabinet – 4th March 2025",
             "Subject: Budget monitoring", "Classification: Unrestricted", "1. Introduction",
             "1.1 This report sets out the budget.", "\f2. Recommendations", "2.1 Cabinet is asked to note the report."]
    pack, archive, log = read(lines)
    assert [d.id for d in archive.documents if d.kind == "report"] == ["cabinet/2025-03-04/item-4"]
    assert [m for m in log.messages if "agenda item 3" in m.text and "no document was found" in m.text]


def test_a_minute_number_printed_above_the_first_minute_is_shown_once():
    lines = ["Minutes of a meeting of the Cabinet held in the Council Chamber on Thursday, 30 January 2025.",
             "PRESENT: Mr R W Gough (Chairman), Mr N Baker", "1.", "IN ATTENDANCE: Mr B Watts.",
             "Apologies", "(Item 1)", "None were received.", "2.", "Declarations of Interest", "(Item 2)", "None."]
    pack, archive, _ = read(lines)
    minutes = archive.document("cabinet/2025-01-30/minutes")
    assert [(i.number, i.title) for i in minutes.details.items] == [(1, "Apologies"), (2, "Declarations of Interest")]


def test_a_subject_beside_its_label_does_not_swallow_the_report():
    lines = KENT_FRONT + ["2. Budget monitoring",
                          "From: Peter Oakford, Cabinet Member for Finance", "", "To: Cabinet – 4th March 2025", "",
                          "Subject: Budget monitoring", "", "Purpose of the report", "",
                          "1. This report sets out the forecast outturn for 2024-25.", "", "Recommendations", "",
                          "2. Cabinet is asked to note the forecast."]
    pack, archive, _ = read(lines)
    [report] = pack.reports
    assert report.report.title == "Budget monitoring" and report.body[0].plain == "Purpose of the report"


SAMPLE = CONTENT / "children-and-families" / "003_574484955fa199b0.txt"


@pytest.mark.parametrize("outline, says", [
    ([{"line": 1, "kind": "report"}, {"line": 3302, "kind": "report"}], "after the last line of text"),
    ([{"line": 635, "kind": "report"}, {"line": 2368, "kind": "appendix"}, {"line": 2368, "kind": "appendix"}],
     "starts in the same paragraph as entry 2"),
    ([{"line": 1, "kind": "front-sheet"}, {"line": 28, "kind": "front-sheet"}], "a pack has one front sheet"),
])
def test_an_outline_that_cannot_be_followed_is_named_and_the_pack_read_as_usual(outline, says):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    pack, archive, log = read(lines, {"outline": outline}, ROOT / "site_config.yaml")
    [problem] = [m for m in log.messages if "outline" in m.text]
    assert says in problem.text and "the outline is ignored" in problem.text
    assert len(pack.reports) == 4  # read as usual


def test_an_outline_whose_first_entry_is_not_the_first_line_keeps_what_comes_before_with_it():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    pack, archive, log = read(lines, {"outline": [{"line": 28, "kind": "minutes"}, {"line": 635, "kind": "report"},
                                                  {"line": 1313, "kind": "report"}]}, ROOT / "site_config.yaml")
    report = pack.reports[0]
    assert report.report.title.startswith("REVIEW OF THE IMPLEMENTATION")
    assert [(m.paras[0].first, m.minutes.date.isoformat()) for m in pack.minutes] == [(1, "2021-01-19")]
