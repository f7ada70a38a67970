"""The external tools work on this machine: the Nu Html Checker tells a broken page from a valid one, and
Playwright drives Debian's Chromium. A missing tool fails here with the command that installs it."""
from __future__ import annotations

import subprocess

from playwright.sync_api import sync_playwright

from tools import chromium_path, launch_chromium, run_vnu

VALID = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Children and Young People Committee</title>
</head>
<body>
<main><h1>Agenda</h1><p>Item 1: Apologies for absence.</p></main>
</body>
</html>
"""

# No title, a <div> inside a <p> closed by the </p>, an unclosed element: each one an error.
INVALID = "<!DOCTYPE html><html><body><p><div>Agenda</p></body></html>"


def test_the_nu_html_checker_reports_errors_in_a_broken_page_and_none_in_a_valid_one(tmp_path):
    bad = tmp_path / "bad.html"
    good = tmp_path / "good.html"
    bad.write_text(INVALID, encoding="utf-8")
    good.write_text(VALID, encoding="utf-8")

    errors = run_vnu([bad, good])

    assert errors, "the checker found nothing wrong in a broken page"
    assert all(error.startswith(f"{bad}:") for error in errors), errors
    assert any("title" in error for error in errors), errors
    assert run_vnu([good]) == []
    assert run_vnu([tmp_path]) == errors  # a folder: every .html file in it


def test_playwright_drives_debians_chromium_on_a_file_page(tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text(VALID, encoding="utf-8")

    installed = subprocess.run([chromium_path(), "--version"], capture_output=True, text=True, check=True).stdout

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            assert page.title() == "Children and Young People Committee"
            assert page.locator("h1").inner_text() == "Agenda"
            # The browser is Debian's: its version is the one `chromium --version` prints.
            assert browser.version in installed, (browser.version, installed)
        finally:
            browser.close()


def test_ci_runs_the_readmes_test_command():
    """The README's second shell block is the command CI runs (the last line of .ci/run), word for word."""
    import re
    from conftest import ROOT
    blocks = re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert blocks[1].strip() == ci
