"""A rebuild reuses what did not change, and the site it publishes is the one a full build would make."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_as_usual_next
from papersite.connect import synonyms
from papersite.messages import Log
from papersite.pipeline import Paths, build

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import synthesise  # noqa: E402


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def made_files(site: Path) -> dict[str, int]:
    """Each file the site's pages are made of (not its assets, originals or search index), by its inode: a
    file kept from the published site is the same file."""
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in ("assets", "pagefind", "papers")}


def build_into(content: Path, config: Path, out: Path, templates: Path = ROOT / "templates", use_cache: bool = True,
               search: bool = False, jobs: int | None = None):
    """A build of `content`; without the search index unless the test is about it (`search`), which is quicker."""
    return build(Paths(content, out, config, templates, ROOT / "assets"), Log(), use_cache=use_cache, search=search,
                 jobs=jobs)


class HeldBack:
    """An archive synthesised (`run.synthesise`) without its newest pack, which `add` puts in."""

    def __init__(self, folder: Path, packs: int, shape: str = "spread"):
        self.content, self.config = synthesise(folder, packs, shape)
        self.newest = sorted(self.content.glob("*.txt"))[-1]
        self._text = self.newest.read_bytes()
        self.newest.unlink()

    def add(self) -> None:
        self.newest.write_bytes(self._text)


def test_adding_a_pack_gives_the_site_a_full_build_gives(tmp_path):
    held = HeldBack(tmp_path / "archive", 7)
    content, config = held.content, held.config
    out = tmp_path / "rebuilt" / "_site"
    first = build_into(content, config, out, search=True)
    assert first.reused == 0
    made = made_files(out)
    build_as_usual_next(out)  # not kept whole, as with nothing changed at all (tests/test_unchanged.py)
    again = build_into(content, config, out, search=True)
    # Nothing changed: every page, text file and file every page shares (feeds, calendar, sitemap, the 404
    # page, the open data) is the published file, kept.
    assert again.reused == len(made) and made_files(out) == made
    held.add()
    added = build_into(content, config, out, search=True)
    assert 0 < added.reused < len(made)
    kept = made_files(out)
    assert {name for name in made if kept[name] != made[name]} >= {"feed.xml", "meetings.ics", "sitemap.xml",
                                                                  "data/archive.json"}
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False, search=True)
    assert files(out) == files(fresh)


def test_a_changed_template_or_a_hand_edited_page_is_made_again(tmp_path):
    content, config = synthesise(tmp_path / "archive", 3)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "_site"
    build_into(content, config, out, templates)
    about = out / "about" / "index.html"
    about.write_text("edited by hand", encoding="utf-8")
    kept = build_into(content, config, out, templates)
    assert 0 < kept.reused and "edited by hand" not in about.read_text(encoding="utf-8")
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- new footer --></body>"), encoding="utf-8")
    changed = build_into(content, config, out, templates)
    assert changed.reused == 0
    assert all("<!-- new footer -->" in p.read_text(encoding="utf-8") for p in out.rglob("index.html")
               if "/pagefind/" not in p.as_posix())


def _events(calendar: bytes) -> set[bytes]:
    return set(re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", calendar, re.S))


def test_the_calendar_makes_again_only_the_events_that_changed(tmp_path, monkeypatch):
    """Each event's lines are kept in the memo, and kept through a build that kept the calendar whole: a
    rebuild after one pack asks icalendar only for the events a full build's calendar does not hold already
    (the rebuilt calendar is a full build's: `test_adding_a_pack_gives_the_site_a_full_build_gives`)."""
    from papersite.render import feeds
    held = HeldBack(tmp_path / "archive", 7, "committee")
    content, config = held.content, held.config
    out = tmp_path / "_site"
    made = []
    real = feeds._event
    monkeypatch.setattr(feeds, "_event", lambda *fields: made.append(fields) or real(*fields))
    build_into(content, config, out, jobs=1)
    before = (out / "meetings.ics").read_bytes()
    assert len(made) == len(_events(before)) > 5
    made.clear()
    build_as_usual_next(out)
    build_into(content, config, out, jobs=1)  # the calendar is kept whole, and so are its events in the memo
    assert made == [] and (out / "meetings.ics").read_bytes() == before
    held.add()
    build_into(content, config, out, jobs=1)
    new_events = _events((out / "meetings.ics").read_bytes()) - _events(before)
    assert 0 < len(made) == len(new_events) < 4
    assert {uid for _, uid, *_ in made} == {re.search(rb"UID:(\S+)", e)[1].decode() for e in new_events}


def _document_records(open_data: bytes) -> dict[str, str]:
    """Each document's line of the open data, by its id."""
    return {json.loads(line.rstrip(","))["id"]: line.rstrip(",")
            for line in open_data.decode("utf-8").split('"documents": [\n', 1)[1].split("\n ]", 1)[0].split("\n")}


def test_the_open_data_makes_again_only_the_records_that_changed(tmp_path, monkeypatch):
    """Each document's record in the open data is kept in the memo, and kept through a build that kept the
    file whole: a rebuild after one pack makes only the records that differ from the full build's (the rebuilt
    file is a full build's: `test_adding_a_pack_gives_the_site_a_full_build_gives`)."""
    from papersite.render import opendata
    held = HeldBack(tmp_path / "archive", 7, "committee")
    content, config = held.content, held.config
    out = tmp_path / "_site"
    made = []
    real = opendata._document
    monkeypatch.setattr(opendata, "_document", lambda doc, *rest: made.append(doc.id) or real(doc, *rest))
    build_into(content, config, out, jobs=1)
    before = (out / "data" / "archive.json").read_bytes()
    assert sorted(made) == sorted(_document_records(before)) and len(made) > 20
    made.clear()
    build_as_usual_next(out)
    build_into(content, config, out, jobs=1)  # the file is kept whole, and so are its records in the memo
    assert made == [] and (out / "data" / "archive.json").read_bytes() == before
    held.add()
    build_into(content, config, out, jobs=1)
    earlier, now = _document_records(before), _document_records((out / "data" / "archive.json").read_bytes())
    changed = {doc_id for doc_id, line in now.items() if earlier.get(doc_id) != line}
    assert changed and sorted(made) == sorted(changed) and len(made) < len(now) / 2


def test_the_shared_files_made_beside_the_search_stage_keep_what_they_made_in_the_memo(tmp_path, monkeypatch):
    """With search and two processes, the files every page shares are made by a forked process while the index
    is made (`workers.Aside`): the calendar's events and the open data's records it made are saved by it, so a
    rebuild after one pack makes only those that changed, there too."""
    from papersite import pipeline
    from papersite.render import feeds, opendata
    held = HeldBack(tmp_path / "archive", 5, "committee")
    content, config = held.content, held.config
    out = tmp_path / "_site"
    log = tmp_path / "made.txt"  # written by whichever process makes them

    def noting(what, real):
        def made(first, *rest):
            with open(log, "a", encoding="utf-8") as noted:
                noted.write(f"{os.getpid()} {what} {first if what == 'event' else first.id}\n")
            return real(first, *rest)
        return made
    monkeypatch.setattr(feeds, "_event", noting("event", feeds._event))
    monkeypatch.setattr(opendata, "_document", noting("document", opendata._document))
    # two parts of the search index, as for a large archive, so that the shared files are made aside
    monkeypatch.setattr(pipeline, "search_parts", lambda pages, real=pipeline.search_parts: real(pages, most=40))

    def build_noting() -> list[tuple[str, str]]:
        log.unlink(missing_ok=True)
        build_into(content, config, out, search=True, jobs=2)
        noted = [line.split(" ", 2) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
        assert all(int(pid) != os.getpid() for pid, _, _ in noted)  # made by the forked process
        return sorted((what, made) for _, what, made in noted)
    first = build_noting()
    assert {what for what, _ in first} == {"event", "document"}
    before = _document_records((out / "data" / "archive.json").read_bytes())
    calendar = (out / "meetings.ics").read_bytes()
    held.add()
    added = build_noting()
    now = _document_records((out / "data" / "archive.json").read_bytes())
    changed = sorted(doc_id for doc_id, line in now.items() if before.get(doc_id) != line)
    assert changed and [made for what, made in added if what == "document"] == changed
    new_events = _events((out / "meetings.ics").read_bytes()) - _events(calendar)
    assert 0 < sum(1 for what, _ in added if what == "event") == len(new_events) < sum(
        1 for what, _ in first if what == "event")


@pytest.mark.parametrize("jobs", [1, 2])
def test_topics_of_unchanged_papers_are_not_counted_again(tmp_path, monkeypatch, jobs):
    """With several processes, what the workers counted is kept as if this process had counted it (what they
    count is seen here only with one)."""
    from papersite.connect import topics
    content, config = synthesise(tmp_path / "archive", 3)
    out = tmp_path / "_site"
    counted = []

    class Counted(topics.Words):
        def __init__(self, text):
            counted.append(text)
            super().__init__(text)
    monkeypatch.setattr(topics, "Words", Counted)
    first = build_into(content, config, out, jobs=jobs)
    assert len(counted) > 2 * len(first.archive.questions) or jobs > 1
    counted.clear()
    build_as_usual_next(out)
    again = build_into(content, config, out, jobs=jobs)
    assert len(counted) == len(again.archive.questions)  # only the questions, which are cheap, counted again
    assert again.archive.topics == first.archive.topics


def test_the_texts_of_unchanged_papers_are_not_put_together_again_to_be_known(tmp_path, monkeypatch):
    """What the connect stage keeps of a document's text is found by the text's digest, itself kept by the
    document's pack and place: a rebuild puts together the texts of the new pack's documents only."""
    from papersite.connect import topics
    held = HeldBack(tmp_path / "archive", 4)
    content, config, newest = held.content, held.config, held.newest
    out = tmp_path / "_site"
    joined = []
    monkeypatch.setattr(topics, "document_text", lambda doc, real=topics.document_text: joined.append(doc.id) or real(doc))
    first = build_into(content, config, out, jobs=1)
    assert set(joined) == {doc.id for doc in first.archive.documents}
    joined.clear()
    held.add()
    again = build_into(content, config, out, jobs=1)
    new = {doc.id for doc in again.archive.documents if doc.source == f"content/{newest.name}"}
    assert new and set(joined) == new
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False)
    assert files(out) == files(fresh)


@pytest.mark.parametrize("jobs", [1, 2])
def test_acronyms_of_unchanged_papers_are_not_sought_again(tmp_path, monkeypatch, jobs):
    from papersite.connect import glossary
    content, config = synthesise(tmp_path / "archive", 3)
    out = tmp_path / "_site"
    read = []
    monkeypatch.setattr(glossary, "words_of", lambda text: read.append(text) or synonyms.words_of(text))
    build_into(content, config, out, jobs=jobs)
    assert read or jobs > 1
    first = {p: p.read_bytes() for p in out.rglob("index.html") if "/pagefind/" not in p.as_posix()}
    read.clear()
    shutil.rmtree(out)  # every page made again, from what the cache kept
    build_into(content, config, out, jobs=jobs)
    assert read == []
    assert {p: p.read_bytes() for p in out.rglob("index.html") if "/pagefind/" not in p.as_posix()} == first


def test_the_next_build_makes_its_site_out_of_the_one_the_last_build_replaced(tmp_path):
    """The site a build replaces is kept in the build cache, and the next build makes its new site out of it
    (`incremental.recycle`): whatever the old site holds (the page of a meeting since gone, an older file
    where a kept page stands, a folder where a page's file goes, a link out of the site), the new site is a
    full build's, nothing outside it is touched, and the published site is not written to meanwhile."""
    held = HeldBack(tmp_path / "archive", 6, "committee")
    content, config = held.content, held.config
    out = tmp_path / "_site"
    retired = tmp_path / ".build-cache" / "retired"
    build_into(content, config, out)
    assert not retired.exists()  # nothing was replaced
    # A file that is not a source changes the inputs but not the site: the build replaces the published site
    # (with nothing changed at all, it would be kept as it is, `incremental.unchanged`).
    (content / "notes.docx").write_bytes(b"one")
    build_into(content, config, out)
    [old] = list(retired.iterdir())
    assert files(old) == files(out)
    gone = old / "meetings" / "gone" / "index.html"
    gone.parent.mkdir(parents=True)
    gone.write_text("<p>A meeting since removed</p>")
    kept = sorted(old.glob("meetings/*/*/item-*/index.html"))[0]  # the first meeting's: kept by the next build
    kept.unlink()  # not written through: the published site shares the file
    kept.write_text("<p>An older version</p>")
    page = sorted(old.glob("meetings/*/*/index.html"))[-1]
    page.unlink()
    page.mkdir()
    (page / "stray.html").write_text("<p>stray</p>")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mine.txt").write_text("not the site's")
    (old / "meetings" / "elsewhere").symlink_to(outside, target_is_directory=True)
    published = files(out)
    old_folder = old.stat().st_ino
    held.add()
    build_into(content, config, out)
    assert out.stat().st_ino == old_folder  # the new site is the old one, put right
    name = kept.relative_to(old).as_posix()
    assert (out / name).stat().st_ino == (retired / next(retired.iterdir()) / name).stat().st_ino  # linked again
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False)
    assert files(out) == files(fresh) and not (out / "meetings" / "elsewhere").exists()
    assert sorted(p.name for p in outside.iterdir()) == ["mine.txt"]
    [replaced] = list(retired.iterdir())  # the site this build replaced, kept for the next one
    assert files(replaced) == published
    assert not (tmp_path / "._site.old").exists() and not (tmp_path / "._site.new").exists()


