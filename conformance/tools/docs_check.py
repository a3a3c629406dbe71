"""Check the built documentation site in a real headless browser.

Static checks cannot see what a reader sees: a script that throws, a style sheet that 404s,
an anchor that a theme renames. This module serves the built HTML on 127.0.0.1, opens every
page in Debian's Chromium through Playwright, and reports, one line each, console errors,
failed local requests, in-page and relative links that lead nowhere (of the family's service
pages, written alike by one directive, a sample of the first few), and a conformance
matrix that misses a requirement of the catalogue or a backend whose results were built. It
saves screenshots for a human to look at: the home page, one section page, the matrix and the
longest implementation page at a desktop's width (1400 px), and the home page, the matrix and
that implementation page again at a phone's (390 px, ``*-phone.png``).

Usage: ``python -m conformance.tools.docs_check docs/_build/html``. Exit status 0 when the site is
sound, 1 with one line per problem, 2 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import functools
import glob
import http.server
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DEFAULT_RESULTS = "build/results/*/results.json"
DEFAULT_PEERS = "docs/peers/*/results.json"
SCREENSHOTS = {"index.html": "home", "permissions.html": "section", "matrix.html": "matrix"}
#: The folder of the generated implementation pages; the longest (the most failures) is shot.
IMPLEMENTATIONS = "implementations/"
#: Pages shot again at a phone's width, as ``<name>-phone.png``.
PHONE_SHOTS = ("home", "matrix", "implementation")
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
_BASE = "http://site.invalid/"  # resolves relative links without touching the network

# Collects, in the page, every id/name and every link with its raw href.
_PAGE_FACTS = """() => ({
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id)
    .concat(Array.from(document.querySelectorAll('a[name]')).map(e => e.getAttribute('name'))),
  links: Array.from(document.querySelectorAll('a[href]')).map(e => e.getAttribute('href')),
})"""

_MATRIX_FACTS = """() => {
  const table = document.querySelector('table.slr-matrix');
  if (!table) return null;
  return {
    headers: Array.from(table.querySelectorAll('thead th')).map(e => e.textContent.trim()),
    ids: Array.from(table.querySelectorAll('td.slr-id')).map(e => e.textContent.trim()),
  };
}"""


@dataclass
class SiteReport:
    """What the browser saw, page by page, and the problems found so far."""

    root: Path
    problems: list[str] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    matrix: dict[str, list[str]] | None = None

    def problem(self, page: str, message: str) -> None:
        self.problems.append(f"{page}: {message}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


#: Folders of many pages alike, of which only the first few (in name order) are opened: the
#: family's 71 service pages are written by one directive, so a sample shows what all do.
SAMPLED = {"services/": 4}


def sampled(pages: Sequence[str]) -> list[str]:
    """``pages`` with only the first ``SAMPLED[folder]`` of each sampled folder kept."""
    kept: list[str] = []
    taken: dict[str, int] = {}
    for name in pages:
        folder = next((f for f in SAMPLED if name.startswith(f)), None)
        if folder is not None:
            taken[folder] = taken.get(folder, 0) + 1
            if taken[folder] > SAMPLED[folder]:
                continue
        kept.append(name)
    return kept


def html_pages(root: Path) -> list[str]:
    """Every HTML page of the site, relative to its root, with forward slashes."""
    skipped = {"_static", "_sources", "_images", "_downloads"}
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not skipped.intersection(p.relative_to(root).parts)
    )


def built_backends(pattern: str) -> list[str]:
    """Names of the backends whose results.json files match ``pattern``."""
    from conformance.results.io import load_result  # imported only when checking

    names = []
    for path in sorted(glob.glob(pattern)):
        names.append(load_result(path).backend.name)
    return sorted(set(names))


def visit_site(
    root: Path, screenshots: Path, chromium: str = CHROMIUM, timeout_ms: int = 30_000
) -> SiteReport:
    """Open every page in Chromium, collect console errors, failed requests, ids and links."""
    from playwright.sync_api import sync_playwright  # heavy: imported only when checking

    report = SiteReport(root)
    pages = sampled(html_pages(root))
    shots = screenshot_pages(root, pages)
    screenshots.mkdir(parents=True, exist_ok=True)
    with serve(root) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            context = _context(browser, base, DESKTOP)
            for name in pages:
                _visit(
                    context,
                    base,
                    name,
                    report,
                    timeout_ms=timeout_ms,
                    shots=shots,
                    screenshots=screenshots,
                )
            for name in SCREENSHOTS:
                if name not in pages:
                    report.problem(name, "the page to take a screenshot of does not exist")
            phone = _context(browser, base, PHONE, mobile=True)
            for name, shot in shots.items():
                if shot in PHONE_SHOTS and name in pages:
                    page = phone.new_page()
                    try:
                        page.goto(base + name, wait_until="load", timeout=timeout_ms)
                        page.screenshot(path=str(screenshots / f"{shot}-phone.png"), full_page=True)
                    finally:
                        page.close()
        finally:
            browser.close()
    return report


def screenshot_pages(root: Path, pages: Sequence[str]) -> dict[str, str]:
    """The pages to shoot and the names of their screenshots: ``SCREENSHOTS``, and the longest
    implementation page (the one with the most to fix) as ``implementation``."""
    shots = dict(SCREENSHOTS)
    implementations = [p for p in pages if p.startswith(IMPLEMENTATIONS)]
    if implementations:
        longest = max(implementations, key=lambda p: ((root / p).stat().st_size, p))
        shots[longest] = "implementation"
    return shots


def _context(browser: Any, base: str, viewport: dict[str, int], mobile: bool = False) -> Any:
    """A browser context of the given window size that may load nothing but the site."""
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    context.route(
        lambda url: not url.startswith(base) and not url.startswith("data:"),
        lambda route: route.abort(),
    )
    return context


def _visit(
    context: Any,
    base: str,
    name: str,
    report: SiteReport,
    *,
    timeout_ms: int,
    shots: dict[str, str],
    screenshots: Path,
) -> None:
    page = context.new_page()
    local = urlsplit(base).netloc

    def on_console(message: Any) -> None:
        if message.type == "error":
            report.problem(name, f"console error: {message.text}")

    def on_failed(request: Any) -> None:
        failure = request.failure or "failed"
        if urlsplit(request.url).netloc == local:
            report.problem(name, f"request failed: {request.url} ({failure})")
        else:
            report.problem(name, f"the page loads an outside resource: {request.url}")

    def on_response(response: Any) -> None:
        if urlsplit(response.url).netloc == local and response.status >= 400:
            report.problem(name, f"request failed: {response.url} (HTTP {response.status})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: report.problem(name, f"script error: {error}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        page.goto(base + name, wait_until="load", timeout=timeout_ms)
        if name in shots:
            page.screenshot(path=str(screenshots / f"{shots[name]}.png"), full_page=True)
        facts = page.evaluate(_PAGE_FACTS)
        report.ids[name] = set(facts["ids"])
        report.links[name] = list(facts["links"])
        if name == "matrix.html":
            report.matrix = page.evaluate(_MATRIX_FACTS)
    finally:
        page.close()


def check_links(report: SiteReport) -> None:
    """Every ``#anchor`` and every relative link must lead to an existing page and anchor."""
    for name, hrefs in report.links.items():
        for href in hrefs:
            if href.startswith("#"):
                anchor = unquote(href[1:])
                if anchor and anchor not in report.ids[name]:
                    report.problem(name, f"the link {href} has no target on the page")
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            resolved = urlsplit(urljoin(_BASE + name, href))
            target = unquote(resolved.path.lstrip("/")) or "index.html"
            if target.endswith("/"):
                target += "index.html"
            fragment = resolved.fragment
            if not (report.root / target).is_file():
                report.problem(name, f"the link {href} leads to a missing file {target}")
                continue
            anchor = unquote(fragment)
            if anchor and target in report.ids and anchor not in report.ids[target]:
                report.problem(name, f"the link {href} names an anchor missing on {target}")


