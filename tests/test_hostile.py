"""Hostile and broken input (issue 17): each probe gets one clear message naming the file (and line or key)
and what to do, the rest of the site is built, nothing hangs, nothing outside content/ is published and no
link leads into a private network."""
from __future__ import annotations

import os
import re
import time

import pytest

from conftest import CONTENT, ROOT, build_site, make_content, run_build

GOOD = CONTENT / "children-and-families" / "001_904572338a83fb72.txt"
SAMPLE = GOOD.read_text(encoding="utf-8")
HANG = 30  # seconds: a hang detector, not a speed test (each quadratic case took over 60 s)


def quick_build(tmp_path, files, config=ROOT / "site_config.yaml"):
    """Build without the search index (not what these tests are about)."""
    return build_site(make_content(tmp_path, files), tmp_path / "_site", config, search=False)


def said(log, text):
    return [str(m) for m in log.messages if text in m.text]


def test_a_control_character_in_a_title_does_not_stop_the_feed(tmp_path):
    result, log = quick_build(tmp_path, {"pack.txt": SAMPLE.replace("SEND AND INCLUSION", "SEND\x02 AND\x1b INCLUSION")})
    feed = (tmp_path / "_site" / "feed.xml").read_text(encoding="utf-8")
    assert "SEND AND INCLUSION" in feed.upper() and "\x02" not in feed
    assert any(d.title.upper() == "SEND AND INCLUSION" for d in result.archive.documents)


@pytest.mark.parametrize("sidecar, says", [
    ("committee: 123\n", "names the committee '123', which is not in site_config.yaml"),
    ("committee: [a, b]\n", "`committee` is ['a', 'b'], not text"),
    ("date: 2021-13-01\n", "date '2021-13-01' is not a date"),
    ("time: 14:00\n", "`time` is 840, not text"),
    ("outline: 5\n", "`outline` is not a list"),
])
def test_sidecar_values_of_the_wrong_kind_are_named_and_ignored(tmp_path, sidecar, says):
    result, log = quick_build(tmp_path, {"pack.txt": SAMPLE, "pack.yaml": sidecar})
    assert said(log, says), [str(m) for m in log.messages]
    assert result.archive.meetings  # the pack is still published


def test_a_sidecar_date_with_a_time_is_that_date(tmp_path):
    result, _ = quick_build(tmp_path, {"pack.txt": SAMPLE, "pack.yaml": "date: 2022-09-06T14:00:00Z\n"})
    assert "children-and-families/2022-09-06" in {m.id for m in result.archive.meetings}


@pytest.mark.parametrize("sidecar, says", [
    ("date: 2022-09-06\ndate: 2022-09-07\n", "`date` is given twice (lines 1 and 2)"),
    ("a: &x [1, 2]\ntitle: *x\n", "anchors and aliases"),
])
def test_a_sidecar_with_repeated_keys_or_aliases_is_refused_with_its_line(tmp_path, sidecar, says):
    result, log = quick_build(tmp_path, {"good.txt": GOOD, "pack.txt": SAMPLE, "pack.yaml": sidecar})
    assert [m for m in log.warnings if m.source.endswith("pack.txt") and says in m.text and "(line " in m.text]
    assert "content/good.txt" in result.archive.sources


def test_a_bom_then_a_bad_byte_names_the_byte_and_its_line(tmp_path):
    data = b"\xef\xbb\xbf" + SAMPLE.encode()[:5000] + b"\x81\xff" + SAMPLE.encode()[5000:]
    line = SAMPLE.encode()[:5000].count(b"\n") + 1
    result, log = quick_build(tmp_path, {"good.txt": GOOD, "bad.txt": data})
    assert [m for m in log.warnings if m.source.endswith("bad.txt") and f"byte 0x81 on line {line}" in m.text]
    assert "content/good.txt" in result.archive.sources


