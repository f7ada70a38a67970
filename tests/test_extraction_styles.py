"""The other shapes packs arrive in (tests/fixtures/packs, made from the samples by make_variants.py)
give the same archive as the samples they were made from."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, build_site, make_content

PACKS = Path(__file__).parent / "fixtures" / "packs"
SAMPLE_2022 = CONTENT / "children-and-families" / "001_904572338a83fb72.txt"
SAMPLE_2021 = CONTENT / "children-and-families" / "000_ab59ba1f63feb1ee.txt"
SAMPLE_2016 = CONTENT / "children-and-families" / "002_008c11dcedb6c535.txt"


def archive_of(tmp_path: Path, source: Path, name: str = "pack.txt"):
    folder = tmp_path / source.stem
    result, log = build_site(make_content(folder, {name: source}), folder / "_site")
    return json.loads((folder / "_site/data/archive.json").read_text(encoding="utf-8")), result, log


def shape(archive: dict) -> dict:
    """What the build understood, without the line numbers and text that differ between extractions."""
    return {
        "meetings": [(m["id"], m["time"], m["location"], m["minutes"], m["minutes_confirmed_at"],
                      [(i["number"], i["title"], i["report_by"], i["pages"], i["documents"]) for i in m["agenda"]])
                     for m in archive["meetings"]],
        "documents": [(d["id"], d["kind"], d["title"], d["report_of"], d["agenda_item"], d["parent"], d.get("label"),
                       d.get("sections"), d.get("paragraphs"),
                       [(i["number"], i["title"], len(i["resolutions"]), i["report_ref"], len(i["questions"]))
                        for i in d.get("minute_items", [])])
                      for d in archive["documents"]],
    }


@pytest.mark.parametrize("variant, sample", [
    ("pdftotext-2022-09-06.txt", SAMPLE_2022),
    ("bom-crlf-2022-09-06.txt", SAMPLE_2022),
    ("cp1252-crlf-2016-04-04.txt", SAMPLE_2016),
])
def test_variant_gives_the_same_archive_as_its_sample(tmp_path, variant, sample):
    expected, _, _ = archive_of(tmp_path, sample)
    found, result, log = archive_of(tmp_path, PACKS / variant)
    assert not log.messages, [str(m) for m in log.messages]
    assert shape(found) == shape(expected)
    [coverage] = result.coverage
    assert coverage.unplaced == () and coverage.placed_twice == ()


def test_byte_level_variants_keep_line_numbers(tmp_path):
    expected, _, _ = archive_of(tmp_path, SAMPLE_2022)
    found, _, _ = archive_of(tmp_path, PACKS / "bom-crlf-2022-09-06.txt")
    assert [d["lines"] for d in found["documents"]] == [d["lines"] for d in expected["documents"]]


def test_pdftotext_debris_is_counted(tmp_path):
    found, _, _ = archive_of(tmp_path, PACKS / "pdftotext-2022-09-06.txt")
    assert found["boilerplate_removed"]["page number"] >= 40
    assert "blank-page notice" not in found["boilerplate_removed"]


def test_pack_without_front_sheet_takes_its_date_from_the_report_headings(tmp_path):
    expected, _, _ = archive_of(tmp_path, SAMPLE_2021)
    found, _, log = archive_of(tmp_path, PACKS / "no-front-sheet-2021-11-02.txt")
    assert not log.messages, [str(m) for m in log.messages]
    meeting = next(m for m in found["meetings"] if m["id"] == "children-and-families/2021-11-02")
    assert meeting["agenda"] == [] and meeting["carries_minutes_of"] == "children-and-families/2021-09-07"
    reports = [d for d in found["documents"] if d["kind"] == "report"]
    assert [d["title"] for d in reports] == [d["title"] for d in expected["documents"] if d["kind"] == "report"]
    assert all(d["agenda_item"] is None and d["meeting"] == meeting["id"] for d in reports)
    assert len([d for d in found["documents"] if d["kind"] == "appendix"]) == \
        len([d for d in expected["documents"] if d["kind"] == "appendix"])


def pdftotext_variant(tmp_path: Path, name: str) -> Path:
    """The sample `name` in pdftotext style, made here as make_variants.py makes the others."""
    sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
    from make_variants import pdftotext_style, read
    variant = tmp_path / f"pdftotext-{name}"
    variant.write_text(pdftotext_style(read(name)), encoding="utf-8")
    return variant


def test_the_2021_pack_in_pdftotext_style_gives_the_same_archive(tmp_path):
    # Wrapped lines, bullets in any glyph, page numbers mid-paragraph, "Procedure Rule" / "16." a blank line
    # apart, a contact's role over two lines.
    expected, _, _ = archive_of(tmp_path, SAMPLE_2021)
    found, result, log = archive_of(tmp_path, pdftotext_variant(tmp_path, SAMPLE_2021.name))
    assert not log.messages, [str(m) for m in log.messages]
    assert shape(found) == shape(expected)


def test_the_2016_pack_in_pdftotext_style_loses_only_what_its_blank_page_notices_said(tmp_path):
    # The 2016 pack's second commissioning appendix prints neither label nor title: only the blank-page notice
    # before it says where it starts, and pdftotext style drops those. The reader says so; all else is the same.
    expected, _, _ = archive_of(tmp_path, SAMPLE_2016)
    found, result, log = archive_of(tmp_path, pdftotext_variant(tmp_path, SAMPLE_2016.name))
    lost = "children-and-families/2016-04-04/item-8/appendix-b"
    assert [d[0] for d in shape(expected)["documents"] if d not in shape(found)["documents"]] == [lost]
    assert shape(found)["documents"] == [d for d in shape(expected)["documents"] if d[0] != lost]
    assert [m.text for m in log.messages] == [
        "the report lists Appendix B (Children and Family Services Commissioning Intentions 2016/17), but no "
        "appendix in the pack carries its label or title."]
    assert "inside Appendix A" in log.messages[0].hint
