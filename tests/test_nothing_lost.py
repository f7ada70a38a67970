"""Nothing lost: every non-blank line of every source is shown on a page, or is named boilerplate."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import KENT_CONFIG, KENT_PACKS, KENT_PDFS, ROOT, SAMPLES, build_site, make_content
from papersite.assemble.blocks import split_row
from papersite.config import load_config
from papersite.messages import Log
from papersite.read.pdf import read_pdf
from papersite.read.text import clean, is_table_row, plain


def squash(text: str) -> str:
    """Letters and digits only: compares source text with page text whatever the markup and spacing."""
    return re.sub(r"[\W_]+", "", text).lower()


def page_text(out: Path, url: str) -> str:
    """The page's words, without the expansions of acronyms the site shows beside them (not the paper's)."""
    html = (out / url.strip("/") / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    for added in soup.select("span.expansion"):
        added.decompose()
    return squash(soup.get_text(" "))


def pieces(line: str) -> list[str]:
    """What of a source line must appear on its page: the line, or each cell of a table row."""
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # a markdown link shows its text
    cells = split_row(line) if is_table_row(line) else [plain(line)]
    return [cell for cell in cells if squash(cell)]


def shown(piece: str, text: str) -> bool:
    # A link address may be shown decoded ("%20" as a space).
    return squash(piece) in text or squash(unquote(piece)) in text


# What the reading rightly doubts in the samples (each true of the pack, as its hand-checked truth says).
DOUBTS = {
    "003_574484955fa199b0.txt": [
        # not in the pack: its truth says so
        "the report lists Appendix A (Corporate Parenting Strategy), but no appendix in the pack carries its "
        "label or title.",
        # in the pack, printed without its label or title after Appendix A: the warning points there
        "the report lists Appendix B (Annual corporate benchmarking dashboards), but no appendix in the pack "
        "carries its label or title.",
    ],
}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_line_of_every_sample_is_on_its_page(sample, tmp_path):
    files = {sample.name: sample}
    for sidecar in sample.parent.glob(sample.stem + ".y*ml"):
        files[sidecar.name] = sidecar
    out = tmp_path / "_site"
    result, log = build_site(make_content(tmp_path, files), out)
    assert [m.text for m in log.messages] == DOUBTS.get(sample.name, []), [str(m) for m in log.messages]
    assert_every_line_shown(sample, result, out, ROOT / "site_config.yaml")


@pytest.mark.parametrize("pack", KENT_PACKS, ids=lambda p: p.name)
def test_every_line_of_every_kent_pack_is_on_its_page(pack, tmp_path):
    # Another council's packs, read with only its committees configured.
    out = tmp_path / "_site"
    result, log = build_site(make_content(tmp_path, {pack.name: pack}), out, KENT_CONFIG)
    assert not [m for m in log.messages if "on no page" in m.text or "more than one page" in m.text]
    assert_every_line_shown(pack, result, out, KENT_CONFIG)


@pytest.mark.parametrize("pack", KENT_PDFS, ids=lambda p: p.name)
def test_every_line_of_every_kent_pdf_is_on_its_page(pack, tmp_path):
    # The same packs read from their PDFs: every line of the text layer the build read.
    out = tmp_path / "_site"
    result, log = build_site(make_content(tmp_path, {pack.name: pack}), out, KENT_CONFIG)
    assert not [m for m in log.messages if "on no page" in m.text or "more than one page" in m.text]
    assert_every_line_shown(pack, result, out, KENT_CONFIG, list(read_pdf(pack).lines))


def assert_every_line_shown(sample: Path, result, out: Path, config: Path, lines: list[str] | None = None) -> None:
    [coverage] = result.coverage
    assert coverage.unplaced == () and coverage.placed_twice == ()
    assert coverage.on_pages + coverage.boilerplate == coverage.content_lines

    # The proof, from the pages themselves: each line's words are on the page of the document that holds it.
    lines = lines if lines is not None else sample.read_text(encoding="utf-8-sig").split("\n")
    owner = {}
    for doc in result.archive.documents:
        for block in doc.blocks:
            for n in block.lines:
                owner[n] = doc.url
    about = page_text(out, "/about/")
    texts: dict[str, str] = {}
    missing = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        url = owner.get(n)
        if url and url not in texts:
            texts[url] = page_text(out, url)
        text = texts[url] if url else about
        for piece in pieces(line):
            if not shown(piece, text):
                missing.append(f"{sample.name}:{n}: {line.strip()[:70]}")
                break
    boilerplate = debris_lines(lines, config)
    missing = [m for m in missing if int(m.split(":")[1]) not in boilerplate]
    assert not missing, "\n".join(missing[:20])


def debris_lines(lines: list[str], config: Path) -> set[int]:
    """Debris lines (blank-page notices, page numbers, stamps, running headers and footers): named and
    counted, not shown."""
    return set(clean(tuple(lines), load_config(config, Log()).footers).debris)


def _sample_record():
    from papersite.read.pack import read_pack
    from papersite.read.sources import read_any
    from papersite.assemble.record import lay_out
    config = load_config(ROOT / "site_config.yaml", Log())
    sample = next(s for s in SAMPLES if s.name.startswith("001_"))
    source = read_any(sample, sample.relative_to(ROOT).as_posix(), Log())
    pack = read_pack(source, config, Log())
    return config, pack, lay_out(pack)


def test_a_packs_record_holds_blocks_and_no_paragraph_text():
    """Issue 16: the cache kept packs whose paragraphs had empty text, so code reading them got "" silently.
    The record (what is cached, and what the archive is assembled from every build) has spans instead: the
    words are in the blocks, and asking a span for text fails at once."""
    _, pack, record = _sample_record()
    assert pack.reports[0].body[0].text and not pack.text_hash  # the reader's pack, untouched
    assert record.source.lines == () and record.text_hash
    span = record.reports[0].body[0]
    assert (span.first, span.last) == (pack.reports[0].body[0].first, max(p.last for p in pack.reports[0].body))
    with pytest.raises(AttributeError):
        span.text  # noqa: B018
    assert record.blocks[("report", 1)] and all(block.lines for block in record.blocks[("report", 1)])
    coverage, _ = record.coverage
    assert coverage.unplaced == () and coverage.on_pages + coverage.boilerplate == coverage.content_lines


def test_a_paper_the_archive_leaves_out_is_named_as_lost():
    from dataclasses import replace
    from papersite.assemble.archive import build_archive
    from papersite.assemble.checks import check_nothing_lost
    config, _, record = _sample_record()
    archive = build_archive([record], config, Log())
    log = Log()
    [whole] = check_nothing_lost([record], archive, log)
    assert whole.unplaced == () and not log.warnings
    dropped = next(d for d in archive.documents if d.kind == "report")
    archive = replace(archive, documents=tuple(d for d in archive.documents if d.id != dropped.id))
    log = Log()
    [short] = check_nothing_lost([record], archive, log)
    assert [m for m in log.warnings if "published on no page" in m.text and m.line == dropped.blocks[0].lines[0]]
    assert set(short.unplaced) >= {n for block in dropped.blocks for n in block.lines}
