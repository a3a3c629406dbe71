"""``slr-conformance drift PAGE``: the page's paragraphs against their recorded fingerprints.

The page's text is never kept in the repository: these tests read the saved copy beside it
(``../shared/sources/``), make edited copies and an HTML rendering in ``tmp_path``, and skip,
saying why, where that copy is absent. Edits are made by the tests at run time, to words the
project's own files name anyway (action names, section headings from the inventory).
"""

from __future__ import annotations

import html
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from page_renderings import FURNITURE_BOTTOM, FURNITURE_TOP

from conformance.catalogue import load_catalogue
from conformance.cli import main
from conformance.drift import page
from conformance.drift.command import DATA_DIR
from conformance.drift.paragraphs import fingerprint, letters, text_blocks

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT.parent / "shared" / "sources" / "incident-manager-service-linked-roles.txt"


@pytest.fixture
def page_text() -> str:
    if not PAGE.is_file():
        pytest.skip(f"no saved copy of the AWS page at {PAGE}; the repository keeps none")
    return PAGE.read_text(encoding="utf-8")


def drift(tmp_path: Path, *args: str) -> list[str]:
    return ["drift", *args, "--output", str(tmp_path / "out")]


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def heading(key: str) -> str:
    return next(s.heading for s in load_catalogue().sections if s.key == key)


# ---------------------------------------------------------------- the shipped copy


def test_the_shipped_copy_has_not_drifted(page_text, tmp_path, capsys):
    code, out, _ = run(capsys, drift(tmp_path, str(PAGE)))
    assert code == 0, out
    assert "No drift" in out
    record = (tmp_path / "out" / "drift.md").read_text()
    assert "**No drift**" in record


def test_every_statement_rests_on_a_recorded_paragraph():
    recorded = page.load_fingerprints(DATA_DIR / page.FINGERPRINTS_FILE, load_catalogue())
    assert recorded is not None
    placed = {sid for p in recorded.paragraphs for sid in p.statements}
    assert placed == {s.id for s in load_catalogue().statements}
    for paragraph in recorded.paragraphs:
        for sid in paragraph.statements:
            statement = next(s for s in load_catalogue().statements if s.id == sid)
            assert statement.section == paragraph.section, sid


def test_the_fingerprints_file_holds_no_text():
    document = tomllib.loads((DATA_DIR / page.FINGERPRINTS_FILE).read_text())
    for entry in document["paragraph"]:
        assert re.fullmatch(r"[0-9a-f]{16}", entry["fingerprint"])
        assert set(entry) == {"section", "fingerprint", "statements"}


# ---------------------------------------------------------------- edited copies


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda text: text.replace("PutMetricData", "PutMetricStream"),
            (
                "Service-linked role permissions",
                "statements PRM-6; requirements SLR-PRM-06, SLR-PRM-07",
                ["SLR-PRM-06", "SLR-PRM-07"],
            ),
        ),
        (
            lambda text: text.rstrip() + " Except on Tuesdays.\n",
            ("Supported Regions", "statements RGN-1; requirements SLR-RGN-01", ["SLR-RGN-01"]),
        ),
    ],
    ids=["permissions", "regions"],
)
def test_a_changed_sentence_names_its_statements_and_requirements(
    page_text, tmp_path, capsys, edit, expected
):
    section, statements, requirements = expected
    copy = write(tmp_path, "changed.txt", edit(page_text))
    code, out, _ = run(capsys, drift(tmp_path, copy))
    assert code == 1, out
    assert re.search(rf"{section} +\d+ paragraphs?, 1 changed", out)
    assert statements in out
    assert "1 changed, 0 new, 0 gone" in out
    record = (tmp_path / "out" / "drift.md").read_text()
    assert all(f"{{slr-req}}`{r}`" in record for r in requirements)
    assert "Tuesdays" not in record and "PutMetricStream" not in record  # no text on the site


def test_a_new_paragraph_is_new_and_not_yet_reviewed(page_text, tmp_path, capsys):
    marker = heading("deleting")
    assert marker in page_text
    edited = page_text.replace(marker, "A paragraph that nobody has reviewed.\n" + marker)
    code, out, _ = run(capsys, drift(tmp_path, write(tmp_path, "new.txt", edited)))
    assert code == 1, out
    assert re.search(r"Editing the role +2 paragraphs, 1 new", out)
    assert "new, not yet reviewed, paragraph 2" in out
    assert "0 changed, 1 new, 0 gone" in out


