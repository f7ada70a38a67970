"""PDFs read directly: the same structure as their text, what only a PDF knows (pages, fonts, bookmarks),
printed page markers, the originals published, and bad PDFs named with what to do."""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import (CORPUS, KENT_CONFIG, KENT_PACKS, KENT_PDFS, build_as_usual_next, build_site, make_content,
                      run_build)
from pdfmaker import make_pdf
from papersite.read import pdf as pdf_reader
from papersite.read.pdf import read_pdf

TRUTH = CORPUS / "kent"


def norm(text) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower().replace("’", "'")))


def similar(a, b) -> float:
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


def archive_of(site: Path) -> dict:
    return json.loads((site / "data" / "archive.json").read_text(encoding="utf-8"))


def facts(archive: dict, source: str, truth: dict) -> dict[str, bool]:
    """Each fact of the truth file, by title and agenda item (not line): found or not."""
    docs = [d for d in archive["documents"] if d["source"] == source]
    meeting = next((m for m in archive["meetings"] if m["date"] == truth["meeting"]["date"]), None)
    found = {}
    items = {a["number"]: a for a in (meeting or {}).get("agenda", [])}
    for a in truth["agenda"]:
        got = items.get(a["number"])
        found[f"agenda {a['number']} title"] = bool(got) and similar(got["title"], a["title"]) >= 0.85
        if a.get("pages"):
            found[f"agenda {a['number']} pages"] = bool(got) and got["pages"] == a["pages"]
    for report in truth["reports"]:
        doc = next((d for d in docs if d["kind"] == "report" and d["agenda_item"] == report["agenda_item"]
                    and similar(d["title"], report["title"]) >= 0.85), None)
        found[f"report {report['title'][:40]}"] = doc is not None
        for appendix in report.get("appendices", []):
            if appendix.get("start_line") is None:
                continue  # listed, but not in the pack
            label = appendix["label"].split()[-1]
            found[f"report {report['title'][:40]}: appendix {label}"] = doc is not None and any(
                d["kind"] == "appendix" and d["parent"] == doc["id"] and d.get("label") == label for d in docs)
    for minutes in truth["minutes"]:
        doc = next((d for d in docs if d["kind"] == "minutes" and d["date"] == minutes["meeting_date"]), None)
        got = {i["number"]: i for i in (doc or {}).get("minute_items", [])}
        for item in minutes["items"]:
            mine = got.get(item["number"])
            found[f"minute {item['number']}"] = bool(mine) and similar(mine["title"], item["title"]) >= 0.8 \
                and len(mine["resolutions"]) == len(item.get("resolved") or [])
    return found


def test_kent_pdfs_give_every_document_and_minute_item_their_texts_give(kent_site, kent_pdf_site):
    """Read as PDFs, the Kent packs give each fact of their truth the texts give (by title and item), and
    the PDF gets right what the text got wrong where the pdftotext columns broke a title."""
    text_site = archive_of(kent_site[0] / "_site")
    pdf_site = archive_of(kent_pdf_site[0] / "_site")
    for pdf in KENT_PDFS:
        truth = json.loads((TRUTH / f"truth_{pdf.stem[:3]}.json").read_text(encoding="utf-8"))
        from_text = facts(text_site, f"content/{pdf.stem}.txt", truth)
        from_pdf = facts(pdf_site, f"content/{pdf.name}", truth)
        lost = [fact for fact, ok in from_text.items() if ok and not from_pdf[fact]]
        assert not lost, (pdf.name, lost)
        assert sum(from_pdf.values()) >= 0.97 * len(from_pdf), (pdf.name, [f for f, ok in from_pdf.items() if not ok])
    k02 = next(m for m in pdf_site["meetings"] if m["id"] == "county-council/2025-03-13")
    assert norm(k02["agenda"][1]["title"]).startswith("declarations of disclosable pecuniary interests or other")


