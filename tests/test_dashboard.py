"""The dashboard in a real browser: Debian's chromium, headless, driven by Playwright, against a server on
127.0.0.1 over a store coded from the bundled sample."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from test_api import build_sample_store

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from eventwire.api.app import create_app

    db = build_sample_store(tmp_path_factory.getbasetemp() / "sample.duckdb")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()


def test_filter_open_event_and_see_highlighted_evidence(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        outside: list[str] = []
        errors: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else outside.append(r.url),
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready='1']")
        everything = httpx.get(server + "/api/events", params={"limit": 1}).json()["total"]
        assert page.locator("#count").inner_text() == f"{everything} matching"
        assert page.locator("#map path.land").count() > 150 and page.locator("#map circle").count() > 0
        assert page.locator("#timeline rect").count() > 0 and page.locator("#network .node").count() > 0

        # apply filters: a type from the select (applies at once) and words in the search box
        page.select_option("select[name=type]", "ASSAULT")
        page.wait_for_selector("body[data-ready='1']")
        page.fill("input[name=q]", "shelled")
        page.click("button[type=submit]")
        page.wait_for_selector("body[data-ready='1']")
        expected = httpx.get(server + "/api/events", params={"type": "ASSAULT", "q": "shelled"}).json()
        assert 0 < expected["total"] < everything
        assert page.locator("#count").inner_text() == f"{expected['total']} matching"
        assert set(page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()) == {"ASSAULT"}
        assert "type=ASSAULT" in page.url  # the filters live in the URL, so a view can be shared

        # open the first event: its sentence, with the predicate and the actor highlighted
        first = page.locator("#events tbody tr").first
        event_id = first.get_attribute("data-id")
        first.click()
        page.wait_for_selector("#detail:not([hidden]) blockquote.evidence")
        detail = httpx.get(f"{server}/api/events/{event_id}").json()
        mention = detail["mentions"][0]
        spans = {s["role"]: s["text"] for s in mention["spans"]}
        assert "trigger" in spans and "actor" in spans
        quote = page.locator("blockquote.evidence").first
        assert quote.inner_text().strip() == mention["text"].strip()
        assert quote.locator("mark.hl-trigger").inner_text() == spans["trigger"]
        assert quote.locator("mark.hl-actor").first.inner_text() == spans["actor"]
        shot = tmp_path / "dashboard-event.png"
        page.screenshot(path=str(shot))
        assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000

        # the evidence links to its article, which shows the full text
        page.click(".article-link")
        page.wait_for_selector(".article-text")
        assert mention["text"] in page.locator(".article-text").inner_text()
        assert page.locator(".detail h3").inner_text() == mention["title"]
        browser.close()
    assert outside == [], "the dashboard must not load anything from outside the server"
    assert errors == []