def test_symbolic_links_are_not_followed_unless_the_settings_say_so(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Minutes of a meeting of the Children and Families Overview and Scrutiny "
                                        "Committee held on 1 March 2022.\n\nSECRET-WORDS here.\n")
    content = make_content(tmp_path, {"good.txt": GOOD})
    os.symlink(outside / "secret.txt", content / "secret.txt")
    os.symlink(outside, content / "elsewhere")
    os.symlink(tmp_path / "gone.txt", content / "dangling.txt")
    result, log = build_site(content, tmp_path / "_site", search=False)
    archive = (tmp_path / "_site" / "data" / "archive.json").read_text(encoding="utf-8")
    assert "SECRET-WORDS" not in archive and result.archive.sources == ("content/good.txt",)
    assert said(log, "this is a symbolic link, which is not followed") and said(log, "this folder is a symbolic link")
    assert said(log, "symbolic link") and all("follow_symlinks: true" in m.hint for m in log.warnings
                                              if "symbolic link" in m.text and "to nothing" not in m.text)
    config = tmp_path / "follow.yaml"
    config.write_text((ROOT / "site_config.yaml").read_text(encoding="utf-8") + "\nfollow_symlinks: true\n")
    followed, log = build_site(content, tmp_path / "_site", config, search=False)
    assert "content/secret.txt" in followed.archive.sources
    assert said(log, "a symbolic link to nothing")  # still named: there is nothing to read


def test_a_pipe_named_txt_is_skipped_not_waited_on(tmp_path):
    content = make_content(tmp_path, {"good.txt": GOOD})
    os.mkfifo(content / "pipe.txt")
    started = time.perf_counter()
    result, log = build_site(content, tmp_path / "_site", search=False)
    assert time.perf_counter() - started < HANG
    assert said(log, "is not a regular file") and result.archive.sources == ("content/good.txt",)


def test_standalone_documents_whose_titles_share_their_first_words_both_get_pages(tmp_path):
    title = "A strategy for children and families in the county over the next ten years"
    files = {"a.txt": f"{title}: part one\n\nThe first part.\n", "a.yaml": f"title: '{title}: part one'\ndate: 2020-01-01\n",
             "b.txt": f"{title}: part two\n\nThe second part.\n", "b.yaml": f"title: '{title}: part two'\ndate: 2020-01-01\n"}
    result, log = quick_build(tmp_path, files)
    ids = [d.id for d in result.archive.documents]
    assert len(ids) == len(set(ids)) == 2
    pages = [(tmp_path / "_site" / i / "index.html").read_text(encoding="utf-8") for i in ids]
    assert any("The first part." in p for p in pages) and any("The second part." in p for p in pages)
    assert said(log, "another document's title gives the same address")


@pytest.mark.parametrize("name, text", [
    ("a run of [", SAMPLE + "\n" + "[" * 100_000 + "\n"),
    ("a long token after Officers to contact", SAMPLE.replace("Officers to Contact", "Officers to Contact\n" + "a" * 150_000, 1)),
    ("many (ACR) in one paragraph", SAMPLE + "\n" + " ".join(["word (ABC)"] * 28_000) + "\n"),
    ("a run of spaces in an agenda line", SAMPLE.replace("1. Minutes of the meeting", "1." + " " * 60_000 + "Minutes of the meeting", 1)),
    ("a run of dashes after a name", SAMPLE.replace("Mrs. H. J. Fryer CC", "Mrs. H. J. Fryer CC" + "-" * 60_000, 1)),
])
def test_long_runs_are_read_in_linear_time_and_named(tmp_path, name, text):
    started = time.perf_counter()
    result, log = quick_build(tmp_path, {"pack.txt": text})
    assert time.perf_counter() - started < HANG, name
    assert result.archive.meetings and said(log, "characters long")


def test_a_ten_million_character_title_is_cut_with_a_warning_and_its_text_kept(tmp_path):
    words = "strategy " * 1_100_000
    result, log = quick_build(tmp_path, {"d.txt": f"{words}\n\nThe body.\n", "d.yaml": f"title: {words}\ndate: 2020-01-01\n"})
    [doc] = result.archive.documents
    assert len(doc.title) <= 301 and [m for m in said(log, "this title is 9,899,999 characters long") if "first 300" in m]