def test_an_old_site_that_cannot_be_put_right_is_set_aside_and_the_new_one_made_afresh(tmp_path, monkeypatch):
    """Should a file of the site the last build replaced not be deletable (made read-only by a deployment,
    say), the build says so, sets that site aside where no build takes it again, and makes its own afresh;
    the next build deletes it."""
    from papersite.incremental import recycle
    content, config = synthesise(tmp_path / "archive", 3)
    out = tmp_path / "_site"
    retired = tmp_path / ".build-cache" / "retired"
    build_into(content, config, out)
    (content / "notes.docx").write_bytes(b"one")
    build_into(content, config, out)
    published = files(out)

    def cannot(folder, prefix, keep):
        raise PermissionError(13, "Permission denied", folder)
    monkeypatch.setattr(recycle, "_clear", cannot)
    (content / "notes.docx").write_bytes(b"two")
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert [m.text for m in log.warnings if "could not be used to make this one" in m.text]
    assert files(out) == published
    assert len(list(retired.glob(recycle.SET_ASIDE + "*"))) == 1 and len(list(retired.glob("site-*"))) == 1
    monkeypatch.undo()
    (content / "notes.docx").write_bytes(b"three")
    build_into(content, config, out)
    assert not list(retired.glob(recycle.SET_ASIDE + "*")) and files(out) == published


