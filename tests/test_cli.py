"""`python build.py` as a clerk runs it: exit codes, the summary line, determinism, safe publishing."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, make_content, run_build

SUMMARY_RE = re.compile(r"^Built (\d+) meetings, (\d+) documents \((\d+) reports\), (\d+) warnings?"
                        r"(?: \((\d+) packs? read with doubts\))? in \d+\.\d s"
                        r"(?:; (\d+) pages and text files kept from the last build"
                        r"|; nothing had changed, so all (\d+) pages and text files published were kept as they are)?$")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_of_the_bundled_content(tmp_path):
    run = run_build("--out", str(tmp_path / "_site"))
    assert run.returncode == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    match = SUMMARY_RE.match(last)
    assert match, last
    archive = json.loads((tmp_path / "_site/data/archive.json").read_text())
    # 003 has no front sheet: its minutes record 19 January 2021, a meeting of their own
    assert int(match.group(1)) == len(archive["meetings"]) == 8
    assert int(match.group(2)) == len(archive["documents"])
    assert int(match.group(3)) == sum(1 for d in archive["documents"] if d["kind"] == "report") == 21
    # The doubts the samples give: the 2021 review lists its Appendix A, which the pack lacks; the Quarter 3
    # report's Appendix B is there, unlabelled, after Appendix A, and the warning says where to look.
    assert match.group(4) == "2" and match.group(5) == "1"  # both from one pack: 003
    assert "lists Appendix A (Corporate Parenting Strategy), but" in run.stderr
    assert "Appendix B may be in the pack without a label, inside Appendix A (lines 2844-3301)" in run.stderr
    assert match.group(6) is None  # nothing published before
    again = run_build("--out", str(tmp_path / "_site"))
    said = SUMMARY_RE.match(again.stdout.strip().splitlines()[-1])
    assert said and int(said.group(7)) >= sum(1 for _ in (tmp_path / "_site").rglob("index.html"))
    assert said.groups()[:5] == match.groups()[:5]  # the same counts, and the same warnings said again
    assert again.stderr == run.stderr


def test_every_url_in_archive_json_has_its_page(tmp_path):
    assert run_build("--out", str(tmp_path / "_site")).returncode == 0
    archive = json.loads((tmp_path / "_site/data/archive.json").read_text())
    urls = [m["url"] for m in archive["meetings"]] + [d["url"] for d in archive["documents"]]
    for url in urls:
        assert (tmp_path / "_site" / url.strip("/") / "index.html").is_file(), url
    ids = {d["id"] for d in archive["documents"]} | {m["id"] for m in archive["meetings"]}
    for meeting in archive["meetings"]:
        referenced = [meeting["minutes"], meeting["minutes_confirmed_at"], meeting["carries_minutes_of"],
                      *meeting["documents"], *(i for item in meeting["agenda"] for i in item["documents"])]
        assert all(ref in ids for ref in referenced if ref), meeting["id"]
    for doc in archive["documents"]:
        assert all(ref in ids for ref in (doc["meeting"], doc["parent"]) if ref), doc["id"]
        assert (ROOT / doc["source"]).is_file()


def test_two_builds_are_byte_identical(tmp_path):
    assert run_build("--out", str(tmp_path / "one")).returncode == 0
    assert run_build("--out", str(tmp_path / "two")).returncode == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_bad_usage_exits_2(tmp_path):
    assert run_build("--no-such-option").returncode == 2
    missing = run_build("--content", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x"))
    assert missing.returncode == 2 and "nowhere" in missing.stderr and "Traceback" not in missing.stderr


def test_strict_fails_on_warnings_and_passes_without(tmp_path):
    clean = make_content(tmp_path / "clean", {p.name: p for p in CONTENT.rglob("*") if p.is_file()
                                              and not p.name.startswith("003_")})
    assert run_build("--strict", "--content", str(clean), "--out", str(tmp_path / "clean" / "_site")).returncode == 0
    content = make_content(tmp_path, {"pack.txt": CONTENT / "children-and-families/001_904572338a83fb72.txt",
                                      "stray.pdf": b"%PDF-1.5"})
    run = run_build("--strict", "--content", str(content), "--out", str(tmp_path / "strict"))
    assert run.returncode == 1
    assert "content/stray.pdf: warning:" in run.stderr and "1 warning in" in run.stdout


def test_a_failed_build_leaves_the_published_site_as_it_was(tmp_path):
    out = tmp_path / "_site"
    assert run_build("--out", str(out)).returncode == 0
    before = tree_digest(out)
    config = tmp_path / "broken.yaml"
    config.write_text("title: [unclosed\n")
    run = run_build("--out", str(out), "--config", str(config))
    assert run.returncode == 1 and "not valid YAML" in run.stderr and "Traceback" not in run.stderr
    assert tree_digest(out) == before


def test_config_problems_are_reported_together_and_unknown_keys_warn(tmp_path):
    config = tmp_path / "site_config.yaml"
    config.write_text("titel: Papers\ncommittees: []\n")
    run = run_build("--out", str(tmp_path / "x"), "--config", str(config))
    assert run.returncode == 1
    assert "`title` is required" in run.stderr and "`base_url` is required" in run.stderr
    assert "`committees` must list" in run.stderr
    good = tmp_path / "good.yaml"
    good.write_text((ROOT / "site_config.yaml").read_text() + "\ntheme: dark\n")
    run = run_build("--out", str(tmp_path / "y"), "--config", str(good))
    assert run.returncode == 0 and "unknown key `theme`" in run.stderr


def test_check_reports_what_a_pack_holds_without_publishing(tmp_path):
    run = run_build("check", str(CONTENT / "children-and-families/001_904572338a83fb72.txt"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "meeting of the Children and Families Overview and Scrutiny Committee on 6 September 2022 at 14:00" in out
    assert "8. SEND and Inclusion (Director of Children and Family Services)" in out
    assert "report: SEND AND INCLUSION (lines 259-368)" in out
    assert "appendix A: Children and Family Services Department Performance Dashboard" in out
    assert "Minutes of the meeting of 7 June 2022, confirmed at the meeting of 6 September 2022: 13 minute items" in out
    assert "Every line placed on a page or named as boilerplate: yes." in out and "Nothing looks wrong." in out
    assert not (tmp_path / "_site").exists()


def test_check_names_problems_with_file_line_and_what_to_do(tmp_path):
    text = (CONTENT / "children-and-families/001_904572338a83fb72.txt").read_text(encoding="utf-8").replace(
        "Appendix A - Annual Report of the Leicestershire and Rutland Safeguarding Children Partnership 2021/22.",
        "Appendix A - Annual Report 2021/22.\n\nAppendix B - Business plan.")
    pack = tmp_path / "new.txt"
    pack.write_text(text, encoding="utf-8")
    run = run_build("check", str(pack), cwd=tmp_path)
    assert run.returncode == 0
    assert "MISSING: appendix B Business plan is listed but not found" in run.stdout
    assert ("new.txt:656: warning: the report lists Appendix B (Business plan), but no appendix in the pack carries "
            "its label or title.") in run.stdout
    assert "Nothing looks wrong." not in run.stdout and "Doubts about the reading: 1 (below)." in run.stdout
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4")
    run = run_build("check", str(binary), cwd=tmp_path)
    assert run.returncode == 1 and "scan.txt: warning: this is a PDF named as a text file" in run.stdout \
        and "Rename it to end .pdf" in run.stdout


def test_serve_builds_serves_and_rebuilds_on_change(tmp_path):
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request
    content = make_content(tmp_path, {"pack.txt": CONTENT / "children-and-families/001_904572338a83fb72.txt"})
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(content),
                                "--out", str(tmp_path / "_site")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "Serving" not in line:
            line = process.stdout.readline()
            assert line, process.stderr.read()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        page = urllib.request.urlopen(url + "meetings/").read().decode()
        assert "6 September 2022" in page and "4 April 2016" not in page
        (content / "second.txt").write_bytes((CONTENT / "children-and-families/002_008c11dcedb6c535.txt").read_bytes())
        deadline = time.time() + 60
        while "4 April 2016" not in page and time.time() < deadline:
            time.sleep(0.5)
            page = urllib.request.urlopen(url + "meetings/").read().decode()
        assert "4 April 2016" in page
        # As a static host serves it: the site's own 404 page, and no listing of folders (issue 15).
        for missing in ("no/such/page/", "data/", "assets/", "%00"):
            try:
                urllib.request.urlopen(url + missing)
                raise AssertionError(f"{missing} was served")
            except urllib.error.HTTPError as error:
                assert error.code == 404 and "Page not found" in error.read().decode(), missing
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "Traceback" not in process.stderr.read()


def test_feeds_calendar_sitemap_and_robots(tmp_path):
    import xml.etree.ElementTree as ElementTree
    from icalendar import Calendar
    assert run_build("--out", str(tmp_path / "_site")).returncode == 0
    site = tmp_path / "_site"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert entries[0].find(f"{atom}link").get("href").endswith("/2022-09-06/item-9/") or \
        "2022-09-06" in entries[0].find(f"{atom}link").get("href")
    assert feed.find(f"{atom}updated").text.startswith("2022-09-06")
    calendar = Calendar.from_ical((site / "meetings.ics").read_bytes())
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert events["children-and-families-2022-09-06"]["dtstart"].dt.isoformat() == "2022-09-06T14:00:00"
    assert "children-and-families-2022-11-08" in events  # announced on the latest front sheet, not yet held here
    assert "url" not in events["children-and-families-2022-11-08"]
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://papers.example.org/meetings/children-and-families/2021-11-02/item-8/" in locations
    assert all((site / loc.removeprefix("https://papers.example.org/") / "index.html").exists() for loc in locations)
    assert "Sitemap: https://papers.example.org/sitemap.xml" in (site / "robots.txt").read_text()
    home = (site / "index.html").read_text()
    assert 'href="feed.xml"' in home and 'href="meetings.ics"' in home


@pytest.mark.parametrize("when", ["the new site is begun", "its search index is begun",
                                  "the new site is begun out of the one the last build replaced"])
def test_a_killed_build_leaves_the_published_site_as_it_was(tmp_path, when):
    """Killed at a point of its own progress (not after a time, which depends on the machine): the moment the
    new site's folder, or its search index, appears beside the published one; or the moment the site the
    last build replaced is taken to make the new one from (`incremental.recycle`). The next build publishes
    the new site whole, as a build without the cache makes it."""
    import signal
    import subprocess
    import sys
    import time
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import synthesise
    content, config = synthesise(tmp_path / "big", 12)
    out = tmp_path / "_site"
    assert run_build("--out", str(out)).returncode == 0  # the published site: the samples
    retired = tmp_path / ".build-cache" / "retired"
    if "replaced" in when:  # a second build, without search, replaces it
        assert run_build("--out", str(out), "--no-search").returncode == 0
        [old] = list(retired.glob("site-*"))
        old_folder = old.stat().st_ino
    before = tree_digest(out)
    marker = out.with_name(f".{out.name}.new") / ("pagefind" if "search" in when else "")
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out),
                                "--config", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not marker.exists() and process.poll() is None:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before it reached the point to kill it at"
    assert tree_digest(out) == before
    if "replaced" in when:  # it had taken the old site to make its own out of
        assert not list(retired.glob("site-*"))
    assert run_build("--content", str(content), "--out", str(out), "--config", str(config)).returncode == 0
    assert tree_digest(out) != before  # and the next build publishes the new site whole
    if "replaced" in when:  # made out of what the killed build left
        assert out.stat().st_ino == old_folder
    fresh = tmp_path / "fresh" / "_site"
    assert run_build("--content", str(content), "--out", str(fresh), "--config", str(config),
                     "--no-cache").returncode == 0
    assert tree_digest(out) == tree_digest(fresh)


def test_no_cache_builds_afresh_without_reading_or_writing_the_build_cache(tmp_path):
    project = tmp_path / "project"
    content = make_content(project, {"pack.txt": CONTENT / "children-and-families" / "000_ab59ba1f63feb1ee.txt"})
    out = project / "_site"
    args = ("--content", str(content), "--out", str(out))
    first = run_build(*args, "--no-cache")
    assert first.returncode == 0, first.stderr
    assert not (project / ".build-cache").exists()
    published = tree_digest(out)
    assert run_build(*args).returncode == 0 and (project / ".build-cache").is_dir()
    again = run_build(*args, "--no-cache")
    assert "kept from the last build" not in again.stdout  # everything made afresh …
    assert tree_digest(out) == published  # … the same site


def test_the_site_is_put_back_if_a_build_died_while_swapping(tmp_path):
    out = tmp_path / "_site"
    assert run_build("--out", str(out)).returncode == 0
    before = tree_digest(out)
    out.rename(tmp_path / "._site.old")  # as if killed between the two renames
    config = tmp_path / "broken.yaml"
    config.write_text("title: [unclosed\n")
    assert run_build("--out", str(out), "--config", str(config)).returncode == 1
    assert tree_digest(out) == before


def test_the_benchmark_runs_at_a_small_size():
    import subprocess
    import sys
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), "--packs", "3"], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    for figure in ("Full build:", "Rebuild, nothing changed:", "Rebuild after adding one pack:", "Peak memory:",
                   "Search index size:", "First query fetches:", "Full build / (Hugo + Pagefind):"):
        assert figure in run.stdout
    kept, of = map(int, re.search(r"kept (\d+) of (\d+) pages and text files", run.stdout).groups())
    assert 0 < kept < of


def test_the_accessibility_statement_dates_are_checked(tmp_path):
    base = (ROOT / "site_config.yaml").read_text().split("\naccessibility_statement:")[0]
    undated = tmp_path / "undated.yaml"
    undated.write_text(base)
    run = run_build("--out", str(tmp_path / "a"), "--config", str(undated))
    assert run.returncode == 0 and "the accessibility statement has no dates" in run.stderr
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(base + "\naccessibility_statement:\n  prepared: last year\n")
    run = run_build("--out", str(tmp_path / "b"), "--config", str(wrong))
    assert run.returncode == 1 and "`accessibility_statement.prepared` must be a date, YYYY-MM-DD" in run.stderr


def test_jobs_sets_how_many_processes_build_and_is_checked(tmp_path):
    project = tmp_path / "project"
    content = make_content(project, {"pack.txt": CONTENT / "children-and-families" / "000_ab59ba1f63feb1ee.txt"})
    args = ("--content", str(content), "--no-cache", "--no-search")
    one = run_build(*args, "--out", str(project / "one"), "--jobs", "1")
    two = run_build(*args, "--out", str(project / "two"), "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert tree_digest(project / "one") == tree_digest(project / "two")
    for wrong in ("0", "two"):
        refused = run_build(*args, "--jobs", wrong)
        assert refused.returncode == 2 and "is not a number of processes" in refused.stderr