def test_same_structure_from_pdf_and_from_text(kent_site, kent_pdf_site):
    """Meetings, documents (kind, agenda item, parent, label, title) and minute items: the same either way."""
    def structure(archive):
        docs = sorted((d["id"], d["kind"], d["agenda_item"], d["parent"], d.get("label")) for d in archive["documents"])
        titles = {d["id"]: d["title"] for d in archive["documents"]}
        minutes = sorted((d["id"], i["number"]) for d in archive["documents"] for i in d.get("minute_items", []))
        return [m["id"] for m in archive["meetings"]], docs, titles, minutes
    text_meetings, text_docs, text_titles, text_minutes = structure(archive_of(kent_site[0] / "_site"))
    pdf_meetings, pdf_docs, pdf_titles, pdf_minutes = structure(archive_of(kent_pdf_site[0] / "_site"))
    assert pdf_meetings == text_meetings and pdf_docs == text_docs and pdf_minutes == text_minutes
    assert all(similar(pdf_titles[i], text_titles[i]) >= 0.9 for i in text_titles), \
        [(pdf_titles[i], text_titles[i]) for i in text_titles if similar(pdf_titles[i], text_titles[i]) < 0.9]


def test_pdf_text_is_in_pdftotext_form_with_exact_pages():
    text = read_pdf(KENT_PDFS[2])  # k03: a ModernGov supplement with a blank page and stamps
    assert text.page_count == 22 and sum(line.count("\f") for line in text.lines) == 22
    assert "\fThis page is intentionally left blank" in text.lines
    assert "\fAgenda Item 7" in text.lines  # a stamp drawn after the page's foot, on a line of its own
    assert "Page 1" in text.lines and not any("Page 1 Agenda" in line for line in text.lines)
    assert text.bookmarks[-1].page == 12 and "Appendix B" in text.bookmarks[-1].title
    assert text.page_of_line(text.lines.index("\fAgenda Item 7") + 1) == 3


def test_lines_are_read_in_the_order_they_stand_on_the_page(tmp_path):
    """Drawn out of order (the page number first, the right-hand column before the left, the heading last),
    a page's lines are read top down and left to right, each column whole."""
    page = [{"text": "12", "x": 290, "y": 40},
            {"text": "Right column, first line", "x": 320, "y": 702}, {"text": "right column, second", "x": 320, "y": 688},
            {"text": "Left column, first line", "x": 72, "y": 700}, {"text": "left column, second", "x": 72, "y": 686},
            {"text": "A heading drawn last", "x": 72, "y": 760, "size": 16, "bold": True}]
    text = read_pdf(_write(tmp_path / "order.pdf", make_pdf([page])))
    assert [line for line in text.lines if line.strip("\f")] == [
        "A heading drawn last", "Left column, first line", "left column, second", "Right column, first line",
        "right column, second", "12"]