def test_a_pack_skipped_as_a_second_copy_is_published_whole_once_the_first_is_gone(tmp_path):
    # The cache keeps a laid-out pack without its text; one that was skipped was never laid out, and must be
    # kept whole, so that it can be laid out when it is no longer skipped.
    content, config = synthesise(tmp_path / "archive", 2)
    first = sorted(content.glob("*.txt"))[0]
    copy = content / "zz-copy.txt"
    copy.write_bytes(first.read_bytes())
    out = tmp_path / "rebuilt" / "_site"
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert any("second copy of the pack" in m.text and m.source.endswith("zz-copy.txt") for m in log.warnings)
    first.unlink()
    build_into(content, config, out)
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False)
    assert files(out) == files(fresh)


def test_a_paper_that_becomes_a_supplements_is_made_again(tmp_path):
    # A document is made from its pack, but whether it was published later depends on the meeting's other
    # packs: a paper read alone, then joined by its meeting's agenda pack, must show it was published later.
    sample = (ROOT / "content/children-and-families/001_904572338a83fb72.txt").read_text(encoding="utf-8")
    lines = sample.split("\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "a-report.txt").write_text("\n".join(lines[655:]), encoding="utf-8")  # item 11's report alone
    config = ROOT / "site_config.yaml"
    out = tmp_path / "rebuilt" / "_site"
    alone = build_into(content, config, out)
    assert not alone.archive.document("children-and-families/2022-09-06/report-1").published_later
    (content / "b-agenda.txt").write_text("\n".join(lines[:655]), encoding="utf-8")
    joined = build_into(content, config, out)
    assert joined.archive.document("children-and-families/2022-09-06/item-11").published_later
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False)
    assert files(out) == files(fresh)


