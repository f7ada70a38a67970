"""Screenshots of one page of each kind, at desktop and phone width, for a person to look at.

    python build.py && python scripts/screenshots.py [--out _screenshots]

They are kept out of the repository (_screenshots/ is ignored).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from tools import SiteServer, launch_chromium  # noqa: E402

PAGES = {
    "home": "/",
    "meetings": "/meetings/",
    "meeting": "/meetings/children-and-families/2022-09-06/",
    "report": "/meetings/children-and-families/2022-09-06/item-8/",
    "appendix": "/meetings/children-and-families/2022-09-06/item-10/appendix-a/",
    "minutes": "/meetings/children-and-families/2022-06-07/minutes/",
    "document": "/documents/permanence-and-adoption-strategy-2018-2021/",
    "topic": "/topics/send-and-local-offer/",
    "accessibility": "/accessibility/",
}
SIZES = {"desktop": (1280, 900), "phone": (375, 800)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--out", type=Path, default=ROOT / "_screenshots")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)
    server = SiteServer(args.site)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in PAGES.items():
                page.goto(server.url + url)
                page.screenshot(path=str(args.out / f"{name}-{size}.png"), full_page=False)
            page.close()
        browser.close()
    server.close()
    print(f"Wrote {len(PAGES) * len(SIZES)} screenshots to {args.out}")


if __name__ == "__main__":
    main()
