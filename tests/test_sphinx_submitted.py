"""Submitted certificates on the site: verified first, shown apart, never in a backend's place.

The example site of test_sphinxext gets three more files: a submitted certificate that calls
itself ``reference`` and finished later than the project's reference run, a submitted one whose
verdict was flipped, and a file among the project's own runs that claims another backend's name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_sphinxext import _build, _copy_site, page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    srcdir = _copy_site(tmp_path_factory.mktemp("slr-submitted") / "site")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nslr_submitted = ["submitted/*/results.json"]\n')
    with (srcdir / "matrix.md").open("a", encoding="utf-8") as matrix:
        matrix.write("\n## Submitted\n\n```{slr-submitted}\n```\n")
    reference = json.loads((srcdir / "results" / "reference.json").read_text())

    acme = json.loads(json.dumps(reference))
    acme["backend"].update(implementation="Acme emulator", version="9.9", endpoint="http://acme")
    acme["run"].update(started="2026-03-01T10:00:00+00:00", finished="2026-03-01T10:00:02+00:00")
    (srcdir / "submitted" / "acme").mkdir(parents=True)
    (srcdir / "submitted" / "acme" / "results.json").write_text(json.dumps(acme))

    forged = json.loads((srcdir / "results" / "moto.json").read_text())
    next(r for r in forged["requirements"] if r["verdict"] == "fail")["verdict"] = "pass"
    (srcdir / "submitted" / "forged").mkdir()
    (srcdir / "submitted" / "forged" / "results.json").write_text(json.dumps(forged))

    imposter = json.loads(json.dumps(acme))
    (srcdir / "results" / "imposter.json").write_text(json.dumps(imposter))
    return _build(srcdir)


def _tables(html: str, kind: str) -> list[str]:
    return re.findall(rf'<table class="[^"]*{kind}[^"]*"[^>]*>.*?</table>', html, re.S)


def test_a_forged_submission_is_refused_with_one_sentence_naming_it(
    site: tuple[Path, str],
) -> None:
    warnings = [line for line in site[1].splitlines() if line.strip()]
    assert len(warnings) == 1, site[1]
    assert "submitted/forged/results.json is not a faithful certificate" in warnings[0]
    assert "its scenarios make it" in warnings[0]
    assert "forged" not in page(site, "matrix.html").split("Submitted", 1)[1]


def test_a_submission_that_calls_itself_reference_never_replaces_the_projects_run(
    site: tuple[Path, str],
) -> None:
    html = page(site, "matrix.html")
    own = html.split('id="submitted"', 1)[0]
    runs = _tables(own, "slr-runs")[0]
    assert "slr-conformance reference emulator" in runs and "Acme" not in runs
    header = re.search(r"<thead>.*?</thead>", _tables(own, "slr-matrix")[0], re.S)
    assert header is not None and ">acme<" not in header.group(0)
    assert "Acme" not in page(site, "permissions.html")


def test_a_submission_is_shown_apart_with_its_file_and_implementation(
    site: tuple[Path, str],
) -> None:
    submitted = page(site, "matrix.html").split('id="submitted"', 1)[1]
    runs = _tables(submitted, "slr-submitted")[0]
    assert "submitted/acme/results.json" in runs
    assert "Acme emulator 9.9" in runs and ">reference<" in runs
    matrix = _tables(submitted, "slr-matrix")[0]
    assert ">acme<" in matrix
    assert 'title="acme: pass"' in matrix


def test_a_file_among_the_projects_runs_cannot_take_another_backends_name(
    site: tuple[Path, str],
) -> None:
    html = page(site, "matrix.html")
    assert "imposter.json" in html
    assert (
        "it names the backend reference, but this place holds the project\u2019s run of imposter"
        in html
    )
