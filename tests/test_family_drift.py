"""``slr-conformance drift --spec service-linked-roles FOLDER``: the family's pages watched.

The pages come from the sources folder beside the repository (skipped, saying why, where it
is absent); edited copies, other dialects and browser renderings are made in ``tmp_path``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from page_renderings import markdown_html

from conformance.cli import main
from conformance.family.command import DATA_DIR
from conformance.family.fingerprints import FINGERPRINTS_FILE, IAM_GUIDE, load
from conformance.family.sources import page_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources" / "service-linked-roles"
IAM = ROOT.parent / "shared" / "sources" / "iam"


@pytest.fixture(scope="module")
def sources():
    if not (SOURCES / "manifest.json").is_file():
        pytest.skip(f"no copies of the service pages at {SOURCES}; the repository keeps none")
    return {s.principal: s for s in page_sources(SOURCES)}


def drift(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["drift", "--spec", "service-linked-roles", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def folder_of(tmp_path: Path, pages: dict[str, str], suffix: str = ".md") -> str:
    folder = tmp_path / "copies"
    folder.mkdir(parents=True, exist_ok=True)
    for principal, text in pages.items():
        (folder / f"{principal}{suffix}").write_text(text, encoding="utf-8")
    return str(folder)


def test_the_pages_and_the_iam_guide_have_not_drifted(sources, capsys):
    code, out, _ = drift(capsys, str(SOURCES))
    assert code == 0, out
    assert "unchanged: 78 pages" in out and "No drift" in out
    if IAM.is_dir():
        code, out, _ = drift(capsys, str(IAM))
        assert code == 0 and "unchanged: 1 page" in out


def test_the_fingerprints_cover_every_page_and_hold_no_text():
    recorded = load(DATA_DIR / FINGERPRINTS_FILE)
    assert recorded is not None and IAM_GUIDE in recorded.pages
    assert len([k for k in recorded.pages if k.endswith(".amazonaws.com")]) == 71
    for page in recorded.pages.values():
        assert all(re.fullmatch(r"[0-9a-f]{16}", p) for s in page.sections.values() for p in s)


def test_a_changed_sentence_names_the_service_and_the_section(sources, tmp_path, capsys):
    text = sources["batch.amazonaws.com"].file.read_text(encoding="utf-8")
    edited = text.replace("compute environments that use", "job queues that use", 1)
    assert edited != text
    code, out, _ = drift(capsys, folder_of(tmp_path, {"batch.amazonaws.com": edited}))
    assert code == 1
    assert "batch.amazonaws.com: deleting 1 changed" in out and "1 page moved" in out


def _aws_repository_dialect(text: str) -> str:
    """The page as AWS's own repositories kept it: front matter gone, punctuation escaped,
    each anchor inside its heading, notes' labels in bold."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^(#+ .*)\n<a name=\"([^\"]+)\"></a>", r'\1<a name="\2"></a>', text, flags=re.M)
    text = re.sub(r"^#{5,6} (Note|Important)$", r"**\1**", text, flags=re.M)
    lines = []
    fenced = False
    for line in text.splitlines():
        fence = line.lstrip().startswith("```")
        fenced ^= fence
        if fenced or fence or "<a name" in line:
            lines.append(line)
        else:
            marker = re.match(r"\s*(?:[-+*]|\d+\.)\s+|\s*", line)
            lead = marker.group(0) if marker else ""
            spans = re.split(r"(`[^`]*`)", line[len(lead) :])  # code is kept as written
            escape = re.compile(r"(?<![\\(])([-.()])(?![^(]*\))")
            rest = "".join(p if p.startswith("`") else escape.sub(r"\\\1", p) for p in spans)
            lines.append(lead + rest)
    return "\n".join(lines)


def test_another_markdown_dialect_or_a_browser_copy_is_not_drift(sources, tmp_path, capsys):
    plain = {p: s.file.read_text(encoding="utf-8") for p, s in sources.items() if not s.extra}
    dialect = {p: _aws_repository_dialect(t) for p, t in plain.items()}
    assert any("\\-" in t for t in dialect.values())
    code, out, _ = drift(capsys, folder_of(tmp_path / "md", dialect))
    assert code == 0, out
    browser = {p: markdown_html(t, p) for p, t in plain.items()}
    code, out, _ = drift(capsys, folder_of(tmp_path / "html", browser, ".html"))
    assert code == 0, out


def test_the_2023_copies_show_the_incident_manager_pages_true_change(sources, tmp_path, capsys):
    archive = sources["ssm-incidents.amazonaws.com"].archive
    assert archive is not None
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(archive, folder / "ssm-incidents.amazonaws.com.md")
    code, out, _ = drift(capsys, str(folder))
    assert code == 1 and "ssm-incidents.amazonaws.com: overview 3 gone; permissions" in out


def test_accepting_records_the_copies_and_logs_the_review(sources, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# Changelog\n", encoding="utf-8")
    text = sources["batch.amazonaws.com"].file.read_text(encoding="utf-8")
    copies = folder_of(tmp_path, {"batch.amazonaws.com": text})
    accept = ["--data", str(data), "--changelog", str(changelog), "--accept"]
    code, out, _ = drift(capsys, copies, *accept)
    assert code == 0 and "Recorded the fingerprints of 1 pages" in out
    assert (
        "the family's pages: 1 pages from `copies` (the first fingerprints)"
        in changelog.read_text()
    )
    code, out, _ = drift(capsys, copies, "--data", str(data))
    assert code == 0 and "unchanged: 1 page" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["/nonexistent/folder"], "does not exist"),
        ([], "Name the folder of page copies"),
        (["--policy-file", "x.json", "."], "go with --policy"),
        (["--spec", "service-linked-role", "."], "did you mean 'service-linked-roles'"),
    ],
    ids=["missing", "no-folder", "policy", "unknown-spec"],
)
def test_what_cannot_be_compared_is_one_sentence_and_exit_2(capsys, argv, fragment):
    code, out, err = drift(capsys, *argv)
    assert code == 2 and not out
    assert fragment in err and err.count("\n") == 1


def test_a_folder_without_pages_cannot_be_compared(tmp_path, capsys):
    code, _, err = drift(capsys, str(tmp_path))
    assert code == 2 and "holds no page copy" in err