LINKS = ['[t](http://10.0.0.1/ "x")', r"[a \] b](http://127.1/)", "[](http://0x7f000001/)", "[x](http://2130706433/)",
         "[x](http://0/)", "[x](http://192.168.1.1./)", "[x](http://localhost./)", "[x](http://a.localhost/)",
         "[x](http://intranet/)", "[a [nested] label](http://10.9.9.9/)", "<http://172.16.0.1/>"]


def test_no_spelling_of_a_private_address_is_published_as_a_link(tmp_path):
    text = SAMPLE.replace("SEND and Inclusion", "SEND and Inclusion " + " ".join(LINKS) + " [y](javascript:alert(1))", 1)
    quick_build(tmp_path, {"pack.txt": text})
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "_site").rglob("*.html"))
    hrefs = re.findall(r'href="([^"]*)"', pages)
    for private in ("10.0.0.1", "127.1", "0x7f000001", "2130706433", "http://0/", "192.168.1.1", "localhost",
                    "intranet", "10.9.9.9", "172.16.0.1", "javascript:"):
        assert not [h for h in hrefs if private in h], private
    assert "[y](javascript:alert(1))" in pages  # shown as the text it is, not cut to "y)"


@pytest.mark.parametrize("change, says", [
    (lambda c: re.sub(r"committees:\n(?:  .*\n|    .*\n|      .*\n)+", "committees: 5\n", c), "`committees` must be a list"),
    (lambda c: c.replace("footers:\n", "footers: 5\nold_footers:\n", 1), "`footers` must be a list"),
    (lambda c: c + "\ntopics: 5\n", "`topics` is given twice"),
    (lambda c: re.sub(r"topics:\n(?:  .*\n|    .*\n|      .*\n)+", "topics: 5\n", c), "`topics` must be a list"),
    (lambda c: c + "\ntitle: Again\n", "`title` is given twice (lines"),
    (lambda c: c + "\nx1: &a [1,1,1,1,1,1,1,1,1]\nx2: [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n", "anchors and aliases"),
    (lambda c: c.replace("footers:\n", "footers:\n  - name: bad\n    pattern: '^(a+)+$'\n", 1), "footers[0]: the pattern repeats a part"),
    (lambda c: c.replace("  prepared:", "  prepared: 2026-13-45\n  old_prepared:", 1), "must be a date"),
])
def test_settings_of_the_wrong_shape_name_the_key_and_stop_the_build_cleanly(tmp_path, change, says):
    config = tmp_path / "site_config.yaml"
    config.write_text(change((ROOT / "site_config.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    run = run_build("--out", str(tmp_path / "_site"), "--config", str(config), "--no-search")
    assert run.returncode == 1 and says in run.stderr, run.stderr
    assert "stopped unexpectedly" not in run.stderr and "Traceback" not in run.stderr


def test_a_utf16_settings_file_is_named_as_such(tmp_path):
    config = tmp_path / "site_config.yaml"
    config.write_bytes((ROOT / "site_config.yaml").read_text(encoding="utf-8").encode("utf-16"))
    run = run_build("--out", str(tmp_path / "_site"), "--config", str(config), "--no-search")
    assert run.returncode == 1 and "is not UTF-8 text (UTF-16" in run.stderr, run.stderr


# Patterns that are searched only over a bounded stretch of text, and why.
BOUNDED = {"papersite.read.people.CHAIR_RE": "searched only in the last CHAIR_REACH characters (people.chair_role)"}


def test_every_pattern_the_build_uses_is_linear_on_long_runs():
    """Each module-level regular expression against long runs of the characters that make patterns quadratic
    (a hang detector: the quadratic ones took seconds at this length, the others milliseconds)."""
    import importlib
    import pkgutil
    import papersite
    runs = ["a", "[", " ", "\t", "1", "A", "a@", ". ", "(", "-", "–", " -", "a.", "Ab ", "1. ", "_", "*"]
    slow = []
    for info in pkgutil.walk_packages(papersite.__path__, "papersite."):
        module = importlib.import_module(info.name)
        for name, pattern in vars(module).items():
            if not isinstance(pattern, re.Pattern) or f"{info.name}.{name}" in BOUNDED \
                    or getattr(pattern, "__module__", None):
                continue
            for unit in runs:
                started = time.perf_counter()
                list(pattern.finditer(unit * 20_000))
                if time.perf_counter() - started > 0.5:
                    slow.append(f"{info.name}.{name} on a run of {unit!r}")
    assert not slow, slow


@pytest.mark.parametrize("url", ["http://10.0.0.%31/", "http://%31%32%37.0.0.1/", "http://10%2e0%2e0%2e1/",
                                 "http://intranet.%6cocal/", "http://10.0.0.1\u00ad/", "http://foo.localhost\u00ad/",
                                 "http://10\u30020\u30020\u30021/", "http://[::127.0.0.1]/", "http://[::ffff:0:7f00:1]/",
                                 "http://[64:ff9b::a00:1]/", "http://[64:ff9b:1::a00:1]/", "http://[2002:a00:1::]/"])
def test_hosts_are_judged_as_a_browser_reads_them(url):
    """Found by a review: percent-encoded and IDNA-mapped hosts, and IPv6 forms that carry an IPv4 address."""
    from papersite.connect.addresses import publishable
    from papersite.render.filters import inline
    assert not publishable(url)
    assert "href" not in inline(f"[x]({url})")


def test_public_addresses_stay_links():
    from papersite.connect.addresses import publishable
    assert all(publishable(u) for u in ("https://www.leicestershire.gov.uk/x", "http://8.8.8.8/", "https://bücher.de/",
                                        "http://[2001:4860:4860::8888]/", "mailto:clerk@leics.gov.uk"))


@pytest.mark.parametrize("make", ["symlink", "fifo", "folder"])
def test_a_sidecar_that_is_not_a_regular_file_is_never_read(tmp_path, make):
    """Found by a review: the sidecar beside a regular source was read through a link (publishing a file from
    outside content/), a pipe (the build hung) or a folder (the build stopped)."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: SECRET-FROM-OUTSIDE\n")
    content = make_content(tmp_path, {"good.txt": GOOD, "pack.txt": SAMPLE})
    sidecar = content / "pack.yaml"
    {"symlink": lambda: os.symlink(outside, sidecar), "fifo": lambda: os.mkfifo(sidecar),
     "folder": lambda: sidecar.mkdir()}[make]()
    started = time.perf_counter()
    result, log = build_site(content, tmp_path / "_site", search=False)
    assert time.perf_counter() - started < HANG
    assert [m for m in log.warnings if m.source.endswith("pack.txt") and "its sidecar pack.yaml" in m.text]
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "_site").rglob("*.html"))
    assert "SECRET-FROM-OUTSIDE" not in pages and "content/good.txt" in result.archive.sources


@pytest.mark.parametrize("where, text", [("sidecar", "date: !!timestamp 2021-13-01\n"),
                                         ("sidecar", "date: " + "9" * 5000 + "\n"),
                                         ("settings", "\nhuge: " + "9" * 5000 + "\n")])
def test_yaml_values_that_python_cannot_make_are_named_not_a_crash(tmp_path, where, text):
    config = tmp_path / "site_config.yaml"
    config.write_text((ROOT / "site_config.yaml").read_text(encoding="utf-8") + (text if where == "settings" else ""))
    files = {"good.txt": GOOD, "pack.txt": SAMPLE, **({"pack.yaml": text} if where == "sidecar" else {})}
    run = run_build("--content", str(make_content(tmp_path, files)), "--out", str(tmp_path / "_site"),
                    "--config", str(config), "--no-search")
    assert "stopped unexpectedly" not in run.stderr and "a value cannot be read" in run.stderr, run.stderr
    assert run.returncode == (1 if where == "settings" else 0)
