"""What a drift check leaves behind: the changelog line and the Markdown for the site."""

from __future__ import annotations

import json

from conformance.catalogue import load_catalogue
from conformance.drift import record


def test_the_first_review_adds_the_heading_at_the_end(tmp_path):
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# Changelog\n\n## 1.0.0\n\nThe first.\n")
    record.log_review(changelog, "one")
    record.log_review(changelog, "two")
    assert changelog.read_text() == (
        "# Changelog\n\n## 1.0.0\n\nThe first.\n\n## Drift reviewed\n\n- one\n- two\n"
    )


def test_a_review_goes_after_the_others_even_with_a_section_below(tmp_path):
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# C\n\n## Drift reviewed\n\nWhy.\n\n- one\n\n\n## 1.0.0\n\nFirst.\n")
    record.log_review(changelog, "two")
    assert changelog.read_text() == (
        "# C\n\n## Drift reviewed\n\nWhy.\n\n- one\n- two\n\n\n## 1.0.0\n\nFirst.\n"
    )


def test_the_site_shows_both_checks_by_id_and_ordinal_only(tmp_path):
    page = {
        "check": "page",
        "checked_at": "2026-01-02T03:04:05+00:00",
        "copy": {"name": "saved.html", "sha256": "ab" * 32},
        "fingerprints": {"accepted": "2026-01-01", "copy": "first.txt", "paragraphs": 31},
        "findings": [
            {
                "kind": "changed",
                "section": "permissions",
                "recorded": 10,
                "found": 11,
                "statements": ["PRM-6"],
                "requirements": ["SLR-PRM-06", "SLR-PRM-07"],
            },
            {"kind": "new", "section": "editing", "found": 2, "statements": [], "requirements": []},
        ],
    }
    (tmp_path / "page.json").write_text(json.dumps(page))
    markdown = record.render_markdown(tmp_path, load_catalogue())
    assert "Checked on 2026-01-02 at 03:04 UTC against the saved copy `saved.html`" in markdown
    assert (
        "| Service-linked role permissions | 11 (was 10) | changed | {slr-statement}`PRM-6` "
        "| {slr-req}`SLR-PRM-06`, {slr-req}`SLR-PRM-07` |" in markdown
    )
    assert "| Editing the role | 2 | new, not yet reviewed | none | none |" in markdown
    assert "managed policy" not in markdown  # no policy check recorded yet


def test_nothing_recorded_says_so(tmp_path):
    assert (
        record.render_markdown(tmp_path, load_catalogue()) == "No drift check has been recorded.\n"
    )


def test_the_site_shows_the_api_check_beside_the_others(tmp_path):
    api = {
        "check": "api",
        "checked_at": "2026-01-02T03:04:05+00:00",
        "botocore": "1.44.8",
        "fingerprints": {"botocore": "1.43.127", "accepted": "2026-01-01", "operations": 22},
        "findings": [
            {
                "operation": "iam UpdateRole",
                "part": "input",
                "name": "MaxSigninSessionDuration",
                "change": "added",
                "detail": "integer",
                "requirements": ["SLR-EDT-04"],
            },
            {
                "operation": "iam GetRole",
                "part": "operation",
                "name": "",
                "change": "new",
                "detail": "cited, and not yet reviewed",
                "requirements": [],
            },
        ],
    }
    policy = {
        "check": "policy",
        "checked_at": "2026-01-02T03:04:05+00:00",
        "recorded": {"version": "v3", "sha256": "ab" * 32, "accepted": "2026-01-01"},
        "found": {"copy": "moto's copy", "version": "v3", "sha256": "ab" * 32},
        "findings": [],
    }
    (tmp_path / "api.json").write_text(json.dumps(api))
    (tmp_path / "policy.json").write_text(json.dumps(policy))
    markdown = record.render_markdown(tmp_path, load_catalogue())
    assert markdown.index("### The managed policy") < markdown.index("### The API reference")
    assert (
        "against the service models of botocore 1.44.8, with the fingerprints of the 22 "
        "operations the requirements cite, taken from botocore 1.43.127 (accepted on 2026-01-01)"
        in markdown
    )
    assert "**Drift**: 2 operations moved, to review." in markdown
    assert (
        "| `iam UpdateRole` | input member `MaxSigninSessionDuration` added (integer) "
        "| {slr-req}`SLR-EDT-04` |" in markdown
    )
    assert "| `iam GetRole` | new: cited, and not yet reviewed | none |" in markdown
