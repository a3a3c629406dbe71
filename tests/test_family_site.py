"""The site's pages of the family: one per service, and the errata table, built by Sphinx.

They read the same reviewed data as ``slr-conformance errata``, so the site and the command
must agree entry for entry.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

from conformance.family.command import errata
from conformance.sphinxext import family

ROOT = Path(__file__).parent / "roots" / "test-slr-family"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("family") / "site"
    shutil.copytree(ROOT, srcdir)
    shutil.copytree(ROOT.parent / "test-slr-basic", srcdir.parent / "test-slr-basic")
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


def test_the_site_builds_a_page_per_service_without_warnings(site):
    outdir, warnings = site
    assert warnings == ""
    assert len(list((outdir / "services").glob("*.html"))) == 71


def test_a_service_page_shows_its_facts_errata_and_drift_status(site):
    html = (site[0] / "services" / "config.amazonaws.com.html").read_text("utf-8")
    assert "AwsServiceRoleForConfig" in html and "AWSServiceRoleForConfig" in html
    assert "Erratum, role name" in html and "the recording wins" in html
    assert "Its wording is watched" in html
    quiet = (site[0] / "services" / "batch.amazonaws.com.html").read_text("utf-8")
    assert "No erratum" in quiet and "BatchServiceRolePolicy" in quiet


def test_the_errata_table_and_the_errata_command_agree(site):
    html = (site[0] / "index.html").read_text("utf-8")
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    shown = [re.sub(r"<[^>]+>", " ", row).split()[:3] for row in rows]
    titles = {"role_name": "Role", "policies": "Managed", "description_editable": "Description"}
    expected = [[e.principal, titles[e.fact]] for e in errata("service-linked-roles")]
    assert [row[:2] for row in shown] == expected


def test_only_generated_service_pages_are_removed(tmp_path):
    class App:
        srcdir = str(tmp_path)

        class config:  # what Sphinx's app offers, no more
            slr_services_dir = "services"

    services = tmp_path / "services"
    services.mkdir()
    (services / "gone.amazonaws.com.md").write_text(family.page_text("gone.amazonaws.com"))
    (services / "mine.md").write_text("# Written by hand\n")
    family.write_pages(App())  # type: ignore[arg-type]
    assert not (services / "gone.amazonaws.com.md").exists()
    assert (services / "mine.md").exists() and (services / "batch.amazonaws.com.md").exists()
