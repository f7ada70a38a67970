"""Every built page in a real Chromium: axe-core finds no violations, nothing scrolls sideways at
320 px, the keyboard reaches everything with a visible focus, and nothing is fetched from elsewhere."""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tools import SiteServer, launch_chromium

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def server(built_site):
    out, _, _ = built_site
    site = SiteServer(out)
    yield site
    site.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page_urls(built_site):
    out, _, _ = built_site
    urls = ["/" + p.relative_to(out).as_posix().removesuffix("index.html") for p in sorted(out.rglob("*.html"))]
    assert len(urls) > 40
    return urls


def one_of_each_kind(urls: list[str]) -> list[str]:
    """A page of each kind: home, lists, a meeting, agenda, report, appendix, minutes, document, statement, 404."""
    wanted = [r"^/$", r"^/meetings/$", r"^/meetings/[^/]+/\d{4}-\d\d-\d\d/$", r"/agenda/$", r"/item-11/$",
              r"/item-11/appendix-a/$", r"/minutes/$", r"^/documents/.+/$", r"^/topics/.+/$", r"^/accessibility/$",
              r"^/about/$", r"^/404\.html$"]
    return [next(u for u in urls if re.search(pattern, u)) for pattern in wanted]


def axe_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


def test_axe_finds_no_violations_on_any_page(server, browser, page_urls):
    page = browser.new_page()
    problems = []
    for url in page_urls:
        page.goto(server.url + url)
        problems += [f"{url}: {v}" for v in axe_violations(page)]
    page.close()
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("scheme, background", [("dark", ""), ("light", "cream"), ("light", "dark")])
def test_axe_passes_in_dark_mode_and_with_tinted_backgrounds(server, browser, page_urls, scheme, background):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server.url + "/")
    if background:
        page.evaluate(f"localStorage.setItem('papers-background', '{background}')")
    problems = []
    for url in one_of_each_kind(page_urls):
        page.goto(server.url + url)
        problems += [f"{url}: {v}" for v in axe_violations(page)]
    context.close()
    assert not problems, "\n".join(problems[:30])


# The contrast of a focused element's text against its own background, walking up to the first opaque one.
FOCUS_CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  let node = el, back = null;
  while (node && node.nodeType === 1) { const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { back = c.slice(0, 3); break; } node = node.parentElement; }
  back = back || [255, 255, 255];
  const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05); }"""


@pytest.mark.parametrize("scheme, background", [(s, b) for s in ("light", "dark")
                                                for b in ("", "white", "cream", "blue", "green", "grey", "dark")])
def test_focus_is_visible_in_every_colour_scheme_and_tint(server, browser, page_urls, scheme, background):
    """Issue 15: in dark mode "Reading preferences" was focused light blue on yellow (1.36:1)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server.url + "/")
    page.evaluate(f"localStorage.setItem('papers-background', '{background}')")
    low = []
    for url in ("/", "/search/", one_of_each_kind(page_urls)[4]):
        page.goto(server.url + url)
        for _ in range(30):
            page.keyboard.press("Tab")
            ratio = page.evaluate(f"(() => {{ const el = document.activeElement; return el === document.body ? 99 : ({FOCUS_CONTRAST})(el); }})()")
            if ratio < 4.5:
                low.append(f"{url}: {page.evaluate('document.activeElement.outerHTML.slice(0, 80)')} {ratio:.2f}")
    context.close()
    assert not low, low[:10]


def test_the_axe_check_can_fail(server, browser):
    page = browser.new_page()
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    assert axe_violations(page)
    page.close()


