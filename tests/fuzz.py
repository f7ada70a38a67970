"""A seeded mutation harness: broken copies of the real packs, each built as a site, each checked.

Every case starts from a real pack (the samples in content/, the Kent corpus texts) or a window of one, and
applies one to three mutations of the kinds a bad extraction or a careless edit makes: lines deleted,
duplicated or swapped, the text cut short, very long lines, control characters, invalid UTF-8, stray BOMs,
markup and template syntax in titles and cells, impossible dates, thousands of agenda items, two packs in one
file, odd sidecars. Each case must build (no exception, whatever the input), in a time linear in its size, with
every line of the input on a page, named as boilerplate, or in a warning, and no source markup on any page.

`tests/test_fuzz.py` runs a few hundred cases in CI; `python scripts/fuzz.py --cases 1000` runs as many as
asked and prints a summary. The same seed gives the same cases.
"""
from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "FUZZ-MARK"
MARKUP = [f"<script>{MARKER}()</script>", f"<img src=x onerror={MARKER}>", "{{ 7*7 }}", "{% raw %}", "${7*7}",
          f"<b>{MARKER}</b>", f"[{MARKER}](javascript:alert(1))", f'"><svg onload={MARKER}>']
SECONDS_BASE = 20.0  # a case may take this long, plus SECONDS_PER_MB for each megabyte of input
SECONDS_PER_MB = 40.0


def packs() -> list[tuple[str, str]]:
    """(name, text) of every real pack: the samples and the Kent corpus texts."""
    found = sorted((ROOT / "content").rglob("*.txt")) + sorted((ROOT / "tests" / "corpus" / "kent").glob("*.txt"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in found]


def _lines(rng: random.Random, lines: list[str]) -> tuple[int, int]:
    start = rng.randrange(len(lines))
    return start, min(len(lines), start + rng.randint(1, 40))


def _delete(rng, lines):
    a, b = _lines(rng, lines)
    del lines[a:b]


def _duplicate(rng, lines):
    a, b = _lines(rng, lines)
    lines[b:b] = lines[a:b]


def _swap(rng, lines):
    a, b = _lines(rng, lines)
    c, d = _lines(rng, lines)
    if b <= c:
        lines[a:d] = lines[c:d] + lines[b:c] + lines[a:b]


def _truncate(rng, lines):
    del lines[rng.randrange(1, max(2, len(lines))):]


def _long_line(rng, lines):
    at = rng.randrange(len(lines))
    unit = rng.choice(["word ", "[", "a", " ", "-", "(ABC) ", "a@", "\t", "1. ", "Pages 5 ", ". "])
    lines.insert(at, unit * rng.randint(2_000, 60_000))


def _joined(rng, lines):  # a text that lost its line breaks
    a, b = _lines(rng, lines)
    lines[a:b] = [" ".join(lines[a:b])]


def _controls(rng, lines):
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(lines))
        line = lines[at]
        pos = rng.randrange(len(line) + 1)
        lines[at] = line[:pos] + chr(rng.choice([0, 1, 2, 7, 8, 11, 27, 127, 0x85, 0x9f, 0xfffe])) + line[pos:]


def _markup(rng, lines):
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines))
        lines[at] = rng.choice([lines[at] + " " + rng.choice(MARKUP), rng.choice(MARKUP) + " " + lines[at],
                                rng.choice(MARKUP)])


def _dates(rng, lines):
    bad = ["31 February 2021", "30 Feb 2022", "2021-13-45", "0 January 2020", "32 December 1999",
           "29 February 2023", "1 January 0001", "31 April 9999"]
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(lines))
        lines[at] = lines[at] + " " + rng.choice(bad)


def _many_items(rng, lines):
    at = rng.randrange(len(lines))
    lines[at:at] = [f"{n}. Item number {n}\t(Pages {n} - {n + 1})" for n in range(1, rng.randint(200, 3000))]


