"""Every built page is valid HTML, by the W3C Nu Html Checker."""
from __future__ import annotations

from tools import vnu_errors


def test_the_checker_finds_errors_when_there_are_some(tmp_path):
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><html><body><p><div></p></body></html>")
    assert vnu_errors(tmp_path)


def test_every_page_of_the_built_site_is_valid_html(built_site):
    out, result, log = built_site
    assert result.pages > 30
    errors = vnu_errors(out)
    assert not errors, "\n".join(errors[:20])


def test_every_page_of_the_kent_site_is_valid_html(kent_site):
    project, result, _ = kent_site
    errors = vnu_errors(project / "_site")
    assert not errors, "\n".join(errors[:20])


def test_every_page_of_the_kent_site_built_from_pdfs_is_valid_html(kent_pdf_site):
    project, result, _ = kent_pdf_site
    errors = vnu_errors(project / "_site")
    assert not errors, "\n".join(errors[:20])
