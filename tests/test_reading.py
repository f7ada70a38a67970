"""Reading whole packs as a clerk would: another body's minutes, two sets of minutes in one pack, papers the
agenda promises, supplements, the clerk's outline in a sidecar, and the standard page in each wording."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CONTENT, KENT_CONFIG, KENT_PACKS, KENT_PDFS, ROOT, build_site, make_content, run_build

SAMPLE_2022 = CONTENT / "children-and-families" / "001_904572338a83fb72.txt"
SAMPLE_2021_03 = CONTENT / "children-and-families" / "003_574484955fa199b0.txt"


def archive_of(out) -> dict:
    return json.loads((out / "data" / "archive.json").read_text(encoding="utf-8"))


def page(out, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def messages_for(log, name: str) -> list[str]:
    return [m.text for m in log.messages if m.source.endswith(name)]


# --- another body's minutes, two sets in one pack ------------------------------------------------------------

def test_another_bodys_minutes_are_filed_under_that_body_and_named_in_a_warning(kent_site):
    project, result, log = kent_site
    archive = archive_of(project / "_site")
    meetings = {m["id"]: m for m in archive["meetings"]}
    documents = {d["id"]: d for d in archive["documents"]}
    # County Council, 13 March 2025 (k02): its own minutes of 13 February and two sets of the Corporate
    # Parenting Panel's, 29 October and 10 December 2024, each kept whole under the panel.
    for day, items in (("2024-10-29", 12), ("2024-12-10", 10)):
        minutes = documents[f"corporate-parenting-panel/{day}/minutes"]
        assert len(minutes["minute_items"]) == items and minutes["meeting"] == f"corporate-parenting-panel/{day}"
        assert meetings[f"corporate-parenting-panel/{day}"]["minutes_confirmed_at"] == "county-council/2025-03-13"
    assert len(documents["county-council/2025-02-13/minutes"]["minute_items"]) == 6
    item_4 = next(i for i in meetings["county-council/2025-03-13"]["agenda"] if i["number"] == 4)
    assert item_4["documents"] == ["corporate-parenting-panel/2024-10-29/minutes",
                                   "corporate-parenting-panel/2024-12-10/minutes"]
    named = [t for t in messages_for(log, "k02_kent_council_2025-03-13.txt") if "Corporate Parenting Panel" in t]
    assert len(named) == 2 and "not one of the committees in site_config.yaml" in named[0]
    panel = page(project / "_site", "/meetings/corporate-parenting-panel/2024-10-29/")
    assert panel.h1.get_text(" ", strip=True).startswith("Corporate Parenting Panel")
    assert "published with the papers of the County Council meeting of 13 March 2025" in text_of(panel)


def test_a_body_in_the_settings_gets_its_minutes_under_its_own_slug(tmp_path):
    config = tmp_path / "kent.yaml"
    settings = yaml.safe_load(KENT_CONFIG.read_text())
    settings["committees"].append({"slug": "corporate-parenting", "name": "Corporate Parenting Panel"})
    config.write_text(yaml.safe_dump(settings))
    pack = next(p for p in KENT_PACKS if p.name.startswith("k02"))
    result, log = build_site(make_content(tmp_path, {pack.name: pack}), tmp_path / "_site", config)
    ids = {m.id for m in result.archive.meetings}
    assert {"corporate-parenting/2024-10-29", "corporate-parenting/2024-12-10"} <= ids
    assert not [t for t in messages_for(log, pack.name) if "Corporate Parenting Panel" in t]


def test_every_line_of_every_kent_pack_is_placed(kent_site):
    _, result, log = kent_site
    assert len(result.coverage) == 3
    for coverage in result.coverage:
        assert coverage.unplaced == () and coverage.placed_twice == (), coverage.source
        assert coverage.on_pages + coverage.boilerplate == coverage.content_lines
    assert not [m for m in log.messages if "on no page" in m.text or "more than one page" in m.text]


def test_agenda_items_whose_papers_are_not_in_the_text_are_named(kent_site):
    _, _, log = kent_site
    # k02 is the first 190 of the pack's 342 printed pages: items 10-17 are listed, their papers absent.
    [beyond] = [t for t in messages_for(log, "k02_kent_council_2025-03-13.txt") if "are not in this text" in t]
    assert beyond.startswith("agenda items 10-17 (pages 191-342)")


# --- the agenda as table of contents --------------------------------------------------------------------------

def test_a_paper_whose_heading_is_not_recognised_is_found_by_its_agenda_title(tmp_path):
    lines = SAMPLE_2022.read_text(encoding="utf-8").split("\n")
    assert lines[379].startswith("**REPORT OF THE DIRECTOR")
    lines[379:381] = ["Director of Children and Family", "Services"]  # no "REPORT OF": no heading recogniser knows it
    content = make_content(tmp_path, {"pack.txt": "\n".join(lines)})
    result, log = build_site(content, tmp_path / "_site")
    item_9 = result.archive.document("children-and-families/2022-09-06/item-9")
    assert item_9.first == 374 and item_9.title.startswith("CLOSURE REPORT - DEFINING CHILDREN")
    assert not log.messages, [str(m) for m in log.messages]


def test_a_paper_stamped_agenda_item_n_starts_there_and_is_for_item_n(tmp_path):
    lines = SAMPLE_2022.read_text(encoding="utf-8").split("\n")
    # Item 9's heading no recogniser knows and a title the agenda does not print; ModernGov's stamp above it.
    lines[373:381] = ["Agenda Item 9", "", "PROGRAMME CLOSURE", "", "", "", "", ""]
    result, log = build_site(make_content(tmp_path, {"pack.txt": "\n".join(lines)}), tmp_path / "_site")
    item_9 = result.archive.document("children-and-families/2022-09-06/item-9")
    assert (item_9.first, item_9.title) == (376, "PROGRAMME CLOSURE")
    assert result.archive.debris["agenda item stamp"] == 1
    assert not [m for m in log.messages if "item 9" in m.text], [str(m) for m in log.messages]


def test_an_agenda_item_that_lists_pages_but_has_no_paper_is_a_doubt(tmp_path):
    lines = SAMPLE_2022.read_text(encoding="utf-8").split("\n")
    del lines[373:489]  # item 9's report, lost from the pack
    run = run_build("check", str(make_content(tmp_path, {"pack.txt": "\n".join(lines)}) / "pack.txt"), cwd=tmp_path)
    assert 'agenda item 9 "Closure Report - Defining Children and Family Services for the Future" (pages 19-26) ' \
           "should have papers, but no document was found for it in this pack." in run.stdout
    assert "Nothing looks wrong." not in run.stdout and "check FILE --outline" in run.stdout


# --- supplements ---------------------------------------------------------------------------------------------

SUPPLEMENT_LETTER = """SUPPLEMENTARY INFORMATION

