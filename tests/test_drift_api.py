"""``slr-conformance drift --api``: the API reference the requirements cite, against botocore.

The real change is botocore 1.43.127 against the pinned 1.44: IAM's UpdateRole gained the
maximum sign-in session duration (and a sentence that a service-linked role's cannot be
changed). The fingerprints of 1.43.127 are test data (``tests/data/botocore-1.43.127``), made
by ``make api-drift-demo`` from the wheel, which these tests never download.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from conformance.cli import main
from conformance.drift import api
from conformance.drift.command import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "data" / "botocore-1.43.127"
BEFORE_WHEEL = ROOT / "build" / "api-drift-demo" / "botocore-1.43.127-py3-none-any.whl"
RECORDED = api.load_fingerprints(DATA_DIR / api.FINGERPRINTS_FILE)
UPDATE_ROLE_CITED_BY = "SLR-PRM-09, SLR-EDT-04, SLR-EDT-05, SLR-EDT-06"


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["drift", "--api", "--output", str(tmp_path / "out"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def before_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(BEFORE / api.FINGERPRINTS_FILE, data / api.FINGERPRINTS_FILE)
    return data


# ---------------------------------------------------------------- what is recorded


def test_every_operation_the_requirements_cite_is_fingerprinted():
    catalogue = load_catalogue()
    assert RECORDED is not None
    cited = api.cited(catalogue, api.installed_models())
    assert [(o.service, o.name) for o in RECORDED.operations] == cited
    assert ("iam", "UpdateRole") in cited and ("ssm-incidents", "CreateReplicationSet") in cited
    # Every API-reference source names operations, but the endpoint data read at run time.
    assert api.uncited_sources(catalogue) == ["api-endpoints"]
    for source in {s for r in catalogue.requirements for s in r.sources if s.kind == "api-ref"}:
        if source.key != "api-endpoints":
            assert any(
                name in source.title and api.citing(catalogue, service, name)
                for service, name in cited
            ), f"{source.key} names no operation of the installed botocore"


def test_every_requirement_citing_an_operation_is_named():
    catalogue = load_catalogue()
    assert api.citing(catalogue, "iam", "UpdateRole") == tuple(UPDATE_ROLE_CITED_BY.split(", "))
    assert api.citing(catalogue, "sts", "AssumeRole") == ("SLR-OVR-03",)
    assert api.citing(catalogue, "iam", "GetRole") == ()


def test_the_pinned_botocore_has_not_moved(tmp_path, capsys):
    code, out, _ = run(capsys, tmp_path)
    assert code == 0, out
    assert re.search(r"No drift: the \d+ operations the specification cites are as recorded", out)
    record = json.loads((tmp_path / "out" / "api.json").read_text())
    assert record["findings"] == []
    assert "**No drift**" in (tmp_path / "out" / "drift.md").read_text()


def test_fingerprints_keep_hashes_and_names_never_text():
    text = (DATA_DIR / api.FINGERPRINTS_FILE).read_text()
    assert "service-linked" not in text.lower() and "<p>" not in text
    assert '"MaxSigninSessionDuration" = { type = "integer", required = false' in text
    assert api.text_fingerprint("<p>Updates a <code>role</code>.</p>") == api.text_fingerprint(
        "Updates a role."
    )
    assert api.text_fingerprint("Updates a role.") != api.text_fingerprint("Updates no role.")


# ---------------------------------------------------------------- the real change


def test_botocore_1_43_to_the_pinned_one_names_update_role_and_its_requirements(tmp_path, capsys):
    code, out, _ = run(capsys, tmp_path, "--data", str(before_data(tmp_path)))
    assert code == 1, out
    assert "taken from botocore 1.43.127 (never accepted)" in out
    block = re.search(r"^  iam UpdateRole: (.*?\n)(?=  \S|\S)", out, re.MULTILINE | re.DOTALL)
    assert block is not None, out
    update_role = block.group(1)
    assert update_role.startswith(f"requirements {UPDATE_ROLE_CITED_BY}\n")
    for line in (
        "documentation changed",
        "input member MaxSigninSessionDuration added (integer)",
        "input member ResetMaxSigninSessionDuration added (boolean)",
    ):
        assert f"      {line}\n" in update_role
    assert "output member Role.MaxSigninSessionDuration added (integer)" in out
    assert "ReplicationSet" not in out  # the Incident Manager operations did not move
    assert "Drift: 4 operations moved" in out
    record = json.loads((tmp_path / "out" / "api.json").read_text())
    assert record["fingerprints"]["botocore"] == "1.43.127"
    assert {
        "operation": "iam UpdateRole",
        "part": "input",
        "name": "MaxSigninSessionDuration",
        "change": "added",
        "detail": "integer",
        "requirements": UPDATE_ROLE_CITED_BY.split(", "),
    } in record["findings"]
    markdown = (tmp_path / "out" / "drift.md").read_text()
    assert "### The API reference" in markdown
    assert (
        "| `iam UpdateRole` | input member `MaxSigninSessionDuration` added (integer) "
        "| {slr-req}`SLR-PRM-09`, {slr-req}`SLR-EDT-04`, {slr-req}`SLR-EDT-05`, {slr-req}`SLR-EDT-06` |" in markdown
    )


def test_the_test_data_is_what_the_wheel_gives(tmp_path):
    if not BEFORE_WHEEL.is_file():
        pytest.skip(f"no botocore 1.43.127 wheel at {BEFORE_WHEEL}; `make api-drift-demo` gets it")
    written = tmp_path / "before.toml"
    assert api.main([str(BEFORE_WHEEL), "--write", str(written)]) == 0
    assert api.load_fingerprints(written) == api.load_fingerprints(BEFORE / api.FINGERPRINTS_FILE)


def test_a_wheel_is_read_as_the_installed_botocore_is(tmp_path):
    import botocore

    data = Path(botocore.__file__).parent / "data"
    wheel = tmp_path / "botocore-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for service in ("iam", "sts", "ssm-incidents", "ssm-contacts"):
            for model in data.glob(f"{service}/*/service-2.json*"):
                raw = model.read_bytes()
                name = model.relative_to(data.parent.parent).as_posix()
                # one model plain, the others as botocore ships them
                if service == "sts" and name.endswith(".gz"):
                    raw, name = gzip.decompress(raw), name[: -len(".gz")]
                archive.writestr(name, raw)
    catalogue = load_catalogue()
    from_wheel = api.take(catalogue, api.wheel_models(wheel))
    installed = api.take(catalogue, api.installed_models())
    assert from_wheel.botocore == "9.9.9"
    assert from_wheel.operations == installed.operations


# ---------------------------------------------------------------- the comparison


def _changed(operation: api.Operation, **changes: object) -> api.Operation:
    return dataclasses.replace(operation, **changes)


def test_types_requiredness_codes_and_operations_coming_and_going_are_named():
    assert RECORDED is not None
    catalogue = load_catalogue()
    by_key = {o.key: o for o in RECORDED.operations}
    role = by_key["iam UpdateRole"]
    input_ = dict(role.input)
    input_["RoleName"] = api.Member("integer", False, input_["RoleName"].documentation)
    del input_["Description"]
    errors = dict(role.errors)
    errors["NoSuchEntityException"] = api.Error(
        "NoSuchRole", errors["NoSuchEntityException"].documentation
    )
    del errors["UnmodifiableEntityException"]
    edited = [
        _changed(role, input=input_, errors=errors) if o is role else o
        for o in RECORDED.operations
        if o.key != "sts AssumeRole"
    ]
    edited.append(api.Operation("iam", "GetRole", "0" * 16))
    found = api.Fingerprints("9.9.9", "", tuple(edited))
    findings = {(f.operation, f.describe()) for f in api.compare(RECORDED, found, catalogue)}
    assert findings == {
        (
            "iam UpdateRole",
            "input member RoleName changed (type string -> integer, no longer required)",
        ),
        ("iam UpdateRole", "input member Description removed"),
        ("iam UpdateRole", "error NoSuchEntityException changed (code NoSuchEntity -> NoSuchRole)"),
        ("iam UpdateRole", "error UnmodifiableEntityException removed"),
        ("sts AssumeRole", "gone: no longer cited, or not in this botocore"),
        ("iam GetRole", "new: cited, and not yet reviewed"),
    }


# ---------------------------------------------------------------- accepting, and bad input


def test_accepting_records_the_installed_botocore_and_logs_the_review(tmp_path, capsys):
    data = before_data(tmp_path)
    changelog = tmp_path / "changelog.md"
    changelog.write_text("# Changelog\n\n## Drift reviewed\n\nIntro.\n\n## 1.0.0\n\nFirst.\n")
    options = ["--data", str(data), "--changelog", str(changelog)]
    code, out, _ = run(capsys, tmp_path, "--accept", *options)
    assert code == 0, out
    accepted = api.load_fingerprints(data / api.FINGERPRINTS_FILE)
    assert accepted is not None and RECORDED is not None
    assert accepted.operations == RECORDED.operations
    assert re.search(
        r"Intro\.\n\n- \d{4}-\d\d-\d\d, the API reference: iam CreateServiceLinkedRole, "
        r"iam UpdateRole, iam UpdateRoleDescription, sts AssumeRole moved since botocore "
        r"1\.43\.127 \(botocore [\d.]+, 22 operations\); specification [\d.]+\.\n\n## 1\.0\.0",
        changelog.read_text(),
    )
    assert run(capsys, tmp_path, *options)[0] == 0
    code, out, _ = run(capsys, tmp_path, "--accept", *options)
    assert code == 0 and "nothing recorded" in out
    assert changelog.read_text().count("the API reference") == 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "No fingerprints of the API reference are recorded in"),
        ("scheme = 1\n[[operation]]\n", "cannot be read"),
        ("scheme = 9\nbotocore = '1'\naccepted = ''\n", "another normalisation"),
    ],
)
def test_missing_or_broken_fingerprints_are_a_usage_error(tmp_path, capsys, content, fragment):
    if content is not None:
        (tmp_path / api.FINGERPRINTS_FILE).write_text(content)
    code, _, err = run(capsys, tmp_path, "--data", str(tmp_path))
    assert code == 2
    assert fragment in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_file_that_is_no_botocore_wheel_is_a_usage_error(tmp_path):
    broken = tmp_path / "botocore-1.0.0-py3-none-any.whl"
    broken.write_text("not a zip")
    with pytest.raises(SystemExit) as exit_info:
        api.main([str(broken), "--write", str(tmp_path / "out.toml")])
    assert exit_info.value.code == 2
