"""The pages in a real browser (Debian chromium through Playwright), over the fixture graph.

The app is served on 127.0.0.1 by werkzeug in a thread; screenshots go to tests/_artifacts/.
Nothing is fetched from the internet: a route handler aborts any request that leaves 127.0.0.1.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed at /usr/bin/chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def server(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    external = []

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()
    assert external == [], f"pages tried to fetch from outside: {external}"
    assert errors == [], f"browser errors: {errors}"


def shot(pg, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"web-{name}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    return path


def test_each_page_type_opens(page, server):
    for path, heading in [("/", "Best Value knowledge graph"), ("/id/person/linda-walker", "Linda Walker"),
                          ("/id/authority/tower-hamlets", "London Borough of Tower Hamlets"),
                          ("/id/document/002-b8b947d99a59f7d1",
                           "Representations from the statutory officers and the Mayor"),
                          ("/directions", "Directions"), ("/downloads", "Downloads"),
                          ("/as-of?date=2024-11-25", "Who held each role on 25 November 2024"),
                          ("/ontology", None)]:
        resp = page.goto(server + path)
        assert resp.status == 200, path
        if heading:
            assert page.locator("h1").first.inner_text() == heading
    shot(page, "ontology", full_page=False)
    page.goto(server + "/as-of?date=2024-11-25")
    assert page.locator("table.asof").first.is_visible()
    page.select_option("select#authority", "tower-hamlets")  # the chooser, submitted with the form
    page.locator("form.inline-form button").click()
    page.wait_for_url("**authority=tower-hamlets**")
    assert "date=2024-11-25" in page.url
    assert page.locator("section.authority h2").all_inner_texts() == ["London Borough of Tower Hamlets"]
    shot(page, "as-of")
    page.goto(server + "/directions")
    shot(page, "directions")


def test_worked_query_from_the_editor_shows_rows(page, server):
    from graph.queries import named_queries

    page.goto(server + "/query")
    assert page.locator(".editor pre .tok-kw").first.inner_text() in ("PREFIX", "SELECT")  # highlighter ran
    ex = next(q for q in named_queries() if q.id == "post-holders") if any(
        q.id == "post-holders" for q in named_queries()) else named_queries()[0]
    page.locator(f'button.run-example[data-example="{ex.id}"]').click()
    page.wait_for_load_state()
    assert "query=" in page.url and f"example={ex.id}" in page.url
    assert page.locator("#h-results").is_visible()
    # the editor now holds the example's SPARQL
    assert "SELECT" in page.locator("#query").input_value()
    shot(page, "query-example")


def test_typed_query_sorts_and_links(page, server):
    page.goto(server + "/query")
    q = ("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT ?person ?name WHERE { ?person a foaf:Person ; "
         "foaf:name ?name } ORDER BY ?name")
    page.locator("#query").fill(q)
    page.locator("#query").press("Control+Enter")
    page.wait_for_selector("#result-table")
    names = page.locator("#result-table tbody tr td:nth-child(2)").all_inner_texts()
    assert names == ["Kim Bromley-Derry", "Linda Walker", "Max Soule", "Stephen Halsey"]
    page.locator("th button.sort").nth(1).click()
    page.locator("th button.sort").nth(1).click()  # descending
    names = page.locator("#result-table tbody tr td:nth-child(2)").all_inner_texts()
    assert names == ["Stephen Halsey", "Max Soule", "Linda Walker", "Kim Bromley-Derry"]
    link = page.locator("#result-table a", has_text="Linda Walker")
    assert link.get_attribute("href") == "/id/person/linda-walker"
    assert "query=PREFIX" in page.url  # the query is kept in the address
    shot(page, "query-typed")


def test_quote_link_goes_to_highlighted_paragraph(page, server):
    page.goto(server + "/id/person/linda-walker")
    page.locator("a.quote-link").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/id/document/002-b8b947d99a59f7d1#sig4")
    target = page.locator("section.para:target")
    assert target.get_attribute("id") == "sig4"
    assert target.locator("mark").inner_text() == "Linda Walker Interim Director, Legal Services (Monitoring Officer)"
    bg = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg == "rgb(255, 251, 232)"
    shot(page, "document-quote")


def test_tenure_timeline_svg_renders(page, server):
    page.goto(server + "/id/post/tower-hamlets/monitoring-officer")
    svg = page.locator("svg.tenure")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 100
    assert page.locator("svg.tenure g.tenure-row").count() == 3
    assert page.locator("svg.tenure rect.gap").count() == 1  # 25 Nov 2024 - 21 May 2025; 13 days is no gap
    assert page.locator("svg.tenure g.tenure-row.interim rect").first.get_attribute("fill") == "url(#hatch)"
    shot(page, "post-timeline")
    page.goto(server + "/id/person/linda-walker")
    shot(page, "person")


def test_search_from_the_header(page, server):
    page.goto(server + "/")
    page.locator("#site-q").fill("Linda Walkr")
    page.locator("#site-q").press("Enter")
    page.wait_for_load_state()
    first = page.locator("ul.results.names li a").first
    assert first.inner_text() == "Linda Walker"
    first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/id/person/linda-walker")
    page.goto(server + "/search?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.locator("img").count() == 0  # the payload is text, not markup
    page.goto(server + "/search?q=improvement+plan")
    assert page.locator("ol.results.paras mark").first.inner_text() == "improvement plan"
    shot(page, "search")


def test_phone_width(browser, server):
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    pg = ctx.new_page()
    try:
        for path, name in [("/id/person/linda-walker", "phone-person"),
                           ("/id/document/002-b8b947d99a59f7d1", "phone-document"),
                           ("/query", "phone-query"), ("/as-of?date=2025-05-21", "phone-as-of")]:
            pg.goto(server + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375 + 1, f"{path} scrolls sideways at phone width ({width}px)"
            shot(pg, name)
    finally:
        ctx.close()


def test_keyboard_reaches_search_and_marks(page, server):
    page.goto(server + "/id/document/002-b8b947d99a59f7d1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    marks = page.locator("mark[tabindex='0']")
    assert marks.count() == 2
    marks.first.focus()
    assert re.search(r"Stephen Halsey|Linda Walker", page.evaluate("document.activeElement.title"))
