"""How fast the PDFs are read: the project's reader (pypdfium2, `papersite.read.pdf`) beside `pdftotext` run on
the same files, in pages per second, in one run; then a build of those PDFs and a rebuild, which finds their
text in the build cache and does not read them again.

    python benchmarks/pdf_reading.py [--compare] [PDF ...]

Without PDFs, the Kent corpus PDFs (tests/corpus/kent/pdf/). `--compare` also times pypdfium2 alone, pypdf and
pdfminer.six (plain text only, no styles), where installed, as the README's choice of library was measured.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from papersite.incremental.unchanged import STAMP  # noqa: E402
from papersite.messages import Log  # noqa: E402
from papersite.pipeline import Paths, build  # noqa: E402
from papersite.read.pdf import read_pdf  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "kent"


def timed(read, files) -> tuple[int, float]:
    started = time.perf_counter()
    pages = sum(read(f) for f in files)
    return pages, time.perf_counter() - started


def ours(path: Path) -> int:
    return read_pdf(path).page_count


def pdftotext(path: Path) -> int:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.count("\f")


def pdfium_text(path: Path) -> int:
    import pypdfium2
    document = pypdfium2.PdfDocument(str(path))
    for page in document:
        page.get_textpage().get_text_range()
    return len(document)


def pypdf_text(path: Path) -> int:
    import pypdf
    pages = pypdf.PdfReader(str(path)).pages
    for page in pages:
        page.extract_text()
    return len(pages)


def pdfminer_text(path: Path) -> int:
    from pdfminer.high_level import extract_pages
    return sum(1 for _ in extract_pages(str(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--compare", action="store_true", help="time pypdf and pdfminer.six too, where installed")
    args = parser.parse_args()
    files = args.pdfs or sorted((CORPUS / "pdf").glob("*.pdf"))
    readers = [("papersite (pypdfium2, with styles)", ours)]
    if shutil.which("pdftotext"):
        readers.append(("pdftotext (poppler)", pdftotext))
    if args.compare:
        for name, reader, module in [("pypdfium2, text only", pdfium_text, "pypdfium2"), ("pypdf", pypdf_text, "pypdf"),
                                     ("pdfminer.six", pdfminer_text, "pdfminer")]:
            try:
                __import__(module)
                readers.append((name, reader))
            except ImportError:
                print(f"{name} is not installed: skipped")
    results = [(name, *timed(reader, files)) for name, reader in readers]
    base = results[0][1] / results[0][2]
    print(f"{len(files)} PDFs, {results[0][1]} pages")
    for name, pages, seconds in results:
        rate = pages / seconds
        print(f"  {name:<36} {rate:7.0f} pages/s  ({rate / base:.2f} x papersite)")
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        for pdf in files:
            shutil.copyfile(pdf, content / pdf.name)
        paths = Paths(content, Path(tmp) / "_site", CORPUS / "site_config.yaml", ROOT / "templates", ROOT / "assets")
        first = build(paths, Log()).seconds
        # Read and rendered as usual, from what the cache kept: with nothing changed at all, the published site
        # would be kept as it is (`incremental.unchanged`), which says nothing of reading PDFs.
        (paths.out.parent / ".build-cache" / STAMP).unlink(missing_ok=True)
        again = build(paths, Log()).seconds
    print(f"  build of these PDFs {first:.1f} s; rebuild, text and pages kept: {again / first:.0%} of it")


if __name__ == "__main__":
    main()
