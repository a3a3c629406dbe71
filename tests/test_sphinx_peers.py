"""The peers' stored certificates on the site (``slr_peers``): a column beside the project's
runs while they verify, an out-of-date column that says why once the specification changed,
and never a warning that would fail the documentation build.

The example site of test_sphinxext gets a LocalStack certificate in ``peers/localstack/``
(moto's run, renamed), either of this specification or of another one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_sphinxext import _build, _copy_site, page


def _site(tmp: Path, spec_version: str | None, fresh_run: bool = False) -> tuple[Path, str]:
    srcdir = _copy_site(tmp / "site")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nslr_peers = ["peers/*/results.json"]\n')
        conf.write('slr_backends = ["reference", "moto", "localstack", "aws"]\n')
    peer = json.loads((srcdir / "results" / "moto.json").read_text())
    peer["backend"].update(
        name="localstack", implementation="LocalStack community", version="2026.3.0"
    )
    if fresh_run:
        fresh = json.loads(json.dumps(peer))
        fresh["run"]["finished"] = "2099-01-01T00:00:00+00:00"
        (srcdir / "results" / "localstack.json").write_text(json.dumps(fresh))
    if spec_version is not None:
        peer["spec_version"] = spec_version
    (srcdir / "peers" / "localstack").mkdir(parents=True)
    (srcdir / "peers" / "localstack" / "results.json").write_text(json.dumps(peer))
    return _build(srcdir)


def _header(html: str) -> str:
    found = re.search(r'<table class="[^"]*slr-matrix.*?</thead>', html, re.S)
    assert found is not None
    return found.group(0)


def test_a_peer_of_this_specification_is_a_column_beside_the_others(tmp_path: Path) -> None:
    site = _site(tmp_path, None)
    assert site[1] == ""
    html = page(site, "matrix.html")
    assert ">localstack<" in _header(html)
    assert "LocalStack community 2026.3.0" in html
    assert "out of date" not in html


def test_a_peer_of_another_specification_is_shown_out_of_date_with_the_reason(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, "0.9.0")
    assert site[1] == ""  # no warning: the docs build goes on
    html = page(site, "matrix.html")
    assert ">localstack (out of date)<" in _header(html)
    table = re.search(r'<table class="[^"]*slr-matrix.*?</table>', html, re.S)
    assert table is not None
    assert table.group(0).count("slr-stale") >= 2  # a cell per requirement, and the totals
    assert "recorded against specification “0.9.0”, not the current" in html
    stale_runs = re.search(r'<table class="[^"]*slr-out-of-date.*?</table>', html, re.S)
    assert stale_runs is not None
    assert "LocalStack community 2026.3.0" in stale_runs.group(0)
    assert "make peers runs it again" in re.sub(r"<[^>]+>", "", stale_runs.group(0))
    assert "No run has been recorded for: aws." in html  # localstack is not called missing


def test_a_fresh_run_takes_the_place_of_an_out_of_date_peer(tmp_path: Path) -> None:
    site = _site(tmp_path, "0.9.0", fresh_run=True)
    assert site[1] == ""
    html = page(site, "matrix.html")
    assert ">localstack<" in _header(html)
    assert "(out of date)" not in _header(html)
    assert "peers/localstack/results.json" in html  # listed as read but not shown
    assert "a run of this specification is shown" in html