Children and Families Overview and Scrutiny Committee

Tuesday, 6 September 2022

I am now able to enclose the following report, which was marked "to follow" on the agenda.

AGENDA

11. Annual Report of the Leicestershire and Rutland Safeguarding Children's Partnership (Pages 1 - 20)

"""


def test_a_supplement_adds_its_papers_to_the_meeting_marked_as_published_later(tmp_path):
    lines = SAMPLE_2022.read_text(encoding="utf-8").split("\n")
    start = 655  # the item 11 report (line 656) and its appendix, to the end of the pack
    agenda = "\n".join(lines[:start]).replace(
        "11. Annual Report of the Leicestershire and Rutland Safeguarding Children's Partnership. Director of "
        "Children and Family Services (Pages 35 - 54)",
        "11. Annual Report of the Leicestershire and Rutland Safeguarding Children's Partnership. Director of "
        "Children and Family Services (To follow)")
    assert "To follow" in agenda
    content = make_content(tmp_path, {"pack.txt": agenda, "supplement.txt": SUPPLEMENT_LETTER + "\n".join(lines[start:])})
    result, log = build_site(content, tmp_path / "_site")
    meeting = result.archive.meeting("children-and-families/2022-09-06")
    item_11 = next(ids for item, ids in meeting.agenda if item.number == 11)
    assert item_11 == ("children-and-families/2022-09-06/item-11", "children-and-families/2022-09-06/item-11/appendix-a")
    report = result.archive.document(item_11[0])
    assert report.published_later and report.source == "content/supplement.txt"
    assert "children-and-families/2022-09-06/supplement" in meeting.documents
    assert [t for t in messages_for(log, "pack.txt") if "to follow" in t]  # said while only the agenda was there
    assert not messages_for(log, "supplement.txt")
    data = archive_of(tmp_path / "_site")
    assert next(d for d in data["documents"] if d["id"] == item_11[0])["published_later"] is True
    shown = page(tmp_path / "_site", "/meetings/children-and-families/2022-09-06/")
    assert "(published later, in a supplement)" in text_of(shown.find(id="item-11"))


def test_a_pack_with_no_paper_of_its_own_is_still_a_second_copy(tmp_path):
    content = make_content(tmp_path, {"a.txt": SAMPLE_2022, "b.txt": SAMPLE_2022.read_text(encoding="utf-8") + "\n"})
    result, log = build_site(content, tmp_path / "_site")
    assert [t for t in messages_for(log, "b.txt") if "second copy of the pack" in t]
    assert all(d.source == "content/a.txt" for d in result.archive.documents)


# --- the clerk's outline ---------------------------------------------------------------------------------------

def test_a_mis_split_pack_is_published_right_from_the_clerks_outline(tmp_path):
    # 003's Quarter 3 report lists Appendix B, which the pack prints without label or title straight after
    # Appendix A's dashboard (truth: line 3021): the reader cannot tell where it starts, and says so.
    content = make_content(tmp_path, {"pack.txt": SAMPLE_2021_03})
    run = run_build("check", str(content / "pack.txt"), "--outline", cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("# The outline the build found in pack.txt.")
    outline = yaml.safe_load(run.stdout)["outline"]
    assert [(e["line"], e["kind"]) for e in outline][-2:] == [(2515, "report"), (2844, "appendix")]
    # The clerk adds where Appendix B starts, and corrects a title.
    outline.append({"line": 3021, "kind": "appendix", "label": "B"})
    outline[2]["title"] = "Corporate Parenting Strategy review"
    (content / "pack.yaml").write_text(yaml.safe_dump({"outline": outline}), encoding="utf-8")
    result, log = build_site(content, tmp_path / "_site")
    report = result.archive.document("children-and-families/2021-03-09/report-4")
    assert report.appendices == ("children-and-families/2021-03-09/report-4/appendix-a",
                                 "children-and-families/2021-03-09/report-4/appendix-b")
    appendix_b = result.archive.document(report.appendices[1])
    assert (appendix_b.first, appendix_b.last, appendix_b.title) == (3021, 3301, "Annual corporate benchmarking dashboards")
    assert result.archive.document("children-and-families/2021-03-09/report-1").title == \
        "Corporate Parenting Strategy review"
    assert report.missing_appendices == ()
    assert [t for t in messages_for(log, "pack.txt")] == [
        "the report lists Appendix A (Corporate Parenting Strategy), but no appendix in the pack carries its label "
        "or title."]  # the first report's appendix is truly absent
    [coverage] = result.coverage
    assert coverage.unplaced == () and coverage.placed_twice == ()


def test_an_outline_that_cannot_be_followed_says_why_and_the_pack_is_read_as_usual(tmp_path):
    content = make_content(tmp_path, {"pack.txt": SAMPLE_2021_03,
                                      "pack.yaml": "outline:\n  - line: 99999\n    kind: report\n"})
    result, log = build_site(content, tmp_path / "_site")
    [problem] = [m for m in log.messages if "outline" in m.text]
    assert "entry 1: `line: 99999` is not a line of the text (1 to 3302)" in problem.text and problem.hint
    assert result.archive.document("children-and-families/2021-03-09/report-4")


# --- the standard page, in each wording -------------------------------------------------------------------------

def test_each_wording_of_the_questioning_guide_is_published_once(built_site):
    out, result, _ = built_site
    about = page(out, "/about/")
    versions = about.find_all("p", class_="guide-version")
    assert len(versions) == len(result.archive.questioning_guide) == 4
    text = text_of(about)
    assert text.count("Members serving on Overview and Scrutiny have a key role") == 1  # 2016's wording
    assert text.count("Centre for Public Scrutiny website") == 1  # March 2021's (003: its last page only)
    assert text.count("Centre for Governance and Scrutiny") == 2  # November 2021's and 2022's
    dates = [v.find("time")["datetime"] for v in versions]
    assert dates == sorted(dates) == ["2016-04-04", "2021-03-09", "2021-11-02", "2022-09-06"]
    ids = [tag["id"] for tag in about.find_all(id=True)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("pack, config", [
    *[(p, KENT_CONFIG) for p in KENT_PACKS],
    *[(p, KENT_CONFIG) for p in KENT_PDFS],  # a PDF's outline counts the lines of its text (`check --text`)
    *[(CONTENT / "children-and-families" / name, ROOT / "site_config.yaml")
      for name in ("000_ab59ba1f63feb1ee.txt", "001_904572338a83fb72.txt", "003_574484955fa199b0.txt")],
])
def test_the_outline_check_prints_is_read_back_as_the_same_reading(pack, config):
    # What `check FILE --outline` prints, saved as the sidecar unchanged, gives the very reading it came from:
    # the clerk starts from the truth of the build, not an approximation of it.
    from papersite.assemble.archive import build_archive
    from papersite.clerk import outline_sidecar
    from papersite.config import load_config
    from papersite.messages import Log
    from papersite.read.pack import read_pack
    from papersite.read.sources import read_any
    settings = load_config(config, Log())
    text, _ = outline_sidecar(pack, settings)
    source = read_any(pack, f"content/pack{pack.suffix}", Log())

    def reading(sidecar):
        log = Log()
        archive = build_archive([read_pack(replace(source, sidecar=sidecar), settings, log)], settings, log)
        return [(d.id, d.kind, d.first, d.last, d.title, d.label, d.agenda_item, d.parent)
                for d in archive.documents], sorted(m.text for m in log.messages)
    assert reading(yaml.safe_load(text)) == reading({})
