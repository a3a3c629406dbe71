"""The Sphinx extension, built over the tiny example site in tests/roots/test-slr-basic.

Each build copies the example site into a temporary folder and stamps its results with the
current catalogue digest (results of another catalogue are set aside by design, and the
catalogue changes more often than the example does). The site is built twice per module:
once as it is, once with a generated report and a stale result added. Its runs are reference
and moto (result schema 1.0) and moto-server (1.1), whose pass of SLR-PRM-03 is only partly
checked: one outline row passed, the other was skipped.
"""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.sphinxext import implementations
from conformance.sphinxext.gherkin import read_feature

ROOT = Path(__file__).parent / "roots" / "test-slr-basic"


def _copy_site(destination: Path) -> Path:
    shutil.copytree(ROOT, destination)
    catalogue = load_catalogue()
    for path in (destination / "results").glob("*.json"):
        document = json.loads(path.read_text())
        document["catalogue_digest"] = catalogue.digest
        document["spec_version"] = catalogue.spec_version
        path.write_text(json.dumps(document))
    return destination


def _build(srcdir: Path, **overrides: object) -> tuple[Path, str]:
    from sphinx.testing.util import SphinxTestApp

    warnings = StringIO()
    app = SphinxTestApp(
        "html", srcdir=srcdir, status=StringIO(), warning=warnings, confoverrides=overrides
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return _build(_copy_site(tmp_path_factory.mktemp("slr") / "site"))


@pytest.fixture(scope="module")
def site_with_extras(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    srcdir = _copy_site(tmp_path_factory.mktemp("slr-extras") / "site")
    (srcdir / "_generated").mkdir()
    (srcdir / "_generated" / "mutants.md").write_text(
        "## Surviving mutants\n\nThe generated mutation report is here.\n"
    )
    stale = json.loads((srcdir / "results" / "moto.json").read_text())
    stale["backend"]["name"] = "stale-emulator"
    stale["catalogue_digest"] = "0" * 64
    (srcdir / "results" / "stale.json").write_text(json.dumps(stale))
    moto = json.loads((srcdir / "results" / "moto.json").read_text())
    moto["requirements"][0]["scenarios"][0]["message"] = HOSTILE
    (srcdir / "results" / "moto.json").write_text(json.dumps(moto))
    return _build(srcdir)


#: A failure message as an implementation under test might word it: markup of every kind the
#: site's writers know, and terminal escapes.
HOSTILE = (
    "<script>alert(1)</script> **bold** {ref}`x` <b onmouseover=alert(2)>"
    " \x1b[31mred\x1b[0m\x07 `code` [link](javascript:alert(3))"
)


def page(site: tuple[Path, str], name: str) -> str:
    return (site[0] / name).read_text(encoding="utf-8")


def test_the_site_builds_without_warnings(site: tuple[Path, str]) -> None:
    assert site[1] == ""


def test_every_requirement_of_the_section_gets_an_anchor(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    section_ids = [r.id for r in load_catalogue().requirements if r.section == "permissions"]
    for requirement_id in section_ids:
        assert f'id="{requirement_id.lower()}"' in html
    assert "No example has been written for this requirement yet." in html  # SLR-PRM-02


def test_a_requirement_shows_its_text_level_status_and_evidence(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    requirement = load_catalogue().requirement("SLR-PRM-01")
    assert requirement.title in html.replace("&#8217;", "'").replace("\u2019", "'")
    assert 'class="slr-badge slr-level"' in html
    assert "documented only" in html
    assert "validated on AWS" not in html
    for source in requirement.sources:
        assert f'href="{source.url}"' in html


def test_verdict_badges_carry_the_backend_and_the_skip_reason(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    assert re.search(r'<span class="slr-badge slr-pass" title="reference: pass">pass</span>', html)
    assert re.search(r'<span class="slr-badge slr-fail" title="moto: fail[^"]*">fail</span>', html)
    skipped = re.search(r'<span class="slr-badge slr-skipped" title="([^"]*)">skipped</span>', html)
    assert skipped is not None
    assert "permissions" in skipped.group(1) and "test control" in skipped.group(1)
    assert "No run has been recorded for: aws." in html


PARTIAL_TITLE = (
    "pass (1 of 2 examples; 1 skipped: needs the 'faults' test control, "
    "which backend 'moto-server' does not offer)"
)


def _partial_badges(html: str) -> list[tuple[str, str]]:
    found = re.findall(r'<span class="slr-badge slr-partial" title="([^"]*)">([^<]*)</span>', html)
    return [(title.replace("&#39;", "'"), label) for title, label in found]


def test_a_partly_checked_pass_never_looks_like_a_full_one(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    badges = _partial_badges(html)
    assert (f"moto-server: {PARTIAL_TITLE}", "pass (1 of 2 examples)") in badges
    assert (f"moto-server: 2 rows, {PARTIAL_TITLE}", "pass (1 of 2 examples)") in badges
    assert not re.search(r'class="slr-badge slr-pass" title="moto-server: pass \(', html)
    assert "moto-server: pass (1 of 2 examples; 1 skipped: needs the" in html
    assert '<span class="slr-badge slr-pass" title="moto-server: pass">pass</span>' in html
    assert f"moto-server: {PARTIAL_TITLE}" in [
        t for t, _ in _partial_badges(page(site, "traceability.html"))
    ]


def test_the_matrix_counts_partly_checked_passes(site: tuple[Path, str]) -> None:
    html = page(site, "matrix.html")
    badges = _partial_badges(html)
    assert (f"moto-server: {PARTIAL_TITLE}", "pass (1 of 2 examples)") in badges
    assert [label for _, label in badges].count("1 partly checked") == 2  # runs and totals
    assert '<span class="slr-badge slr-pass">2 pass</span>' in html


def test_outlines_show_their_examples_as_tables(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    table = re.search(r'<table class="[^"]*slr-examples[^"]*"[^>]*>.*?</table>', html, re.S)
    assert table is not None
    assert "Examples: incident actions" in table.group(0)
    assert "<th" in table.group(0) and "action" in table.group(0)
    assert "ssm-incidents:CreateTimelineEvent" in table.group(0)
    assert "Scenario Outline" in html and "highlight-gherkin" in html


def test_the_matrix_has_every_requirement_and_a_column_per_run(site: tuple[Path, str]) -> None:
    html = page(site, "matrix.html")
    for requirement_id in load_catalogue().ids:
        assert f">{requirement_id}<" in html
    header = re.search(r'<table class="[^"]*slr-matrix.*?</thead>', html, re.S)
    assert header is not None
    assert ">reference<" in header.group(0) and ">moto<" in header.group(0)
    assert ">moto-server<" in header.group(0)
    assert ">aws<" not in header.group(0)
    assert 'class="slr-totals' in html
    assert 'href="permissions.html#slr-prm-01"' in html


def test_traceability_links_statements_to_requirements_and_examples(
    site: tuple[Path, str],
) -> None:
    html = page(site, "traceability.html")
    catalogue = load_catalogue()
    for statement in catalogue.statements:
        assert f'id="statement-{statement.id.lower()}"' in html
    noted = next(s for s in catalogue.statements if s.api_note)
    assert noted.api_note is not None
    assert "Not fully testable through an API." in html
    assert 'href="permissions.html#example-permissions-7"' in html


def test_the_optional_include_falls_back_when_nothing_was_generated(
    site: tuple[Path, str],
) -> None:
    assert "No mutant run has been recorded yet." in page(site, "mutants.html")


def test_the_optional_include_shows_a_generated_report(
    site_with_extras: tuple[Path, str],
) -> None:
    html = page(site_with_extras, "mutants.html")
    assert "The generated mutation report is here." in html
    assert "No mutant run has been recorded yet." not in html
    assert site_with_extras[1] == ""


def test_results_of_another_catalogue_are_set_aside(site_with_extras: tuple[Path, str]) -> None:
    html = page(site_with_extras, "matrix.html")
    assert "stale.json" in html and "digest differs" in html
    assert ">stale-emulator<" not in html


def _reread(srcdir: Path) -> set[str]:
    """Build the site again in place; the pages Sphinx read again."""
    from sphinx.testing.util import SphinxTestApp

    status = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=status, warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    text = re.sub(r"\x1b\[[\d;]*m", "", status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", text))


def test_new_results_read_again_the_pages_that_show_them_and_no_other(tmp_path: Path) -> None:
    srcdir = _copy_site(tmp_path / "site")
    (srcdir / "_generated").mkdir()  # a missing include would make Sphinx read its page always
    (srcdir / "_generated" / "mutants.md").write_text("## The latest run\n\nNone.\n")
    assert _reread(srcdir) == {*EVERY_PAGE, *RUN_PAGES}
    before = (srcdir / "_build" / "html" / "matrix.html").read_text(encoding="utf-8")
    (srcdir / "results" / "moto.json").unlink()
    # the home page's chart and the list of implementations (a glob) lose a run
    shown = {"index", "matrix", "permissions", "traceability", "implementations"}
    assert _reread(srcdir) == {*shown, *SHOWN_AFTER}
    assert not (srcdir / "implementations" / "moto.md").exists()  # its run is gone
    after = (srcdir / "_build" / "html" / "matrix.html").read_text(encoding="utf-8")
    assert 'title="moto: fail' in before and 'title="moto: fail' not in after
    assert _reread(srcdir) == set()
    feature = srcdir / "features" / "permissions.feature"
    feature.write_text(feature.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert _reread(srcdir) == {*EVERY_PAGE, *SHOWN_AFTER}


EVERY_PAGE = {"index", "matrix", "mutants", "permissions", "traceability", "implementations"}
RUN_PAGES = {"implementations/reference", "implementations/moto", "implementations/moto-server"}
SHOWN_AFTER = RUN_PAGES - {"implementations/moto"}


def test_outline_rows_are_known_by_the_names_behave_gives_them() -> None:
    feature = read_feature(ROOT / "features" / "permissions.feature")
    outline = feature.rules[1].scenarios[0]
    assert outline.is_outline and outline.requirement_ids == ("SLR-PRM-03",)
    assert outline.run_names[0].startswith("The policy allows ssm-incidents:ListIncidentRecords")
    assert len(outline.run_lines) == 2


def test_a_failing_verdict_shows_its_example_step_and_message(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    why = r'<div class="[^"]*" id="why-slr-prm-01-moto">(.*?)</div>\n</div>'
    entry = re.search(why, html, re.S)
    assert entry is not None
    text = entry.group(1)
    assert "1 of 1 examples did not pass" in text
    assert 'href="#example-permissions-7"' in text  # the failing example, linked
    assert "Then the role's name is &quot;AWSServiceRoleForIncidentManager&quot;" in text
    assert "the name is AWSServiceRoleForssm-incidents" in text  # the recorded message
    skipped = re.search(r'id="why-slr-prm-03-moto">(.*?)</p>', html, re.S)
    assert skipped is not None and "test control" in skipped.group(1)
    assert 'id="why-slr-prm-01-reference"' not in html  # a full pass needs no explanation


def test_each_verdict_in_the_matrix_links_to_why(site: tuple[Path, str]) -> None:
    html = page(site, "matrix.html")
    assert re.search(
        r'<a [^>]*href="permissions.html#why-slr-prm-01-moto"><span class="slr-badge slr-fail"',
        html,
    )
    assert re.search(
        r'<a [^>]*href="permissions.html#slr-prm-01"><span class="slr-badge slr-pass"', html
    )


def test_a_hostile_failure_message_is_shown_as_plain_text(
    site_with_extras: tuple[Path, str],
) -> None:
    for name in ("permissions.html", "matrix.html"):
        html = page(site_with_extras, name)
        assert "<script>alert" not in html and "<b onmouseover" not in html
        assert "\x1b" not in html and "\x07" not in html
        assert 'href="javascript' not in html
    html = page(site_with_extras, "permissions.html")
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; **bold** {ref}`x` &lt;b onmouseover=alert(2)&gt;"
    assert shown in html
    assert "red `code` [link](javascript:alert(3))" in html
    assert site_with_extras[1] == ""


def test_each_run_shown_gets_a_page_of_what_to_fix(site: tuple[Path, str]) -> None:
    pages = sorted(p.name for p in (site[0] / "implementations").glob("*.html"))
    assert pages == ["moto-server.html", "moto.html", "reference.html"]
    html = page(site, "implementations/moto.html")
    assert "moto (in process) 5.2.5" in html
    cause = re.search(r'<section id="cause-moto-1">\s*<h3>([^<]*)<', html)
    assert cause is not None
    assert cause.group(1) == "1. the name is AWSServiceRoleForssm-incidents (1 requirement)"
    assert 'href="../permissions.html#why-slr-prm-01-moto"' in html
    report = re.search(
        r'<details class="slr-report"><summary>Bug report for SLR-PRM-01</summary>'
        r".*?<pre>(.*?)</pre>",
        html,
        re.S,
    )
    assert report is not None
    text = report.group(1)
    requirement = load_catalogue().requirement("SLR-PRM-01")
    assert requirement.text in text.replace("&#39;", "'")
    for source in requirement.sources:
        assert source.url in text
    assert "Expected (the failing step): Then the role's name is \"AWSServiceRoleFor" in text
    assert "What came back: the name is AWSServiceRoleForssm-incidents" in text
    assert "slr-conformance run --backend moto --requirement SLR-PRM-01" in text
    assert 'id="not-checked-moto"' in html and "test control" in html
    reference = page(site, "implementations/reference.html")
    assert "No requirement fails on this run." in reference
    moto_server = page(site, "implementations/moto-server.html")
    assert "pass (1 of 2 examples; 1 skipped" in moto_server  # partly checked, said so


def test_a_why_entry_links_to_the_run_s_page(site: tuple[Path, str]) -> None:
    html = page(site, "permissions.html")
    assert 'href="implementations/moto.html#implementation-moto"' in html


def test_a_hostile_message_is_harmless_in_the_bug_report(
    site_with_extras: tuple[Path, str],
) -> None:
    html = page(site_with_extras, "implementations/moto.html")
    assert "<script>alert" not in html and "\x1b" not in html and 'href="javascript' not in html
    assert "What came back: &lt;script&gt;alert(1)&lt;/script&gt; **bold**" in html


def test_only_generated_pages_are_removed(tmp_path: Path) -> None:
    srcdir = _copy_site(tmp_path / "site")
    (srcdir / "implementations").mkdir()
    own = srcdir / "implementations" / "notes.md"
    own.write_text("# Notes\n\nWritten by hand.\n")
    gone = srcdir / "implementations" / "gone.md"
    gone.write_text(implementations.MARKER + "\n# Gone\n")
    _build(srcdir)
    assert own.exists() and not gone.exists()


def test_the_home_page_has_a_bar_per_section_for_each_run(site: tuple[Path, str]) -> None:
    html = page(site, "index.html")
    cards = re.findall(
        r'<div class="slr-glance-card docutils container">(.*?)</div>\n</div>', html, re.S
    )
    assert len(cards) == 3  # reference, moto, moto-server
    moto = next(card for card in cards if ">moto<" in card)
    assert 'href="implementations/moto.html#implementation-moto"' in moto
    labels = re.findall(r'aria-label="([^"]*)"', moto)
    permissions = next(label for label in labels if label.startswith("Service-linked role"))
    assert ": 1 fail, 1 skipped, " in permissions and permissions.endswith(" not run")
    assert 'class="slr-seg slr-fail" style="flex-grow: 1"' in moto
    moto_server = next(card for card in cards if ">moto-server<" in card)
    assert "1 partly checked" in moto_server  # SLR-PRM-03: one row passed, one skipped


@pytest.fixture(scope="module")
def site_with_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example site with a submitted certificate of moto at an older version, on which
    SLR-PRM-01 passed."""
    srcdir = _copy_site(tmp_path_factory.mktemp("slr-versions") / "site")
    older = json.loads((srcdir / "results" / "moto.json").read_text())
    older["backend"]["version"] = "5.2.4"
    first = older["requirements"][0]
    first["verdict"] = "pass"
    first["scenarios"][0].update(outcome="passed", failing_step=None, message=None)
    (srcdir / "submitted" / "moto-old").mkdir(parents=True)
    (srcdir / "submitted" / "moto-old" / "results.json").write_text(json.dumps(older))
    return _build(srcdir, slr_submitted=["submitted/*/results.json"])


def test_an_implementation_at_two_versions_shows_how_verdicts_moved(
    site_with_versions: tuple[Path, str],
) -> None:
    assert site_with_versions[1] == ""
    html = page(site_with_versions, "implementations/moto.html")
    section = re.search(r'<section id="versions-moto">(.*?)</section>', html, re.S)
    assert section is not None
    text = section.group(1)
    assert "at 2 versions: 5.2.4 (moto-old), 5.2.5 (moto)" in text
    assert "1 requirement changed verdict: 0 now pass, 1 no longer passes." in text
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S)
    assert len(rows) == 2  # the header, and SLR-PRM-01 alone: SLR-PRM-03 did not move
    assert ">SLR-PRM-01<" in rows[1]
    badges = re.findall(r'class="slr-badge slr-(\w+)"', rows[1])
    assert badges == ["pass", "fail"]  # oldest version first
    assert "versions-moto" not in page(site_with_versions, "implementations/reference.html")
    older = page(site_with_versions, "implementations/submitted-moto-old.html")
    assert 'id="versions-submitted-moto-old"' in older


def test_submitted_certificates_say_why_on_the_requirement_pages(
    site_with_versions: tuple[Path, str],
) -> None:
    html = page(site_with_versions, "permissions.html")
    entry = re.search(r'id="why-slr-prm-03-submitted-moto-old">(.*?)</p>', html, re.S)
    assert entry is not None
    assert "moto-old</strong> (submitted)" in entry.group(1) and "test control" in entry.group(1)
    matrix = page(site_with_versions, "matrix.html")
    assert 'href="permissions.html#why-slr-prm-03-submitted-moto-old"' in matrix


def test_the_site_shows_the_specification_its_config_names(tmp_path: Path) -> None:
    srcdir = _copy_site(tmp_path / "site")
    with pytest.raises(Exception, match="no specification named 'nonesuch'"):
        _build(srcdir, slr_spec="nonesuch")