def test_adding_a_pack_to_years_of_one_committee_changes_only_the_pages_it_touches(tmp_path):
    """Forty meetings of one committee over four years, then the next pack: the meeting and document pages
    that change are the new pack's own, its neighbours' (their previous and next links) and those it links to
    (their "Mentioned in"); no paper years old changes because the archive grew (issue 16: an acronym's
    expansion was the archive's most used, and the new pack tipped it on pages in every year)."""
    held = HeldBack(tmp_path / "archive", 40, "committee")
    content, config, newest = held.content, held.config, held.newest
    out = tmp_path / "_site"
    first = build_into(content, config, out)
    assert len({m.date.year for m in first.archive.meetings}) >= 4
    assert len({m.committee for m in first.archive.meetings}) == 1
    before = files(out)
    held.add()
    added = build_into(content, config, out)
    after = files(out)
    archive = added.archive
    new_docs = {d.id for d in archive.documents if d.source.endswith(newest.name)}
    new_meetings = {archive.document(d).meeting for d in new_docs} | {m.id for m in archive.meetings
                                                                      if m.source and m.source.endswith(newest.name)}
    ordered = sorted(archive.meetings, key=lambda m: m.date)
    touched = set(new_meetings)
    for index, meeting in enumerate(ordered):
        if meeting.id in new_meetings:
            touched.update(m.id for m in ordered[max(index - 1, 0):index + 2])
    touched |= {link.target_id for link in archive.links if link.source in new_docs}
    allowed = set()
    for record_id in touched:
        try:
            allowed.add(archive.meeting(record_id).url)
        except KeyError:
            allowed.add(archive.document(record_id).url)
    changed = {name for name in before.keys() & after.keys() if before[name] != after[name]  # lists aside
               and re.match(r"meetings/[^/]+/\d{4}-\d\d-\d\d/|documents/[^/]+/", name)}
    unexpected = sorted(name for name in changed if "/" + name.rsplit("/", 1)[0] + "/" not in allowed)
    assert not unexpected, unexpected
    pages = [name for name in after if name.endswith(".html") and not name.startswith("pagefind/")]
    remade = [name for name in pages if before.get(name) != after[name]]
    assert len(remade) < 0.15 * len(pages), (len(remade), len(pages))