MUTATIONS = [_delete, _duplicate, _swap, _truncate, _long_line, _joined, _controls, _markup, _dates, _many_items]
SIDECARS = ["committee: 123\n", "date: 2021-13-01\n", "date: 2021-03-09T14:00:00Z\n", "title: [1, 2]\n",
            "outline: 5\n", "outline:\n  - line: 99999\n    kind: report\n", "date: {a: b}\n", "- just\n- a list\n",
            "title: <script>x</script>\ndate: 2020-01-01\n", "time: 14:00\n", "a: &a [1]\nb: *a\n",
            "date: 2020-01-01\ndate: 2021-01-01\n", "kind: nonsense\n", ": :\n", "\x00\x01"]


@dataclass
class Case:
    number: int
    pack: str
    mutations: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def make_case(number: int, seed: int, corpus: list[tuple[str, str]], window: int | None = None) -> Case:
    """The `number`th case of `seed`: a real pack (or a window of `window` lines of one) with mutations."""
    rng = random.Random(f"{seed}:{number}")
    name, text = rng.choice(corpus)
    lines = text.split("\n")
    if window and len(lines) > window:
        start = rng.randrange(len(lines) - window)
        lines = lines[start:start + window]
    case = Case(number, name)
    if rng.random() < 0.08:  # two packs in one file
        other = rng.choice(corpus)[1].split("\n")
        lines += (["\f"] + other[: window or len(other)])
        case.mutations.append("two packs in one file")
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
        if lines:
            mutation(rng, lines)
            case.mutations.append(mutation.__name__.strip("_"))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:  # invalid UTF-8, or a BOM where none belongs
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice([b"\xff\xfe\x81", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80"]) + data[at:]
        case.mutations.append("bad bytes")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
        case.mutations.append("bom")
    case.files["pack.txt"] = data
    if rng.random() < 0.15:
        case.files["pack.yaml"] = rng.choice(SIDECARS).encode("utf-8", "surrogatepass")
        case.mutations.append("odd sidecar")
    return case


@dataclass
class Outcome:
    case: Case
    seconds: float
    problems: list[str]


def run_case(case: Case, config: Path = ROOT / "site_config.yaml") -> Outcome:
    """Build the case and check it (see the module)."""
    from papersite.messages import Log
    from papersite.pipeline import Paths, build
    folder = Path(tempfile.mkdtemp(prefix="papers-fuzz-"))
    problems: list[str] = []
    try:
        content = folder / "content"
        content.mkdir()
        for name, data in case.files.items():
            (content / name).write_bytes(data)
        log = Log()
        started = time.perf_counter()
        try:
            result = build(Paths(content, folder / "_site", config, ROOT / "templates", ROOT / "assets"), log,
                           use_cache=False, search=False)
        except Exception as problem:  # noqa: BLE001 — what the harness is for
            return Outcome(case, time.perf_counter() - started, [f"crashed: {type(problem).__name__}: {problem}"])
        seconds = time.perf_counter() - started
        if seconds > SECONDS_BASE + SECONDS_PER_MB * case.size / 1e6:
            problems.append(f"took {seconds:.1f} s for {case.size:,} bytes")
        warned = {(m.source, m.line) for m in log.messages}
        files_warned = {m.source for m in log.messages}
        for coverage in result.coverage:
            if coverage.unplaced and coverage.source not in files_warned:
                problems.append(f"{len(coverage.unplaced)} lines lost without a warning: {coverage.unplaced[:5]}")
            elif coverage.unplaced and not any((coverage.source, n) in warned for n in coverage.unplaced):
                problems.append(f"lines {coverage.unplaced[:5]} lost, and no warning names them")
        if "content/pack.txt" not in result.archive.sources and "content/pack.txt" not in files_warned:
            problems.append("the pack was not published, and nothing says why")
        site = folder / "_site"
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            if any(tag in html for tag in (f"<script>{MARKER}", "<img src=x", "<svg onload", f"<b>{MARKER}")) \
                    or 'href="javascript:' in html.lower():  # a tag from the source, not its text (&lt;…)
                problems.append(f"source markup on {page.relative_to(site)}")
        for doc in result.archive.documents:
            if not (site / doc.url.strip("/") / "index.html").is_file():
                problems.append(f"no page for {doc.id}")
        return Outcome(case, seconds, problems)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