def test_a_removed_paragraph_names_the_statements_that_rested_on_it(page_text, tmp_path, capsys):
    lines = page_text.splitlines()
    lines.pop(lines.index(heading("editing")) - 1)  # the creating section's last paragraph
    code, out, _ = run(capsys, drift(tmp_path, write(tmp_path, "gone.txt", "\n".join(lines))))
    assert code == 1, out
    assert "gone, recorded paragraph 2" in out
    assert "statements CRT-2; requirements SLR-CRT-03" in out
    assert "0 changed, 0 new, 1 gone" in out


def test_a_missing_heading_is_reported_and_cannot_be_accepted(page_text, tmp_path, capsys):
    edited = page_text.replace(heading("editing"), "Changing the role")
    copy = write(tmp_path, "renamed.txt", edited)
    code, out, _ = run(capsys, drift(tmp_path, copy))
    assert code == 1
    assert "heading not found" in out
    data = _data_copy(tmp_path)
    code, _, err = run(capsys, drift(tmp_path, copy, "--accept", *data))
    assert code == 2
    assert "Editing the role" in err and "heading" in err


# ---------------------------------------------------------------- the browser's HTML


def _inline(text: str, n: int) -> str:
    """One paragraph as a browser's HTML might hold it: spacing, quotes, entities, markup."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # words a transcription ran together
    text = re.sub(r"\bthe (?=\w)", "the", text)  # and words run together here instead
    words = []
    for i, plain in enumerate(html.escape(text, quote=False).split(" ")):
        if re.search(r"\w[:/.]\w", plain):
            words.append(f"<code class='code'>{plain}</code>")
        elif i == 2:
            words.append(f"&ldquo;{plain}&rdquo;")
        elif i == 4 and n % 2:
            words.append(f'<a href="#x">{plain}</a>')
        elif i == 5:
            words.append(f"<b>{plain}</b>")
        else:
            words.append(plain)
    joined = ""
    for i, word in enumerate(words):
        separator = "" if i == 0 else "\n    " if i % 7 == 0 else "&nbsp;" if i % 4 == 0 else " "
        joined += separator + word
    return joined.replace("'", "&rsquo;").replace("\u2019", "'").replace("\u2013", "&ndash;")


def render_html(page_text: str) -> str:
    headings = {letters(s.heading) for s in load_catalogue().sections}
    body, first = [], True
    toc = "".join(
        f'<li><a href="#s{i}">{s.heading}</a></li>' for i, s in enumerate(load_catalogue().sections)
    )
    for n, block in enumerate(text_blocks(page_text)):
        inner = _inline(block.text, n)
        if letters(block.text) in headings:
            tag = "h1" if first else "h2"
            body.append(f'<{tag} id="s{n}">{inner}</{tag}>')
            first = False
        elif n % 3 == 1:
            body.append(f'<div class="itemizedlist"><ul><li><p>{inner}</p></li></ul></div>')
        elif n % 3 == 2:
            body.append(f"<ol><li>\n  {inner}\n</li></ol>")
        else:
            body.append(f"<div class='para'><p>{inner}</p></div>")
    title = html.escape(heading("overview"))
    return (
        FURNITURE_TOP.format(title=title, toc=toc)
        + "\n".join(body)
        + FURNITURE_BOTTOM.format(toc=toc)
    )


def test_a_browser_rendering_has_the_same_fingerprints(page_text, tmp_path, capsys):
    rendered = render_html(page_text)
    assert "Document Conventions" in rendered and "&nbsp;" in rendered and "&ldquo;" in rendered
    copy = write(tmp_path, "saved.html", rendered)
    code, out, _ = run(capsys, drift(tmp_path, copy))
    assert code == 0, out
    assert "No drift" in out


# ---------------------------------------------------------------- normalisation


def test_fingerprints_ignore_spacing_case_quotes_and_joins():
    same = [
        "You don\u2019t need the role\u00a0for it \u2013 really.",
        "you don't need  the\nrole for it - REALLY",
        "You dont needthe rolefor it, really!",
    ]
    assert len({fingerprint(t) for t in same}) == 1
    assert fingerprint("You need the role for it.") != fingerprint(same[0])


def test_text_bullets_join_split_items():
    blocks = text_blocks(
        "Heading\nIntro of a list:\n-\nAction:\nservice:DoThing\non every resource. -\n"
        "Action:\nservice:Other\nonevery resource.\n-\nLast item\nin two lines\nNext paragraph.\n"
        "1. A numbered step\n2. Another step\n"
    )
    assert [b.text for b in blocks] == [
        "Heading",
        "Intro of a list:",
        "Action: service:DoThing on every resource.",
        "Action: service:Other onevery resource.",
        "Last item in two lines",
        "Next paragraph.",
        "A numbered step",
        "Another step",
    ]


# ---------------------------------------------------------------- cannot compare


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"A recipe for bread.\nFlour, water, salt.\n", "none of its section headings"),
        (b"<html><body><h1>Another page</h1><p>Text.</p></body></html>", "none of its section"),
        (b"", "none of its section headings"),
        (b"\xff\xfe\x00\x00 not text", "not UTF-8"),
    ],
    ids=["other-text", "other-html", "empty", "not-utf8"],
)
def test_a_file_that_is_not_the_page_cannot_be_compared(tmp_path, capsys, content, fragment):
    path = tmp_path / "copy"
    path.write_bytes(content)
    code, out, err = run(capsys, drift(tmp_path, str(path)))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err


@pytest.mark.parametrize("name", ["missing.html", "."], ids=["missing", "directory"])
def test_an_unreadable_file_cannot_be_compared(tmp_path, capsys, name):
    code, _, err = run(capsys, drift(tmp_path, str(tmp_path / name)))
    assert code == 2
    assert "cannot be read" in err and "Traceback" not in err


def test_nothing_to_compare_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, ["drift"])
    assert code == 2
    assert "drift PAGE" in err


# ---------------------------------------------------------------- accepting a review


def _data_copy(tmp_path: Path) -> list[str]:
    """``--data`` and ``--changelog`` pointing at copies, so accepting never edits the repo."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name in (page.FINGERPRINTS_FILE, "managed-policy.toml"):
        shutil.copy(DATA_DIR / name, data / name)
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# Changelog\n\n## 1.0.0\n\nThe first.\n")
    return ["--data", str(data), "--changelog", str(changelog)]