class _RunsCode:
    """What a hostile cache file could hold: a pickle that calls a function as it is loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_a_cache_file_that_would_run_code_is_refused_warned_and_the_build_is_whole(tmp_path):
    import pickle
    content, config = synthesise(tmp_path / "archive", 3)
    out = tmp_path / "_site"
    build_into(content, config, out)
    published = files(out)
    cache = tmp_path / ".build-cache"
    marker = tmp_path / "ran.txt"
    hostile = pickle.dumps(_RunsCode(marker))
    for path in cache.glob("*.pickle"):
        path.write_bytes(hostile)
    for path in (cache / "texts.memo", cache / "pages.notes", cache / "published.stamp"):  # under their labels
        path.write_bytes(path.read_bytes().partition(b"\n")[0] + b"\n" + hostile)
    log = Log()
    again = build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert not marker.exists()
    said = [m.text for m in log.warnings]
    assert any(t.startswith("3 packs kept in the build cache could not be read") and "is not something the build "
               "cache keeps" in t for t in said), said
    assert all(any(f"{name} could not be read" in t for t in said)
               for name in ("texts.memo", "pages.notes", "published.stamp"))
    assert again.reused == 0 and files(out) == published  # read and made again, whole
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert not log.warnings  # the cache is good again


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_record_whose_blocks_cannot_be_unpickled_is_a_warning_and_a_full_build(tmp_path, jobs):
    """A record's blocks are unpickled only when they are used (`assemble.laidout`), long after the record
    loaded: blocks cut short, or holding what the cache refuses (a pickle that would run code), are found
    then, in this process or in a worker; the build says so once, reads every pack again and publishes the
    site whole, and no code runs."""
    import pickle
    from papersite.incremental.cache import load_lasting
    content, config = synthesise(tmp_path / "archive", 3)
    out = tmp_path / "_site"
    build_into(content, config, out)
    published = files(out)
    cache = tmp_path / ".build-cache"
    marker = tmp_path / "ran.txt"
    for n, record in enumerate(sorted(cache.glob("*.pickle"))[:2]):
        pack, messages = load_lasting(record.read_bytes())
        for blocks in pack.blocks.values():
            blocks.pickled = blocks.pickled[:-7] if n == 0 else pickle.dumps(_RunsCode(marker))
        record.write_bytes(pickle.dumps((pack, messages)))
    (cache / "pages.notes").unlink()  # every page is made again: their blocks are used
    build_as_usual_next(out)
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False, jobs=jobs)
    assert not marker.exists()
    assert [m.text for m in log.warnings if "could not be read" in m.text] == [m.text for m in log.warnings]
    assert len(log.warnings) == 1 and "every pack was read again" in log.warnings[0].text
    assert files(out) == published
    build_as_usual_next(out)
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False, jobs=jobs)
    assert not log.warnings and files(out) == published  # the cache is good again


def test_damaged_cache_files_are_a_warning_and_a_full_build(tmp_path):
    content, config = synthesise(tmp_path / "archive", 2)
    out = tmp_path / "_site"
    build_into(content, config, out)
    published = files(out)
    cache = tmp_path / ".build-cache"
    for path in [*cache.glob("*.pickle"), cache / "texts.memo", cache / "pages.notes", cache / "published.stamp"]:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    log = Log()
    again = build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert len([m for m in log.warnings if "could not be read" in m.text]) == 4
    assert all("delete the .build-cache folder" in m.hint for m in log.warnings)
    assert again.reused == 0 and files(out) == published


def test_the_cache_key_holds_python_and_the_libraries_versions(monkeypatch):
    from papersite.incremental import cache
    before = cache.code_version()
    installed = cache._installed
    monkeypatch.setattr(cache, "_installed", lambda name: "99.0" if name == "jinja2" else installed(name))
    cache.code_version.cache_clear()
    try:
        assert cache.code_version() != before  # a new Jinja2: pages made by the old one are not kept
        monkeypatch.undo()
        cache.code_version.cache_clear()
        assert cache.code_version() == before
        monkeypatch.setattr(cache.sys, "version", cache.sys.version + " (another build)")
        cache.code_version.cache_clear()
        assert cache.code_version() != before
    finally:
        monkeypatch.undo()
        cache.code_version.cache_clear()


def test_every_setting_reading_a_pack_depends_on_is_in_its_records_key(tmp_path, monkeypatch):
    """The council's name is taken out of a committee's before it is matched (`read.pack`): a new one reads
    every pack again."""
    from papersite import pipeline
    content, config = synthesise(tmp_path / "archive", 2)
    build_into(content, config, tmp_path / "_site")
    read = []
    monkeypatch.setattr(pipeline, "read_pack", lambda source, *rest, real=pipeline.read_pack:
                        read.append(source.path) or real(source, *rest))
    text = config.read_text(encoding="utf-8")
    assert "council: Leicestershire County Council" in text
    config.write_text(text.replace("council: Leicestershire County Council", "council: Rutland County Council"),
                      encoding="utf-8")
    build_into(content, config, tmp_path / "_site", jobs=1)  # read here, where they are counted
    assert sorted(read) == sorted(f"content/{p.name}" for p in content.glob("*.txt"))


def test_a_document_is_made_from_its_pack_alone():
    """Page reuse fingerprints a document by its pack's cache key and all of it but its blocks, details and
    page starts (`reuse.document_shape`: what the meeting's other packs may decide, as an untitled report's
    title), and the memo keeps its text's digest by the pack's key, place and title: so nothing but its pack
    may shape those three, nor its kind, place and label. Each document of the archive of all the samples and
    Kent texts is the same in them when its pack is assembled alone."""
    from conftest import KENT_CONFIG, KENT_PACKS, SAMPLES
    from papersite.assemble.archive import build_archive
    from papersite.config import load_config
    from papersite.read.pack import read_pack
    from papersite.read.sources import read_any
    for paths, config_path in ((SAMPLES, ROOT / "site_config.yaml"), (KENT_PACKS, KENT_CONFIG)):
        config = load_config(config_path, Log())
        packs = [pack for path in paths if (pack := read_pack(read_any(path, f"content/{path.name}", Log()), config, Log()))]
        together = build_archive(packs, config, Log())

        def shape(doc):  # what the pack alone decides
            return (doc.kind, doc.first, doc.last, doc.blocks, doc.details, doc.pages, doc.label, doc.report_of,
                    doc.missing_appendices, doc.date_precision)
        for pack in packs:
            alone = {(d.source, d.first): shape(d) for d in build_archive([pack], config, Log()).documents}
            mine = {(d.source, d.first): shape(d) for d in together.documents if d.source == pack.source.path}
            assert mine == alone, pack.source.path



def test_what_a_document_is_known_by_moves_with_what_another_pack_may_decide(tmp_path):
    """A document's page and its text's digest are kept by its pack's key, with all that the meeting's other
    packs may decide: a report left untitled in a supplement takes the agenda's title of its item, so a new
    agenda that retitles the item must make the page and the digest again."""
    from dataclasses import replace
    from papersite.incremental.cache import Memo
    from papersite.incremental.reuse import Reuse
    content, config = synthesise(tmp_path / "archive", 2)
    archive = build_into(content, config, tmp_path / "_site").archive
    doc = next(d for d in archive.documents if d.kind == "report")
    retitled = replace(archive, documents=tuple(replace(d, title="Item retitled") if d.id == doc.id else d
                                                for d in archive.documents))
    packs = {doc.source: "the pack's key"}
    before, after = (Reuse(tmp_path, tmp_path / "_site", b"", a, packs).current("document", doc.id)
                     for a in (archive, retitled))
    assert before and after and before != after
    assert Reuse(tmp_path, tmp_path / "_site", b"", archive, packs).current("document", doc.id) == before
    memo = Memo(None)
    memo.packs = packs
    assert memo.digest(doc.id, lambda: b"as titled", doc.source, doc.first, doc.title) == b"as titled"
    for title, expected in ((doc.title, b"as titled"), ("Item retitled", b"worked out again")):
        later = Memo(None)
        later.packs, later.earlier = packs, dict(memo.used)
        assert later.digest(doc.id, lambda: b"worked out again", doc.source, doc.first, title) == expected

def test_terms_are_marked_by_the_template_not_by_finding_main_in_the_finished_page(tmp_path):
    """The main content's acronyms are marked as `base.html` renders its main block (the `marked` filter),
    however the <main> element is written: an attribute added to it no longer stops the marking."""
    content, config = synthesise(tmp_path / "archive", 2)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<main id="main">', '<main class="page" id="main">'),
                    encoding="utf-8")
    out = tmp_path / "_site"
    build_into(content, config, out, templates)
    pages = [p.read_text(encoding="utf-8") for p in out.glob("meetings/*/*/item-*/index.html")]
    assert pages and all('<main class="page" id="main">' in page for page in pages)
    assert sum("<abbr title=" in page.partition('id="main">')[2] for page in pages) > len(pages) // 2


def test_a_rebuild_does_not_decode_the_texts_whose_records_are_kept_and_says_what_a_full_build_says(tmp_path,
                                                                                                   monkeypatch):
    """A text whose pack's record is kept by its bytes is not decoded again; one whose record cannot be loaded
    is, as is one with a line too long to let pass unnamed; the site and the warnings are a full build's."""
    from papersite.read import sources
    content, config = synthesise(tmp_path / "archive", 4)
    packs = sorted(content.glob("*.txt"))
    packs[1].write_text(packs[1].read_text(encoding="utf-8") + "\n" + "a" * 12_000 + "\n", encoding="utf-8")
    out = tmp_path / "_site"
    first_log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), first_log, search=False)
    published = files(out)
    cache = tmp_path / ".build-cache"
    from papersite.incremental.cache import load_lasting
    damaged = next(path for path in cache.glob("*.pickle")  # the record of a pack without a long line
                   if load_lasting(path.read_bytes())[0].source.path == f"content/{packs[0].name}")
    damaged.write_bytes(damaged.read_bytes()[:100])
    decoded = []
    monkeypatch.setattr(sources, "decode", lambda data, real=sources.decode: decoded.append(data) or real(data))
    build_as_usual_next(out)
    log = Log()
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert files(out) == published
    # the damaged record's text and the one with a long line, not the other two
    assert len(decoded) == 2 and packs[1].read_bytes() in decoded
    damage = [m for m in log.warnings if "could not be read" in m.text]
    assert len(damage) == 1 and damaged.name in damage[0].text
    long_line = [m for m in log.warnings if "characters long" in m.text]
    assert [(m.source, m.line) for m in long_line] == [(m.source, m.line) for m in first_log.warnings
                                                       if "characters long" in m.text] != []
    decoded.clear()
    log = Log()
    build_as_usual_next(out)
    build(Paths(content, out, config, ROOT / "templates", ROOT / "assets"), log, search=False)
    assert decoded == [packs[1].read_bytes()] and files(out) == published
    assert log.messages == first_log.messages