def test_fonts_bold_and_large_lines_are_headings_and_titles_keep_together(tmp_path):
    """A bold line is a heading in Contents; a title set large over three lines reads as one line."""
    body = "This paragraph is set in the body's type and says what the report is about in some words."
    pdf = make_pdf([[("Kent County Council", 24, True), ("Annual", 24, True), ("Report", 24, True), "",
                     ("Our Position", 11, True), body, "", ("Local Picture", 11, True), body, "",
                     ("Transforming Services and Inclusion", 11, True), body, "", ("Next Steps", 11, True), body]])
    text = read_pdf(_write(tmp_path / "a.pdf", pdf))
    assert text.lines[:3] == ("Kent County Council", "Annual", "Report")  # no blank lines between: one title
    emphasised = text.emphasis()
    assert emphasised(5) and not emphasised(6)
    content = make_content(tmp_path, {"annual.pdf": pdf, "annual.yaml": "title: Annual report\ndate: 2024-05-01\n"})
    result, log = build_site(content, tmp_path / "_site")
    page = BeautifulSoup((tmp_path / "_site" / "documents" / "annual-report" / "index.html").read_text(), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in page.select("main h2")]
    assert {"Our Position", "Local Picture", "Transforming Services and Inclusion", "Next Steps"} <= set(headings)
    assert [a.get_text() for a in page.select("nav.contents a")] == ["Kent County Council Annual Report",
                                                                      "Our Position", "Local Picture",
                                                                      "Transforming Services and Inclusion", "Next Steps"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_document_pages_show_printed_page_markers_and_link_the_original(kent_pdf_site):
    project, result, _ = kent_pdf_site
    site = project / "_site"
    archive = archive_of(site)
    report = next(d for d in archive["documents"] if d["id"] == "cabinet/2025-03-04/item-5")
    assert report["pages"] == [19, 22] and report["source_pages"] == [19, 22]
    assert report["original"] == "/papers/k01_kent_cabinet_2025-03-04.pdf#page=19"
    page = BeautifulSoup((site / "meetings/cabinet/2025-03-04/item-5/index.html").read_text(), "html.parser")
    marks = page.select("p.page-mark")
    assert [m["id"] for m in marks] == ["page-19", "page-20", "page-21", "page-22"]
    assert marks[0].get_text(strip=True) == "Page 19" and marks[0].a["href"] == "#page-19"
    original = page.find("a", href=re.compile(r"papers/k01_kent_cabinet_2025-03-04\.pdf#page=19$"))
    assert original and "1.9 MB" in original.parent.get_text()
    published = site / "papers" / "k01_kent_cabinet_2025-03-04.pdf"
    assert published.read_bytes() == KENT_PDFS[0].read_bytes()
    assert {o["url"] for o in archive["originals"]} == {f"/papers/{p.name}" for p in KENT_PDFS}
    # Every document's markers follow one another and sit among its blocks, each number once.
    for doc in archive["documents"]:
        html = (site / doc["url"].strip("/") / "index.html").read_text()
        numbers = [int(n) for n in re.findall(r'class="page-mark" id="page-(\d+)"', html)]
        assert numbers == sorted(set(numbers))
        if doc["pages"]:
            assert numbers[0] == doc["pages"][0] and numbers[-1] == doc["pages"][1]


def test_agenda_pages_link_to_the_page_marker_of_the_right_document(kent_pdf_site):
    project, _, _ = kent_pdf_site
    site = project / "_site"
    meeting = site / "meetings/cabinet/2025-03-04/index.html"
    page = BeautifulSoup(meeting.read_text(), "html.parser")
    links = {a.get_text(" ", strip=True).split(" of the papers")[0]: a["href"]
             for a in page.select(".agenda a") if a.get_text().startswith("(Pages")}
    assert links["(Pages 19 - 24"] == "item-5/#page-19"
    assert links["(Pages 1 - 18"] == "../2025-01-30/minutes/#page-1"
    for href in links.values():
        path, fragment = href.split("#")
        target = BeautifulSoup((meeting.parent / path / "index.html").read_text(), "html.parser")
        assert target.find(id=fragment) is not None, href
    originals = page.find("h2", string="The papers as published").find_next("ul")
    assert "k01_kent_cabinet_2025-03-04.pdf" in originals.get_text() and "101 pages" in originals.get_text()


def test_text_sources_publish_no_originals(built_site):
    site, _, _ = built_site
    assert not (site / "papers").exists()
    assert archive_of(site)["originals"] == []
    assert "papers as published" not in (site / "meetings/children-and-families/2021-11-02/index.html").read_text()


def test_a_sidecar_works_for_a_pdf(tmp_path):
    pdf = make_pdf([["Fostering strategy", "", "A plain document with no heading the reader knows."]])
    content = make_content(tmp_path, {"strategy.pdf": pdf,
                                      "strategy.yaml": "title: Fostering strategy 2024\ndate: 2024-02-01\n"})
    result, log = build_site(content, tmp_path / "_site")
    doc = next(d for d in result.archive.documents if d.source == "content/strategy.pdf")
    assert doc.title == "Fostering strategy 2024" and doc.kind == "document"
    assert (tmp_path / "_site" / "papers" / "strategy.pdf").exists()


def _messages(log, name):
    return [str(m) for m in log.messages if m.source == f"content/{name}"]


def test_bad_pdfs_each_get_one_clear_message_and_the_rest_builds(tmp_path):
    import pypdf
    good = KENT_PDFS[2].read_bytes()
    writer = pypdf.PdfWriter(clone_from=str(KENT_PDFS[2]))
    writer.encrypt("secret")
    encrypted = tmp_path / "encrypted.pdf"
    writer.write(encrypted)
    content = make_content(tmp_path, {
        "k03.pdf": good,
        "scanned.pdf": make_pdf(["scan", "scan"]),
        "encrypted.pdf": encrypted.read_bytes(),
        "damaged.pdf": good[:3000],
        "brochure.pdf": make_pdf([["Come to our summer fair", "", "Cakes, games and a tombola for all."]]),
        "part-scanned.pdf": make_pdf([["Fostering strategy", "", "A plain document."], "scan"]),
        "part-scanned.yaml": "title: Fostering strategy\ndate: 2024-02-01\n",
    })
    result, log = build_site(content, tmp_path / "_site", KENT_CONFIG)
    expected = {
        "scanned.pdf": ("no text layer (all 2 pages are pictures: a scan?)", "OCR"),
        "encrypted.pdf": ("encrypted with a password", "unprotected copy"),
        "damaged.pdf": ("damaged or not a PDF", "Download the papers again"),
        "brochure.pdf": ("a standalone document with no title of its own", "sidecar"),
        "part-scanned.pdf": ("page 2 of this PDF has no text layer", "OCR"),
    }
    for name, (says, advice) in expected.items():
        found = _messages(log, name)
        assert len(found) == 1 and says in found[0] and advice in found[0], (name, found)
    assert any(d.source == "content/k03.pdf" for d in result.archive.documents)
    strict = run_build("--content", str(content), "--out", str(tmp_path / "strict"), "--config", str(KENT_CONFIG),
                       "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr + strict.stdout
    assert "--strict treats warnings as errors" in strict.stderr


def test_a_rebuild_does_not_read_an_unchanged_pdf_again(tmp_path, monkeypatch):
    content = make_content(tmp_path, {"k03.pdf": KENT_PDFS[2]})
    first, _ = build_site(content, tmp_path / "_site", KENT_CONFIG)
    calls = []
    real = pdf_reader.read_pdf
    monkeypatch.setattr(pdf_reader, "read_pdf", lambda path: calls.append(path) or real(path))
    build_as_usual_next(tmp_path / "_site")
    again, _ = build_site(content, tmp_path / "_site", KENT_CONFIG)
    assert calls == [] and again.archive.documents == first.archive.documents
    (content / "k03.pdf").write_bytes(KENT_PDFS[2].read_bytes() + b"\n")  # changed bytes: read again
    build_site(content, tmp_path / "_site", KENT_CONFIG)
    assert len(calls) == 1


def test_check_numbers_a_pdfs_lines_and_names_pages_in_messages(tmp_path):
    content = make_content(tmp_path, {"k03.pdf": KENT_PDFS[2]})
    shown = run_build("check", str(content / "k03.pdf"), "--text", "--config", str(KENT_CONFIG))
    assert shown.returncode == 0
    assert "--- page 3 of the PDF ---" in shown.stdout and "    28  Agenda Item 7" in shown.stdout
    checked = run_build("check", str(content / "k03.pdf"), "--config", str(KENT_CONFIG))
    assert re.search(r"k03\.pdf:\d+ \(page \d+\): warning", checked.stdout)


def test_bookmarks_naming_a_paper_where_none_begins_are_doubted(tmp_path):
    front = ["AGENDA", "CABINET", "Thursday, 30 January 2025, at 10.00 am", "",
             "1. Apologies", "2. Budget report (Pages 1 - 2)"]
    report = ["From: Peter Oakford, Cabinet Member for Finance", "To: Cabinet - 30 January 2025",
              "Subject: Budget report", "", "1. Introduction", "", "1.1 The budget is set out here."]
    pdf = make_pdf([front, report, ["More of the budget report."]],
                   outline=[("Agenda", 0), ("2 Budget report", 1), ("Appendix A - Budget tables", 2)])
    content = make_content(tmp_path, {"cabinet.pdf": pdf})
    result, log = build_site(content, tmp_path / "_site", KENT_CONFIG)
    assert any(d.kind == "report" and d.agenda_item == 2 for d in result.archive.documents)
    # The bookmark of an appendix makes its page start one.
    assert any(d.kind == "appendix" for d in result.archive.documents), [str(m) for m in log.messages]
    assert not [m for m in log.messages if "bookmarks" in m.text]
    # A bookmark naming the item's paper on a page where none begins is a doubt, with the page.
    misplaced = make_pdf([front, report, ["More of the budget report."]],
                         outline=[("Agenda", 0), ("2 Budget report", 2)])
    content = make_content(tmp_path / "again", {"cabinet.pdf": misplaced})
    _, log = build_site(content, tmp_path / "again" / "_site", KENT_CONFIG)
    doubts = [m.text for m in log.messages if "bookmarks" in m.text]
    assert doubts == ["the PDF's bookmarks name papers on pages where none was found to begin: "
                      "\"2 Budget report\" (page 3)."], [str(m) for m in log.messages]


def test_what_a_review_found_in_odd_pdfs(tmp_path):
    """Regressions from a review with odd PDFs: rotated text and pages, a character beyond the BMP, a damaged
    page, no pages, a little junk before %PDF."""
    rotated = b"q 0 1 -1 0 0 0 cm\n" + b"\n".join(b"BT /F1 10 Tf 72 %d Td (%s) Tj ET" % (-500 + 14 * i, t) for i, t in
                                                  enumerate([b"Summary of the Medium Term Financial Plan",
                                                             b"Revenue Budget Monitoring Report"])) + b"\nQ"
    text = read_pdf(_write(tmp_path / "rotated.pdf", make_pdf([rotated])))
    assert "Summary of the Medium Term Financial Plan" in text.lines and "Revenue Budget Monitoring Report" in text.lines
    emoji = make_pdf([[("Parks Strategy", 16, True), "", "The strategy sets out the aims.", "",
                       ("Consultation", 11, True), "", "We asked residents € what they think."]], smiley=True)
    text = read_pdf(_write(tmp_path / "emoji.pdf", emoji))
    assert text.styles[text.lines.index("Consultation")].bold  # styles found on a page with a 😀
    assert "We asked residents 😀 what they think." in text.lines
    broken = make_pdf([["One"], ["Two"]]).replace(b"/Count 2", b"/Count 3")
    with pytest.raises(pdf_reader.PdfUnreadable, match="page 3 of its 3 pages is damaged"):
        read_pdf(_write(tmp_path / "broken.pdf", broken))
    import pypdf
    pypdf.PdfWriter().write(tmp_path / "empty.pdf")
    with pytest.raises(pdf_reader.PdfUnreadable, match="no pages"):
        read_pdf(tmp_path / "empty.pdf")
    content = make_content(tmp_path / "junk", {"k03.pdf": b"\r\n" + KENT_PDFS[2].read_bytes()})
    result, _ = build_site(content, tmp_path / "junk" / "_site", KENT_CONFIG)
    assert any(d.source == "content/k03.pdf" for d in result.archive.documents)


def test_a_pdf_turned_by_rotate_reads_as_upright(tmp_path):
    import pypdf
    writer = pypdf.PdfWriter(clone_from=str(KENT_PDFS[2]))
    for page in writer.pages:
        page.rotate(90)
    writer.write(tmp_path / "turned.pdf")
    assert read_pdf(tmp_path / "turned.pdf").lines == read_pdf(KENT_PDFS[2]).lines


def test_pdfs_and_texts_side_by_side_names_in_any_case_and_in_links(tmp_path):
    import pypdf
    writer = pypdf.PdfWriter(clone_from=str(KENT_PDFS[2]))
    writer.encrypt("secret")
    writer.write(tmp_path / "locked.pdf")
    text = (CORPUS / "kent" / "k03_kent_cabinet_2025-01-30_item7.txt").read_bytes()
    content = make_content(tmp_path, {
        "locked.pdf": (tmp_path / "locked.pdf").read_bytes(), "locked.txt": text,  # the text is read instead
        "2025/Cabinet #1 100%.PDF": KENT_PDFS[0], "2025/Cabinet #1 100%.txt": KENT_PACKS[0],
        "2025/Cabinet #1 100%.yaml": "committee: cabinet\n",  # a sidecar beside an upper-case .PDF
    })
    result, log = build_site(content, tmp_path / "_site", KENT_CONFIG)
    sources = set(result.archive.sources)
    assert sources == {"content/locked.txt", "content/2025/Cabinet #1 100%.PDF"}, sources
    said = [str(m) for m in log.messages if "locked" in m.source or "Cabinet #1" in m.source]
    assert any("encrypted" in m and "Its text beside it is read instead" in m for m in said), said
    assert not any("sidecar has no source" in m for m in said) and not any("second copy" in m for m in said)
    site = tmp_path / "_site"
    meeting = BeautifulSoup((site / "meetings/cabinet/2025-03-04/index.html").read_text(), "html.parser")
    link = meeting.find("a", string="Cabinet #1 100%.PDF")
    assert link["href"].endswith("papers/2025/Cabinet%20%231%20100%25.PDF")
    assert (site / "papers" / "2025" / "Cabinet #1 100%.PDF").exists()


def test_a_reissued_pdf_in_new_type_is_read_again(tmp_path):
    """The same words, now with bold headings: the pack cache does not serve the old reading."""
    lines = ["Fostering strategy", "", "Our Aims", "We want every child to have a home.", "", "Next Steps",
             "We will report back in a year."]
    content = make_content(tmp_path, {"s.pdf": make_pdf([lines]), "s.yaml": "title: Fostering strategy\ndate: 2024-02-01\n"})
    build_site(content, tmp_path / "_site")
    page = tmp_path / "_site" / "documents" / "fostering-strategy" / "index.html"
    assert not BeautifulSoup(page.read_text(), "html.parser").select("main h2")
    bold = [(line, 11, True) if line in ("Our Aims", "Next Steps") else line for line in lines]
    (content / "s.pdf").write_bytes(make_pdf([bold]))
    build_site(content, tmp_path / "_site")
    assert re.search(r'<h2[^>]*>Our Aims</h2>', page.read_text())


def test_a_heading_reading_page_n_does_not_take_a_page_markers_id():
    from papersite.assemble.blocks import Block
    from papersite.assemble.layout import _with_heading_anchors
    blocks = _with_heading_anchors([Block("heading", (1,), text="Page 3"), Block("heading", (2,), text="Caption 2")])
    assert [b.anchor for b in blocks] == ["page-3-heading", "caption-2-heading"]


def test_only_labels_as_printed_make_a_bookmark_an_appendix():
    from papersite.read.outline import BOOKMARKED_APPENDIX_RE
    assert BOOKMARKED_APPENDIX_RE.search("Item 7 - Supplementary - 24-00109 - Appendix B - EqIA Updated Jan 2025")
    assert BOOKMARKED_APPENDIX_RE.search("ANNEX 2 Budget tables")
    assert not BOOKMARKED_APPENDIX_RE.search("Glossary as an annex to the report")


def test_a_text_with_form_feeds_shows_its_printed_pages_too(kent_site):
    """pdftotext's text of the same pack: the same markers and agenda links, and no link to an original."""
    project, _, _ = kent_site
    page = BeautifulSoup((project / "_site/meetings/cabinet/2025-03-04/item-5/index.html").read_text(), "html.parser")
    assert [m["id"] for m in page.select("p.page-mark")] == ["page-19", "page-20", "page-21", "page-22"]
    assert not page.find(string=re.compile("of the PDF"))
    meeting = BeautifulSoup((project / "_site/meetings/cabinet/2025-03-04/index.html").read_text(), "html.parser")
    assert meeting.find("a", href="item-5/#page-19") and not meeting.find(string="The papers as published")
    report = next(d for d in archive_of(project / "_site")["documents"] if d["id"] == "cabinet/2025-03-04/item-5")
    assert report["pages"] == [19, 22] and "original" not in report
