"""A rebuild whose every input is as it was keeps the published site as it is, and says what the last build
said; any changed input, or a published site touched since, gives the usual build."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import ROOT
from papersite.incremental import unchanged
from papersite.messages import Log
from papersite.pipeline import Paths, build
from test_incremental import files, made_files, synthesise


def _paths(tmp_path):
    content, config = synthesise(tmp_path / "archive", 3)
    templates, assets = tmp_path / "templates", tmp_path / "assets"
    shutil.copytree(ROOT / "templates", templates)
    shutil.copytree(ROOT / "assets", assets)
    return Paths(content, tmp_path / "_site", config, templates, assets)


def _build(paths: Paths, search: bool = False, use_cache: bool = True):
    log = Log()
    return build(paths, log, use_cache=use_cache, search=search), log.messages


def test_nothing_changed_keeps_the_published_site_and_says_again_what_its_build_said(tmp_path):
    paths = _paths(tmp_path)
    (paths.content / "notes.docx").write_bytes(b"not a source")  # a warning the clerk must go on seeing
    first, said = _build(paths)
    assert not first.unchanged and any("notes.docx" in m.source for m in said)
    made = made_files(paths.out)
    again, said_again = _build(paths)
    assert again.unchanged and again.archive is None
    assert said_again == said
    assert again.counts == first.counts and again.pages == first.pages and again.doubtful == first.doubtful
    assert again.reused == len(made)  # every page and text file kept: the same files
    assert made_files(paths.out) == made


def _same_size_and_time(path, data: bytes) -> None:
    info = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _edit_pack(paths):  # one letter changed, the file's size and time kept: its bytes are what count
    pack = sorted(paths.content.glob("*.txt"))[0]
    text = pack.read_bytes()
    at = text.index(b"Committee")
    _same_size_and_time(pack, text[:at] + b"c" + text[at + 1:])


CHANGES = {
    "a pack's text, at the same size and time": _edit_pack,
    "a file added to content/": lambda p: (p.content / "late.txt").write_bytes(b"Not papers at all.\n"),
    "a template": lambda p: (p.templates / "base.html").write_text(
        (p.templates / "base.html").read_text(encoding="utf-8").replace("</body>", "<!-- new --></body>"),
        encoding="utf-8"),
    "an asset": lambda p: next(p.assets.rglob("*.css")).write_text("/* new */", encoding="utf-8"),
    "the settings": lambda p: p.config.write_text(p.config.read_text(encoding="utf-8") + "\n# reviewed\n",
                                                  encoding="utf-8"),
    "a published page edited by hand": lambda p: (p.out / "about" / "index.html").write_text("edited by hand"),
    "a published file removed": lambda p: (p.out / "feed.xml").unlink(),
    "the output folder removed": lambda p: shutil.rmtree(p.out),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_changed_input_or_a_touched_site_gives_the_site_a_full_build_gives(tmp_path, change):
    paths = _paths(tmp_path)
    _build(paths)
    CHANGES[change](paths)
    rebuilt, said = _build(paths)
    assert not rebuilt.unchanged
    fresh = Paths(paths.content, tmp_path / "fresh" / "_site", paths.config, paths.templates, paths.assets)
    _, said_fresh = _build(fresh, use_cache=False)
    assert files(paths.out) == files(fresh.out) and said == said_fresh
    assert _build(paths)[0].unchanged  # and then nothing has changed again


def test_a_published_file_written_again_at_its_old_size_and_time_is_seen(tmp_path):
    paths = _paths(tmp_path)
    _build(paths)
    about = paths.out / "about" / "index.html"
    _same_size_and_time(about, b"x" * about.stat().st_size)
    assert not _build(paths)[0].unchanged  # its change time cannot be set back


def test_new_code_or_libraries_or_a_search_index_asked_for_give_a_full_build(tmp_path, monkeypatch):
    paths = _paths(tmp_path)
    _build(paths)
    monkeypatch.setattr(unchanged, "code_version", lambda: "a newer version")
    assert not _build(paths)[0].unchanged
    searchable, _ = _build(paths, search=True)
    assert not searchable.unchanged and (paths.out / "pagefind" / "pagefind.js").is_file()
    assert _build(paths, search=True)[0].unchanged
    assert not _build(paths)[0].unchanged and not (paths.out / "pagefind").exists()


def test_a_symbolic_link_in_content_is_never_trusted(tmp_path):
    paths = _paths(tmp_path)
    (paths.content / "elsewhere").symlink_to(tmp_path / "archive")
    _build(paths)
    assert not _build(paths)[0].unchanged


def test_a_build_that_warned_about_the_build_as_a_whole_is_followed_by_a_full_one(tmp_path):
    paths = _paths(tmp_path)
    _build(paths)
    for kept in (tmp_path / ".build-cache").glob("*.pickle"):
        kept.write_bytes(b"damaged")
    _edit_pack(paths)
    _, said = _build(paths)  # the packs kept could not be read: said of the whole build, read again
    assert any(not m.source and "could not be read" in m.text for m in said)
    retried, said = _build(paths)
    assert not retried.unchanged and not any(not m.source for m in said)
    assert _build(paths)[0].unchanged


def test_a_damaged_stamp_is_a_full_build(tmp_path):
    paths = _paths(tmp_path)
    _build(paths)
    (tmp_path / ".build-cache" / unchanged.STAMP).write_bytes(b"damaged")
    assert not _build(paths)[0].unchanged
    assert _build(paths)[0].unchanged


def test_the_same_files_in_another_folder_or_settings_file_are_another_build(tmp_path):
    """Sources are named by their place (in messages and the open data): the same bytes elsewhere are not the
    same inputs."""
    paths = _paths(tmp_path)
    _build(paths)
    moved = tmp_path / "archive" / "papers"
    shutil.copytree(paths.content, moved)
    settings = tmp_path / "archive" / "other.yaml"
    shutil.copyfile(paths.config, settings)
    for elsewhere in (Paths(moved, paths.out, paths.config, paths.templates, paths.assets),
                      Paths(moved, paths.out, settings, paths.templates, paths.assets)):
        rebuilt, _ = _build(elsewhere)
        assert not rebuilt.unchanged and '"source": "papers/pack-' in (paths.out / "data" / "archive.json").read_text()


def test_an_input_written_while_the_build_ran_leaves_no_stamp(tmp_path, monkeypatch):
    """An edit saved, then undone, while the site was built from it: the bytes at the end are those at the start,
    but the site may not be made from them. The next build is made as usual."""
    from papersite import pipeline
    paths = _paths(tmp_path)
    pack = sorted(paths.content.glob("*.txt"))[0]
    real = pipeline.render_site

    def render_site(*args, **kwargs):
        pack.write_bytes(pack.read_bytes())  # the same bytes, written again: a new change time
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "render_site", render_site)
    _build(paths)
    monkeypatch.undo()
    assert not _build(paths)[0].unchanged
    assert _build(paths)[0].unchanged


def test_a_pack_that_could_not_be_read_is_read_again_next_time(tmp_path, monkeypatch):
    from papersite import pipeline
    paths = _paths(tmp_path)
    real = pipeline.read_pack
    failing = sorted(paths.content.glob("*.txt"))[1].name

    def read_pack(source, config, log):
        if source.path.endswith(failing):
            raise MemoryError("for now")
        return real(source, config, log)
    monkeypatch.setattr(pipeline, "read_pack", read_pack)
    _, said = _build(paths)
    assert any(failing in m.source and "could not be read" in m.text for m in said)
    monkeypatch.undo()
    again, said = _build(paths)
    assert not again.unchanged and not any("could not be read" in m.text for m in said)


def test_another_pagefind_binary_is_another_build(tmp_path, monkeypatch):
    from pagefind.service import get_executable
    paths = _paths(tmp_path)
    _build(paths)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(get_executable()))
    assert not _build(paths)[0].unchanged