def peer_backends(pattern: str) -> list[str]:
    """The peers with a stored certificate, named by their folder (``docs/peers/NAME/``)."""
    return sorted({Path(path).parent.name for path in glob.glob(pattern)})


def check_matrix(
    report: SiteReport,
    requirement_ids: Sequence[str],
    backends: Sequence[str],
    peers: Sequence[str] = (),
) -> None:
    """The matrix shows every requirement of the catalogue, a column per built backend, and
    one per peer with a stored certificate, current or marked out of date."""
    if report.matrix is None:
        report.problem("matrix.html", "there is no conformance matrix (table.slr-matrix)")
        return
    shown = set(report.matrix["ids"])
    for requirement_id in requirement_ids:
        if requirement_id not in shown:
            report.problem("matrix.html", f"the matrix has no row for {requirement_id}")
    headers = set(report.matrix["headers"])
    for backend in backends:
        if backend not in headers:
            report.problem("matrix.html", f"the matrix has no column for backend {backend}")
    for peer in peers:
        if peer not in headers and f"{peer} (out of date)" not in headers:
            report.problem("matrix.html", f"the matrix has no column for the peer {peer}")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.tools.docs_check",
        description="Check the built documentation in headless Chromium.",
    )
    parser.add_argument("html", type=Path, help="the built HTML site, e.g. docs/_build/html")
    parser.add_argument(
        "--results",
        default=DEFAULT_RESULTS,
        help=f"glob of the results the site was built with (default {DEFAULT_RESULTS})",
    )
    parser.add_argument(
        "--peers",
        default=DEFAULT_PEERS,
        help=f"glob of the peers' stored certificates (default {DEFAULT_PEERS})",
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        default=None,
        help="where to save screenshots (default: 'screenshots' beside the HTML folder)",
    )
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser binary ({CHROMIUM})")
    args = parser.parse_args(argv)
    root: Path = args.html.resolve()
    if not (root / "index.html").is_file():
        _say(f"{root} holds no built site (no index.html); build the docs first.")
        return 1
    if not Path(args.chromium).is_file():
        _say(
            f"Chromium is not installed at {args.chromium}; "
            "install it with 'apt-get install -y chromium'."
        )
        return 2
    from conformance.catalogue import load_catalogue

    screenshots = args.screenshots or root.parent / "screenshots"
    report = visit_site(root, screenshots, args.chromium)
    check_links(report)
    check_matrix(
        report, load_catalogue().ids, built_backends(args.results), peer_backends(args.peers)
    )
    for line in report.problems:
        _say(line)
    if report.problems:
        return 1
    _say(f"{len(report.ids)} pages checked in Chromium; screenshots in {screenshots}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
