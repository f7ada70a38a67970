"""Benchmark the clerk's rebuild on a synthetic archive of N packs, with Hugo as the yardstick.

    python benchmarks/run.py --packs 500
    python benchmarks/run.py --packs 300 --shape committee   # or --shape county

Made from the bundled samples (`synthesise`): each pack is a sample with its committee renamed and every date
moved on by whole weeks, so N packs make N meetings (and their minutes' meetings), in one of three shapes
(`--shape`: five committees crowded into weeks, one committee over years, thirty committees). Measured in one run:
the full build, a rebuild with nothing changed, a rebuild after adding one pack, peak memory, output size,
search index size, the bytes a first search fetches, and Hugo building the same documents as plain markdown
pages, plus Pagefind indexing Hugo's output. Figures are printed as ratios of one run; the README keeps the latest.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from papersite.read.dates import DATE_RE, MONTHS  # noqa: E402

SAMPLES = sorted((ROOT / "content" / "children-and-families").glob("*.txt"))
AREAS = ["Children and Families", "Adults and Communities", "Environment and Climate", "Highways and Transport",
         "Health and Wellbeing", "Audit and Governance", "Planning and Regulation", "Pensions and Investment",
         "Corporate Resources", "Fire and Rescue", "Public Health", "Economy and Skills", "Libraries and Heritage",
         "Waste and Recycling", "Housing Growth", "Rural Affairs", "Trading Standards", "Flood Risk",
         "Schools Forum", "Employment and Appeals", "Standards and Ethics", "Property and Assets",
         "Digital Services", "Community Safety", "Culture and Tourism", "Countryside Access", "Road Safety",
         "Minerals and Waste", "Carbon Reduction", "Youth and Play"]
# The shapes of archive a benchmark can make (`--shape`), each as (committees, first meeting, days between a
# committee's meetings, or the years the archive spans); "spread" moves dates on by whole weeks as packs
# accumulate instead.
SHAPES = {
    "spread": (5, None, None, None),  # five committees, their meetings crowded into weeks
    "committee": (1, date(1996, 1, 9), 35, None),  # one committee, ten meetings a year, over the years
    "county": (30, date(2016, 1, 5), None, 10),  # thirty committees over ten years
}


def first_date(text: str) -> date:
    """The first date written out in `text` (a sample's meeting: its front sheet comes first)."""
    for match in DATE_RE.finditer(text):
        try:
            return date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
        except ValueError:
            continue
    raise ValueError("no date")


def shifted(text: str, weeks: int) -> str:
    """Every date written out in `text`, moved on by `weeks` weeks."""
    def move(match: re.Match) -> str:
        try:
            when = date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
        except ValueError:
            return match.group(0)
        moved = when + timedelta(weeks=weeks)
        month = moved.strftime("%B")
        month = month.upper() if match["month"].isupper() else month
        return f"{moved.day} {month} {moved.year}"
    return DATE_RE.sub(move, text)


def renamed(text: str, area: str) -> str:
    text = text.replace("Children and Families", area).replace("Children and Family Services Overview", f"{area} Overview")
    return text.replace("CHILDREN AND FAMILIES", area.upper()).replace("CHILDREN AND FAMILY SERVICES OVERVIEW", f"{area.upper()} OVERVIEW")


def synthesise(folder: Path, packs: int, shape: str = "spread") -> tuple[Path, Path]:
    """`packs` packs made from the samples, in `folder`/content, with the settings naming their committees.
    In the "committee" and "county" shapes each pack's meeting falls on its committee's next date (moved by
    whole weeks, so weekdays stay right); in "spread" pack k is sample k % 4 moved on k // 20 weeks."""
    committees, start, every, years = SHAPES[shape]
    areas = AREAS[:committees]
    if years:  # each committee's meetings spread evenly over the years
        every = max(7, years * 365 // max(1, -(-packs // committees)))
    content = folder / "content"
    content.mkdir(parents=True)
    # "4 APRIL</u> <u>2016": without the markup every date can be found and moved.
    texts = [p.read_text(encoding="utf-8").replace("</u> <u>", " ") for p in SAMPLES]
    for k in range(packs):
        sample = texts[k % len(texts)]
        if start is None:
            area = areas[(k // len(texts)) % len(areas)]
            weeks = k // (len(texts) * len(areas))
        else:
            area = areas[k % len(areas)]
            wanted = start + timedelta(days=every * (k // len(areas)))
            weeks = (wanted - first_date(sample)).days // 7
        (content / f"pack-{k:04d}.txt").write_text(renamed(shifted(sample, weeks), area), encoding="utf-8")
    config = (ROOT / "site_config.yaml").read_text(encoding="utf-8")
    listed = "committees:\n" + "".join(
        f"  - slug: {re.sub(r'[^a-z]+', '-', a.lower()).strip('-')}\n    name: {a} Overview and Scrutiny Committee\n"
        f"    also_known_as:\n      - {a} Scrutiny Committee\n" for a in areas)
    config = re.sub(r"committees:\n(?:  .*\n|    .*\n|      .*\n)+", listed, config)
    (folder / "site_config.yaml").write_text(config, encoding="utf-8")
    return content, folder / "site_config.yaml"


# The builds keep Python's compiled modules beside the code (`papersite/__pycache__`, which git ignores), as a
# copy in use does: a machine set not to (the development machine is) would compile the code again at every
# build (0.07 s), which no clerk's build does.
AS_INSTALLED = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, str]:
    """Seconds, peak memory of the process in bytes, and its last output line."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return seconds, usage.ru_maxrss * 1024, (output.strip().splitlines() or [""])[-1]


def kept(summary: str) -> int:
    """The pages and text files a build kept from the last one, from its summary line."""
    found = re.search(r"; (?:nothing had changed, so all )?(\d+) pages and text files", summary)
    return int(found.group(1)) if found else 0


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_query_bytes(site: Path, query: str = "SEND") -> tuple[int, int]:
    """Bytes the search page fetches from the index for a first query, and for the search interface itself."""
    from playwright.sync_api import sync_playwright
    from tools import SiteServer, launch_chromium
    server = SiteServer(site)
    fetched: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.on("response", lambda r: fetched.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None)
        page.goto(f"{server.url}/search/?q={query}")
        page.wait_for_selector("pagefind-results .pf-result-link", timeout=60000)
        page.wait_for_timeout(1000)
        browser.close()
    server.close()
    interface = sum(n for url, n in fetched.items() if "component-ui" in url)
    return sum(fetched.values()) - interface, interface


def hugo_yardstick(site: Path, folder: Path) -> tuple[float, float]:
    """Hugo building the same documents (their plain text) as markdown pages, and Pagefind indexing them."""
    hugo = folder / "hugo"
    (hugo / "content").mkdir(parents=True)
    (hugo / "layouts" / "_default").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Papers"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    layout = ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>')
    (hugo / "layouts" / "_default" / "single.html").write_text(layout, encoding="utf-8")
    (hugo / "layouts" / "_default" / "list.html").write_text(layout, encoding="utf-8")
    for n, text_file in enumerate(sorted(site.rglob("*.txt"))):
        if text_file.name == "robots.txt":
            continue
        text = text_file.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].replace('"', "'")
        (hugo / "content" / f"doc-{n:05d}.md").write_text(f'---\ntitle: "{title}"\n---\n\n{text}', encoding="utf-8")
    hugo_seconds, _, _ = timed(["hugo", "--quiet", "-s", str(hugo), "-d", str(hugo / "public")])
    pagefind_seconds, _, _ = timed([sys.executable, "-m", "pagefind", "--site", str(hugo / "public"), "--silent"])
    return hugo_seconds, pagefind_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packs", type=int, default=500)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="spread",
                        help="spread: five committees, dates crowded into weeks; committee: one committee, ten "
                             "meetings a year (300 packs: 30 years); county: thirty committees over ten years")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo yardstick")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="papers-benchmark-"))
    try:
        content, config = synthesise(folder, args.packs + 1, args.shape)
        extra = sorted(content.glob("*.txt"))[-1]  # the next pack of the archive, added for the third build
        held_back = extra.read_bytes()
        extra.unlink()
        out = folder / "_site"
        build = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out), "--config", str(config)]
        full, full_memory, summary = timed(build, env=AS_INSTALLED)
        again, again_memory, again_summary = timed(build, env=AS_INSTALLED)
        extra.write_bytes(held_back)
        added, added_memory, added_summary = timed(build, env=AS_INSTALLED)
        peak = max(full_memory, again_memory, added_memory)
        index_bytes, interface_bytes = first_query_bytes(out)
        print(f"Synthetic archive: {args.packs} packs, shape {args.shape}. {summary}")
        print(f"Full build:                     {full:8.1f} s")
        print(f"Rebuild, nothing changed:       {again:8.1f} s  ({again / full:.0%} of a full build)")
        print(f"Rebuild after adding one pack:  {added:8.1f} s  ({added / full:.0%} of a full build; "
              f"kept {kept(added_summary)} of {kept(again_summary)} pages and text files)")
        print(f"Peak memory:                    {peak / 2**20:8.0f} MB")
        print(f"Output size:                    {size(out) / 2**20:8.1f} MB")
        print(f"Search index size:              {size(out / 'pagefind') / 2**20:8.1f} MB")
        print(f"First query fetches:            {index_bytes / 1024:8.0f} KB of index "
              f"(+ {interface_bytes / 1024:.0f} KB search interface, cached after the first page)")
        if not args.no_hugo and shutil.which("hugo"):
            hugo_seconds, pagefind_seconds = hugo_yardstick(out, folder)
            yardstick = hugo_seconds + pagefind_seconds
            print(f"Hugo, same documents:           {hugo_seconds:8.1f} s (+ Pagefind {pagefind_seconds:.1f} s)")
            print(f"Full build / (Hugo + Pagefind): {full / yardstick:8.1f} x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
