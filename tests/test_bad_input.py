"""Bad input: one clear message naming the file (and line) and what to do; the rest of the site builds."""
from __future__ import annotations

import json

import pytest

from conftest import CONTENT, build_site, make_content, run_build

GOOD = CONTENT / "children-and-families" / "001_904572338a83fb72.txt"


def messages_for(log, name):
    return [str(m) for m in log.messages if m.source.endswith(name)]


@pytest.mark.parametrize("name, data, says, advice", [
    ("empty.txt", b"", "is empty", "Put the extracted text"),
    ("blank.txt", b"\n\n   \n", "is empty", "Put the extracted text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", "plain text"),
    ("agenda.pdf", b"%PDF-1.4\n1 0 obj\n", "is damaged or not a PDF", "Download the papers again"),
    ("renamed-pdf.txt", b"%PDF-1.4\n1 0 obj\n", "is a PDF named .txt", "Rename it to end .pdf"),
    ("not-a-pdf.pdf", b"Minutes of a meeting", "named .pdf but is not a PDF", "council's PDF"),
    ("latin.txt", b"Minutes \x81\x8d\x90 of a meeting", "neither UTF-8 nor Windows-1252", "UTF-8"),
    ("notes.docx", b"PK\x03\x04", "are not read", ".txt"),
    ("utf16.txt", "Minutes of a meeting".encode("utf-16"), "UTF-16", "UTF-8"),
])
def test_unusable_file_gets_one_message_and_the_rest_builds(tmp_path, name, data, says, advice):
    content = make_content(tmp_path, {"good.txt": GOOD, name: data})
    result, log = build_site(content, tmp_path / "_site")
    found = messages_for(log, name)
    assert len(found) == 1, found
    assert f"content/{name}" in found[0] and says in found[0] and advice in found[0]
    assert [m.id for m in result.archive.meetings] == ["children-and-families/2022-06-07", "children-and-families/2022-09-06"]


def test_pack_with_no_recognisable_date(tmp_path):
    text = GOOD.read_text(encoding="utf-8")
    undated = text.replace("Tuesday, 6 September 2022", "Tuesday").replace("6 SEPTEMBER 2022", "").replace(
        "– 6 SEPTEMBER 2022", "").replace("- 6 SEPTEMBER 2022", "")
    undated = "\n".join(line for line in undated.split("\n") if not line.startswith("Minutes of a meeting"))
    content = make_content(tmp_path, {"undated.txt": undated})
    result, log = build_site(content, tmp_path / "_site")
    [message] = messages_for(log, "undated.txt")
    assert "no meeting date" in message and "sidecar" in message and "date: YYYY-MM-DD" in message


def test_pack_with_unknown_committee_names_what_it_found(tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace("Children and Families Overview and Scrutiny Committee",
                                                    "Highways and Transport Overview and Scrutiny Committee")
    text = text.replace("CHILDREN AND FAMIL", "HIGHWAYS AND TRANSPORT FAMIL")
    content = make_content(tmp_path, {"other.txt": text, "good.txt": CONTENT / "children-and-families" / "000_ab59ba1f63feb1ee.txt"})
    result, log = build_site(content, tmp_path / "_site")
    [message] = messages_for(log, "other.txt")
    assert "Highways and Transport Overview and Scrutiny Committee" in message and "site_config.yaml" in message
    assert "children-and-families/2021-11-02" in [m.id for m in result.archive.meetings]


def test_a_sidecar_names_the_committee_and_date(tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace("Children and Families Overview and Scrutiny Committee", "The Committee")
    text = text.replace("CHILDREN AND FAMIL", "THE FAMIL")
    content = make_content(tmp_path, {"pack.txt": text, "pack.yaml": "committee: children-and-families\ndate: 2022-09-07\n"})
    result, log = build_site(content, tmp_path / "_site")
    assert "children-and-families/2022-09-07" in [m.id for m in result.archive.meetings]


def test_two_packs_for_the_same_meeting(tmp_path):
    content = make_content(tmp_path, {"a.txt": GOOD, "b.txt": GOOD})
    result, log = build_site(content, tmp_path / "_site")
    [message] = messages_for(log, "b.txt")
    assert "second copy of the pack for the meeting of 06 September 2022" in message and "content/a.txt" in message
    assert "Remove one" in message
    assert len([d for d in result.archive.documents if d.kind == "report"]) == 4


def test_markup_in_the_source_is_shown_as_text_never_run(tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace(
        "1. The purpose of this report is to provide an update",
        "1. <script>alert('x')</script> <img src=x onerror=alert(1)> The purpose of this report is to provide an update")
    content = make_content(tmp_path, {"pack.txt": text})
    build_site(content, tmp_path / "_site")
    page = (tmp_path / "_site" / "meetings/children-and-families/2022-09-06/item-8/index.html").read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert('x')&lt;/script&gt;" in page


def test_a_listed_appendix_that_is_absent_is_recorded_as_missing(tmp_path):
    text = GOOD.read_text(encoding="utf-8").replace(
        "Appendix A - Annual Report of the Leicestershire and Rutland Safeguarding Children Partnership 2021/22.",
        "Appendix A - Annual Report of the Leicestershire and Rutland Safeguarding Children Partnership 2021/22.\n\n"
        "Appendix B - Partnership business plan 2022/23.")
    content = make_content(tmp_path, {"pack.txt": text})
    result, log = build_site(content, tmp_path / "_site")
    out = json.loads((tmp_path / "_site/data/archive.json").read_text())
    report = next(d for d in out["documents"] if d["id"] == "children-and-families/2022-09-06/item-11")
    assert report["missing_appendices"] == [{"label": "B", "title": "Partnership business plan 2022/23"}]
    assert [d["label"] for d in out["documents"] if d.get("parent") == report["id"]] == ["A"]
    assert any("lists Appendix B" in str(m) and "missing" in str(m) for m in log.messages)


def test_strict_turns_a_bad_file_into_a_failure_and_no_traceback_reaches_the_user(tmp_path):
    content = make_content(tmp_path, {"good.txt": GOOD, "broken.txt": b"\x00\x01\x02binary"})
    relaxed = run_build("--content", str(content), "--out", str(tmp_path / "a"))
    strict = run_build("--content", str(content), "--out", str(tmp_path / "b"), "--strict")
    assert relaxed.returncode == 0 and strict.returncode == 1
    for run in (relaxed, strict):
        assert "Traceback" not in run.stderr + run.stdout
        assert "content/broken.txt: warning:" in run.stderr
    assert (tmp_path / "a" / "index.html").exists()