def test_what_a_build_made_is_held_until_the_next_build_not_freed_as_it_returns(tmp_path):
    """Freeing a build's millions of objects one by one as it returned took 0.2 s of a rebuild, for a
    process that then ends without freeing anything (`build.py`): they are held until the next build (as
    `serve` makes), which lets the last one's go."""
    import gc
    import weakref
    from papersite import pipeline
    content, config = synthesise(tmp_path / "archive", 2)
    first = build_into(content, config, tmp_path / "_site")
    archive = weakref.ref(first.archive)
    del first
    gc.collect()
    assert archive() is not None and any(held is archive() for held in pipeline._LAST_BUILD)
    assert any(isinstance(held, pipeline.Reuse) for held in pipeline._LAST_BUILD)
    build_into(content, config, tmp_path / "_site")
    assert archive() is None  # the first build's, let go as the second began (not left to a collection)
    assert gc.get_freeze_count() == 0  # thawed: the collector reaches it all again


def test_a_project_moved_with_its_cache_keeps_every_page_and_reads_no_pack_again(tmp_path, monkeypatch):
    """The cache describes the site beside it, not a place on the disk: a project folder moved (or a cache
    restored into another checkout, as CI stores do) kept nothing, and every page was made again."""
    from papersite.read import sources
    content, config = synthesise(tmp_path / "before" / "archive", 4)
    out = tmp_path / "before" / "_site"
    build_into(content, config, out, search=True)
    made = made_files(out)
    published = files(out)
    moved = tmp_path / "after"
    (tmp_path / "before").rename(moved)
    decoded = []
    monkeypatch.setattr(sources, "decode", lambda data, real=sources.decode: decoded.append(data) or real(data))
    again = build_into(moved / "archive" / "content", moved / "archive" / "site_config.yaml", moved / "_site",
                       search=True)
    assert again.reused == len(made) and made_files(moved / "_site") == made
    assert decoded == [] and files(moved / "_site") == published