def test_accepting_records_the_copy_and_logs_the_review(page_text, tmp_path, capsys):
    data = _data_copy(tmp_path)
    edited = page_text.replace("PutMetricData", "PutMetricStream")
    marker = heading("deleting")
    edited = edited.replace(marker, "A paragraph that nobody has reviewed.\n" + marker)
    copy = write(tmp_path, "edited.txt", edited)

    code, out, _ = run(capsys, drift(tmp_path, copy, "--accept", *data))
    assert code == 0, out
    assert "1 changed, 1 new, 0 gone" in out
    log = (tmp_path / "changelog.md").read_text()
    assert re.search(
        r"## Drift reviewed\n\n- \d{4}-\d\d-\d\d, the page: 1 changed, 1 new, 0 gone "
        r"\(copy `edited.txt`, sha256 `[0-9a-f]{12}`\); specification \d+\.\d+\.\d+\.\n$",
        log,
    )
    code, out, _ = run(capsys, drift(tmp_path, copy, *data))
    assert code == 0, out

    catalogue = load_catalogue()
    recorded = page.load_fingerprints(tmp_path / "data" / page.FINGERPRINTS_FILE, catalogue)
    assert recorded is not None
    permissions = recorded.section("permissions")
    assert permissions[9].statements == ("PRM-6",)  # the changed paragraph keeps its statement
    assert recorded.section("editing")[1].statements == ()  # the new one carries none yet

    code, out, _ = run(capsys, drift(tmp_path, copy, "--accept", *data))
    assert code == 0 and "Nothing moved" in out
    assert (tmp_path / "changelog.md").read_text() == log


def test_a_statement_whose_paragraph_went_is_flagged_until_placed(page_text, tmp_path, capsys):
    data = _data_copy(tmp_path)
    lines = page_text.splitlines()
    lines.pop(lines.index(heading("editing")) - 1)
    copy = write(tmp_path, "gone.txt", "\n".join(lines))
    code, out, _ = run(capsys, drift(tmp_path, copy, "--accept", *data))
    assert code == 0
    assert "Resting on no paragraph now: CRT-2." in out
    code, out, _ = run(capsys, drift(tmp_path, copy, *data))
    assert code == 1
    assert "statement CRT-2 rests on no recorded paragraph; requirements SLR-CRT-03" in out


def test_accepting_needs_the_changelog(page_text, tmp_path, capsys):
    data = _data_copy(tmp_path)
    data[-1] = str(tmp_path / "nowhere.md")
    before = (tmp_path / "data" / page.FINGERPRINTS_FILE).read_text()
    copy = write(tmp_path, "changed.txt", page_text.replace("PutMetricData", "PutMetricStream"))
    code, _, err = run(capsys, drift(tmp_path, copy, "--accept", *data))
    assert code == 2 and "changelog" in err
    assert (tmp_path / "data" / page.FINGERPRINTS_FILE).read_text() == before