def test_no_page_scrolls_sideways_at_320_px(server, browser, page_urls):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for url in page_urls:
        page.goto(server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{url}: {width}px")
    context.close()
    assert not wide, "\n".join(wide)


def test_no_sideways_scrolling_at_400_percent_zoom(server, browser, page_urls):
    # 400% zoom of a 1280 px window is a 320 CSS px viewport with the largest text setting.
    context = browser.new_context(viewport={"width": 320, "height": 256})
    page = context.new_page()
    page.goto(server.url + "/")
    page.evaluate("localStorage.setItem('papers-text-size', 'largest')")
    wide = []
    for url in one_of_each_kind(page_urls):
        page.goto(server.url + url)
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(url)
    context.close()
    assert not wide


FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return [s.backgroundColor, s.boxShadow, s.outlineStyle, s.outlineColor, s.color].join('|'); }"""


def test_keyboard_walk_shows_focus_on_everything_it_reaches(server, browser, page_urls):
    page = browser.new_page()
    problems = []
    for url in one_of_each_kind(page_urls):
        page.goto(server.url + url)
        seen = 0
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = page.evaluate_handle("document.activeElement")
            tag = page.evaluate("el => el.tagName", focused)
            if tag == "BODY":
                break
            seen += 1
            focused_style = page.evaluate(FOCUS_STYLE, focused)
            box = page.evaluate("el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; }", focused)
            page.evaluate("el => el.blur()", focused)
            blurred_style = page.evaluate(FOCUS_STYLE, focused)
            page.evaluate("el => el.focus()", focused)
            name = page.evaluate("el => el.outerHTML.slice(0, 80)", focused)
            if focused_style == blurred_style:
                problems.append(f"{url}: no visible focus on {name}")
            if box[0] < 1 or box[1] < 1:
                problems.append(f"{url}: focused element has no size: {name}")
        if seen < 5:
            problems.append(f"{url}: the keyboard reached only {seen} elements")
    page.close()
    assert not problems, "\n".join(problems[:20])


def test_skip_link_is_first_and_visible_when_focused(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/meetings/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return [r.x, r.width]; })()")
    assert box[0] >= 0 and box[1] > 50
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#main$"), timeout=5000)  # the jump is not instant on a loaded machine
    assert page.url.endswith("#main")
    page.close()


def test_reading_preferences_persist_without_cookies(server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/")
    page.click("summary:has-text('Reading preferences')")
    page.select_option("#pref-background", "cream")
    page.select_option("#pref-text-size", "larger")
    page.goto(server.url + "/meetings/")
    assert page.evaluate("document.documentElement.dataset.background") == "cream"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(251, 245, 230)"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 24
    assert context.cookies() == []
    context.close()


def test_pages_work_without_javascript(server, browser, page_urls):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + one_of_each_kind(page_urls)[4])
    assert page.is_visible("h1") and page.is_visible("main p")
    assert page.is_hidden(".preferences__form")
    page.click("summary:has-text('Reading preferences')")
    assert "needs JavaScript" in page.inner_text(".preferences__panel")
    context.close()


def test_nothing_is_fetched_from_anywhere_else(server, browser, page_urls):
    page = browser.new_page()
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url) if not request.url.startswith(server.url) else None)
    for url in one_of_each_kind(page_urls):
        page.goto(server.url + url)
    page.close()
    assert elsewhere == []


def test_no_web_fonts_and_body_text_sizes(server, browser):
    for width, smallest in ((1024, 19), (375, 16)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(server.url + "/")
        assert page.evaluate("document.fonts.size") == 0
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
        line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).lineHeight)")
        assert size >= smallest and line >= 1.5 * size
        context.close()


def search(page, server, query: str) -> list[str]:
    """The result links the search page shows for `query`, best first (main results and sub-results)."""
    page.goto(server.url + "/search/?q=" + query)
    page.wait_for_selector("pagefind-results a", timeout=15000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all("pagefind-results a", "els => els.map(e => e.getAttribute('href'))")


def test_search_from_the_header_form_finds_the_paragraph(server, browser):
    # Without JavaScript, the header's plain form sends its words to the search page …
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(server.url + "/meetings/")
    plain.fill("#site-search", "EHCP")
    plain.press("#site-search", "Enter")
    assert plain.url.endswith("/search/?q=EHCP")
    context.close()
    # … where, with JavaScript, the search runs at once.
    page = browser.new_page()
    page.goto(server.url + "/search/?q=EHCP")
    page.wait_for_selector("pagefind-results a", timeout=15000)
    assert re.search(r"\d+ results? for EHCP", page.inner_text("pagefind-summary"))
    links = page.eval_on_selector_all("pagefind-results a", "els => els.map(e => e.getAttribute('href'))")
    assert any(link.endswith("/2022-09-06/item-8/") for link in links[:3])
    assert any("#" in link for link in links)  # sub-results lead into the page
    assert not axe_violations(page)
    page.close()


def test_search_page_without_javascript_says_so_and_offers_other_ways(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/search/?q=EHCP")
    assert page.is_hidden(".search-ui")
    text = page.inner_text(".search-nojs")
    assert "needs JavaScript" in text
    assert {"topic", "meeting date", "SEND and the Local Offer"} <= {a.strip() for a in page.eval_on_selector_all(
        ".search-nojs a", "els => els.map(e => e.textContent)")}
    context.close()


KENT_PAGES = [
    "/meetings/county-council/2025-03-13/",  # a summons, another body's minutes under an item, agenda items beyond the text
    "/meetings/corporate-parenting-panel/2024-10-29/",  # a body the settings do not name
    "/meetings/corporate-parenting-panel/2024-10-29/minutes/",  # minutes with no numbers of their own
    "/meetings/county-council/2025-03-13/item-9/",  # a From:/To:/Subject: report with eight appendices
    "/meetings/county-council/2025-03-13/item-9/appendix-3/",  # an earlier report, attached as an appendix
    "/meetings/cabinet/2025-01-30/",  # a meeting whose only pack is a supplement, and whose minutes came later
    "/meetings/cabinet/2025-01-30/minutes/",  # numbers alone, "(Item N)", inline RESOLVED
]


def test_the_pages_of_another_councils_packs_pass_axe_and_reflow(kent_site, browser):
    project, _, _ = kent_site
    site = SiteServer(project / "_site")
    try:
        problems, wide = [], []
        for width in (1280, 320):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for url in KENT_PAGES:
                assert page.goto(site.url + url).ok, url
                page.goto(site.url + url)
                if width == 1280:
                    problems += [f"{url}: {v}" for v in axe_violations(page)]
                elif page.evaluate("document.documentElement.scrollWidth") > 320:
                    wide.append(url)
            context.close()
        assert not problems, "\n".join(problems[:30])
        assert not wide, wide
    finally:
        site.close()


def test_following_pages_from_a_meeting_lands_on_the_page_marker(kent_pdf_site, browser):
    """A resident follows "(Pages 19 - 24)" on the meeting page and lands on the report's "Page 19" marker,
    in view; the PDF-built pages pass axe at 1280 px and reflow at 320 px, markers included."""
    project, _, _ = kent_pdf_site
    site = SiteServer(project / "_site")
    try:
        for width in (1280, 320):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            page.goto(site.url + "/meetings/cabinet/2025-03-04/")
            page.get_by_role("link", name=re.compile(r"^\(Pages 19 - 24")).click()
            page.wait_for_url(re.compile(r"/meetings/cabinet/2025-03-04/item-5/#page-19$"))
            marker = page.locator("#page-19")
            assert marker.inner_text().strip() == "Page 19"
            top = marker.evaluate("element => element.getBoundingClientRect().top")
            assert 0 <= top < 200, top
            original = page.get_by_role("link", name=re.compile(r"^Open pages 19 to 22 of the PDF"))
            assert original.get_attribute("href").endswith("papers/k01_kent_cabinet_2025-03-04.pdf#page=19")
            for url in ("/meetings/cabinet/2025-03-04/item-5/", "/meetings/cabinet/2025-03-04/"):
                page.goto(site.url + url)
                if width == 1280:
                    assert not axe_violations(page), url
                else:
                    assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
            context.close()
    finally:
        site.close()


@pytest.mark.parametrize("today, says", [
    ("2022-10-01T12:00:00", "Next meeting: 8 November 2022."),
    ("2026-12-01T12:00:00", "The last meeting date announced, 8 November 2022, has passed; no later meeting is "
                            "published here yet."),
])
def test_the_home_page_says_which_announced_date_is_next_by_the_readers_clock(server, browser, today, says):
    page = browser.new_page()
    page.clock.set_fixed_time(today)
    page.goto(server.url + "/")
    assert page.locator(".announced-next").inner_text() == says
    assert not axe_violations(page)
    page.close()


# Words wider than the heading that holds them (they would be broken mid-word).
BROKEN_WORDS = """() => { const out = [];
  for (const el of document.querySelectorAll('.site-header__title, h1, h2, h3')) {
    const width = el.getBoundingClientRect().width;
    if (width <= 1) continue;  // visually hidden
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    el.appendChild(probe);
    for (const word of el.innerText.split(/\\s+/)) {
      probe.textContent = word;
      if (probe.getBoundingClientRect().width > width + 1) out.push(el.tagName + ': ' + word);
    }
    probe.remove();
  }
  return out; }"""


def test_largest_text_with_widest_spacing_at_320_px_breaks_no_heading_word_and_nothing_overflows(server, browser,
                                                                                                   page_urls):
    """Issue 15: "Commit-tee papers", and the background selector wider than the phone."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(server.url + "/")
    page.evaluate("localStorage.setItem('papers-text-size', 'largest'); localStorage.setItem('papers-letter-spacing', 'wider')")
    problems = []
    for url in one_of_each_kind(page_urls):
        page.goto(server.url + url)
        page.click("summary:has-text('Reading preferences')")
        problems += [f"{url}: {word}" for word in page.evaluate(BROKEN_WORDS)]
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            problems.append(f"{url}: scrolls sideways with the reading preferences open")
    context.close()
    assert not problems, problems


def test_the_print_view_leaves_out_the_search_box_and_navigation(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/meetings/")
    page.wait_for_selector("pagefind-searchbox input", state="visible", timeout=15000)
    page.emulate_media(media="print")
    for selector in ("pagefind-searchbox", ".search-form", ".site-nav", ".preferences"):
        assert not page.locator(selector).is_visible(), selector
    page.close()