def test_a_kept_records_blocks_are_at_hand_for_other_pages_without_being_unpickled(tmp_path):
    """A record loaded from the cache holds each part's blocks pickled (`assemble.laidout.Blocks`): how many
    there are, their lines, words and numbered paragraphs are known without unpickling them, and once
    unpickled they are the blocks laid out, equal to them, and pickle again as they were (so a page whose
    context holds blocks is fingerprinted alike either way), for every part of real packs too."""
    import pickle
    from papersite.assemble.laidout import Blocks, numbered_paragraphs, reading_words, spans_of
    from papersite.assemble.blocks import Block
    from papersite.incremental.cache import load_lasting
    import re
    one, other = re.sub("b", "", "ab"), re.sub("b", "", "ab")  # equal strings, not one object (as once unpickled)
    assert one == other and one is not other
    laid = (Block("heading", (3,), "Purpose"), Block("para", (5, 6), "The report asks for views.", number="1"),
            Block("list", (), items=(one, other)), Block("table", (9, 8, 10), rows=(("A", "B c"),)),
            Block("para", (12,), "Unnumbered paragraph.", number=None), Block("para", (14,), "More.", number="2"))
    fresh = Blocks.of(laid)
    kept = load_lasting(pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL))
    assert kept.pickled is not None and kept._blocks is None  # nothing unpickled yet
    assert len(kept) == 6 and bool(kept)
    assert spans_of(kept) == spans_of(laid) == [(3, 3), (5, 6), None, (8, 10), (12, 12), (14, 14)]
    assert reading_words(kept) == reading_words(laid) == 1 + 5 + 2 + 3 + 2 + 1
    assert numbered_paragraphs(kept) == numbered_paragraphs(laid) == (1, 2)
    assert kept._blocks is None
    assert kept == fresh and kept == laid and tuple(kept) == laid and kept[1] == laid[1] and kept[1:3] == laid[1:3]
    assert kept._blocks is not None and kept.pickled is None
    assert pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL) == pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL)
    assert Blocks.of(laid[:5]) != fresh and hash(kept) == hash(laid)
    content, config = synthesise(tmp_path / "archive", 9, "committee")
    build_into(content, config, tmp_path / "_site")
    parts = 0
    for record in (tmp_path / ".build-cache").glob("*.pickle"):
        pack, _ = load_lasting(record.read_bytes())
        for blocks in pack.blocks.values():
            before = pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL)
            again = load_lasting(before)
            assert again.blocks == blocks.blocks and pickle.dumps(again, protocol=pickle.HIGHEST_PROTOCOL) == before
            parts += 1
    assert parts > 50


