"""The browser check of the built site: its link and matrix rules, and one real run.

The rules are tested on hand-made reports, without a browser. One test builds the tiny example
site and checks it in Chromium; it is skipped where Chromium is not installed.
"""

from __future__ import annotations

import json
import shutil
import urllib.request
from io import StringIO
from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.tools import docs_check

ROOT = Path(__file__).parent / "roots" / "test-slr-basic"


def _report(tmp_path: Path) -> docs_check.SiteReport:
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "page.html").write_text("<html></html>")
    report = docs_check.SiteReport(tmp_path)
    report.ids = {"index.html": {"top", "intro"}, "guide/page.html": {"step-1"}}
    return report


def test_links_to_existing_pages_and_anchors_pass(tmp_path: Path) -> None:
    report = _report(tmp_path)
    report.links = {
        "index.html": ["#intro", "#", "guide/page.html#step-1", "https://example.com/#x"],
        "guide/page.html": ["../index.html#top", "../", "mailto:someone@example.com"],
    }
    docs_check.check_links(report)
    assert report.problems == []


def test_links_that_lead_nowhere_are_reported_one_line_each(tmp_path: Path) -> None:
    report = _report(tmp_path)
    report.links = {"index.html": ["#missing", "nowhere.html", "guide/page.html#gone"]}
    docs_check.check_links(report)
    assert report.problems == [
        "index.html: the link #missing has no target on the page",
        "index.html: the link nowhere.html leads to a missing file nowhere.html",
        "index.html: the link guide/page.html#gone names an anchor missing on guide/page.html",
    ]


def test_the_matrix_must_show_every_requirement_and_backend(tmp_path: Path) -> None:
    report = _report(tmp_path)
    report.matrix = {"headers": ["Requirement", "reference"], "ids": ["SLR-OVR-01"]}
    docs_check.check_matrix(report, ("SLR-OVR-01", "SLR-OVR-02"), ("reference", "moto"))
    assert report.problems == [
        "matrix.html: the matrix has no row for SLR-OVR-02",
        "matrix.html: the matrix has no column for backend moto",
    ]


def test_a_peer_with_a_stored_certificate_needs_a_column_current_or_out_of_date(
    tmp_path: Path,
) -> None:
    report = _report(tmp_path)
    report.matrix = {
        "headers": ["Requirement", "reference", "localstack (out of date)"],
        "ids": ["SLR-OVR-01"],
    }
    docs_check.check_matrix(report, ("SLR-OVR-01",), ("reference",), ("localstack", "other"))
    assert report.problems == ["matrix.html: the matrix has no column for the peer other"]
    stored = tmp_path / "peers" / "localstack" / "results.json"
    stored.parent.mkdir(parents=True)
    stored.write_text("{}")
    assert docs_check.peer_backends(str(tmp_path / "peers" / "*" / "results.json")) == [
        "localstack"
    ]


def test_a_missing_matrix_is_a_problem(tmp_path: Path) -> None:
    report = _report(tmp_path)
    docs_check.check_matrix(report, ("SLR-OVR-01",), ())
    assert report.problems == ["matrix.html: there is no conformance matrix (table.slr-matrix)"]


def test_pages_are_found_outside_the_static_folders(tmp_path: Path) -> None:
    _report(tmp_path)
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "x.html").write_text("")
    assert docs_check.html_pages(tmp_path) == ["guide/page.html", "index.html"]


def test_the_server_answers_on_the_loopback_interface(tmp_path: Path) -> None:
    _report(tmp_path)
    with docs_check.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "index.html", timeout=5) as answer:
            assert answer.status == 200


def test_the_longest_implementation_page_is_shot(tmp_path: Path) -> None:
    (tmp_path / "implementations").mkdir()
    (tmp_path / "implementations" / "short.html").write_text("<p>x</p>")
    (tmp_path / "implementations" / "long.html").write_text("<p>many failures</p>")
    pages = ["index.html", "implementations/long.html", "implementations/short.html"]
    shots = docs_check.screenshot_pages(tmp_path, pages)
    assert shots["implementations/long.html"] == "implementation"
    assert "implementations/short.html" not in shots
    assert docs_check.screenshot_pages(tmp_path, ["index.html"]) == docs_check.SCREENSHOTS


def test_without_chromium_the_check_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _report(tmp_path)
    status = docs_check.main([str(tmp_path), "--chromium", str(tmp_path / "no-chromium")])
    assert status == 2
    assert capsys.readouterr().out.count("\n") == 1


@pytest.mark.skipif(not Path(docs_check.CHROMIUM).is_file(), reason="Chromium is not installed")
def test_the_example_site_passes_in_chromium(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    for path in (srcdir / "results").glob("*.json"):
        document = json.loads(path.read_text())
        document["catalogue_digest"] = load_catalogue().digest
        document["spec_version"] = load_catalogue().spec_version
        path.write_text(json.dumps(document))
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    html = Path(app.outdir)
    status = docs_check.main(
        [
            str(html),
            "--results",
            str(srcdir / "results" / "*.json"),
            "--peers",
            str(srcdir / "peers" / "*" / "results.json"),
        ]
    )
    output = capsys.readouterr().out
    assert status == 0, output
    shots = html.parent / "screenshots"
    assert sorted(p.name for p in shots.glob("*.png")) == [
        "home-phone.png",
        "home.png",
        "implementation-phone.png",
        "implementation.png",
        "matrix-phone.png",
        "matrix.png",
        "section.png",
    ]


def test_only_a_sample_of_the_service_pages_is_opened():
    pages = ["index.html", *(f"services/s{i:02}.html" for i in range(71)), "z.html"]
    kept = docs_check.sampled(pages)
    assert kept[0] == "index.html" and kept[-1] == "z.html"
    services = [p for p in kept if p.startswith("services/")]
    assert services == [f"services/s{i:02}.html" for i in range(docs_check.SAMPLED["services/"])]