def test_a_rebuild_after_one_pack_unpickles_the_blocks_only_of_the_papers_it_makes_again(tmp_path, monkeypatch):
    """Loading every pack's record is most of a rebuild's reading: the blocks of a paper whose page and text
    file are kept are not unpickled, whatever the archive, the connect stage, the lists and the open data need
    of them. The site is a full build's."""
    from papersite.assemble import laidout
    from papersite.render.filters import text_file_name
    held = HeldBack(tmp_path / "archive", 9, "committee")
    content, config = held.content, held.config
    out = tmp_path / "_site"
    build_into(content, config, out, jobs=1)
    before = made_files(out)
    held.add()
    unpickled = []
    decode = laidout.Blocks.blocks.fget
    monkeypatch.setattr(laidout.Blocks, "blocks", property(
        lambda self: (unpickled.append(self) if self._blocks is None else None, decode(self))[1]))
    result = build_into(content, config, out, jobs=1)
    after = made_files(out)
    made_again = {name for name, inode in after.items() if before.get(name) != inode}
    papers = {id(doc.blocks): doc for doc in result.archive.documents}
    unpickled_papers = {papers[id(blocks)].id for blocks in unpickled if id(blocks) in papers}
    assert unpickled_papers  # the neighbours' pages, made again, show their blocks
    for doc_id in unpickled_papers:
        doc = result.archive.document(doc_id)
        folder = doc.url.strip("/")
        assert {f"{folder}/index.html", f"{folder}/{text_file_name(doc)}"} & made_again, doc_id
    assert len(unpickled) < len(papers) / 3
    fresh = tmp_path / "fresh" / "_site"
    build_into(content, config, fresh, use_cache=False)
    assert files(out) == files(fresh)
