"""The GitHub Action's one script, run here as GitHub would, against the served reference emulator.

``action.yml`` only sets up Python, calls ``.github/actions/certify.sh`` and uploads the output
folder, so running the script with GitHub's environment variables tests the action without
GitHub. The script is given this environment's ``slr-conformance`` instead of installing one
(installing the wheel is what ``make wheel-check`` tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from conformance.backends.common import free_port
from conformance.catalogue import load_catalogue

SCRIPT = ROOT / ".github" / "actions" / "certify.sh"
SELECTION = "--requirement SLR-PRM-01 --requirement SLR-OVR-01 --requirement SLR-EDT-03"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """The reference emulator served on 127.0.0.1, as an emulator author's CI would start theirs."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conformance.cli",
            "serve",
            "--port",
            str(port),
            "--clock",
            "virtual",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the reference emulator did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _certify(tmp_path: Path, **settings: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    summary = tmp_path / "step-summary.md"
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("SLR_", "GITHUB_"))
    }
    environment.update(
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(tmp_path / "github-output"),
        SLR_CONFORMANCE=str(Path(sys.executable).parent / "slr-conformance"),
        SLR_OUTPUT=str(tmp_path / "certificate"),
    )
    environment.update(settings)
    finished = subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return finished, summary


def test_a_passing_emulator_gets_its_certificate_and_job_summary(
    endpoint: str, tmp_path: Path
) -> None:
    finished, summary = _certify(tmp_path, SLR_ENDPOINT_URL=endpoint, SLR_ARGS=SELECTION)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    certificate = tmp_path / "certificate"
    assert {"results.json", "junit.xml", "summary.md", "badge.svg"} <= {
        p.name for p in certificate.iterdir()
    }
    document = json.loads((certificate / "results.json").read_text(encoding="utf-8"))
    assert document["backend"]["endpoint"] == endpoint
    assert [r["verdict"] for r in document["requirements"]] == ["pass"] * 3
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Incident Manager service-linked role conformance: endpoint")
    outputs = (tmp_path / "github-output").read_text(encoding="utf-8").splitlines()
    assert f"results={certificate}/results.json" in outputs and "exit-code=0" in outputs
    verified = (certificate / "verify.log").read_text(encoding="utf-8")
    assert "is a faithful certificate" in verified


def test_a_regression_against_the_baseline_fails_the_job(endpoint: str, tmp_path: Path) -> None:
    baseline = {
        "kind": "slr-conformance-baseline",
        "name": "my-emulator",
        "spec_version": load_catalogue().spec_version,
        "catalogue_digest": _catalogue_digest(),
        "verdicts": {"SLR-PRM-01": "pass", "SLR-OVR-01": "pass", "SLR-EDT-03": "fail"},
    }
    path = tmp_path / "my-emulator.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")
    finished, summary = _certify(
        tmp_path,
        SLR_ENDPOINT_URL=endpoint,
        SLR_ARGS=SELECTION,
        SLR_BASELINE=str(path),
        GITHUB_ACTIONS="true",
    )
    assert finished.returncode == 1, finished.stdout + finished.stderr
    assert "SLR-EDT-03: expected fail, now pass (fixed)" in finished.stdout
    assert "::error title=slr-conformance::The verdicts differ from the baseline" in finished.stdout
    text = summary.read_text(encoding="utf-8")
    assert "## Against the baseline `my-emulator.json`" in text
    assert "SLR-EDT-03: expected fail, now pass (fixed)" in text
    assert "exit-code=1" in (tmp_path / "github-output").read_text(encoding="utf-8")


def test_a_matching_baseline_passes(endpoint: str, tmp_path: Path) -> None:
    baseline = {
        "kind": "slr-conformance-baseline",
        "name": "my-emulator",
        "spec_version": load_catalogue().spec_version,
        "catalogue_digest": _catalogue_digest(),
        "verdicts": {"SLR-PRM-01": "pass", "SLR-OVR-01": "pass", "SLR-EDT-03": "pass"},
    }
    path = tmp_path / "my-emulator.json"
    path.write_text(json.dumps(baseline), encoding="utf-8")
    finished, summary = _certify(
        tmp_path, SLR_ENDPOINT_URL=endpoint, SLR_ARGS=SELECTION, SLR_BASELINE=str(path)
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "Every verdict matches the baseline" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({}, "The input endpoint-url is required"),
        (
            {"SLR_ENDPOINT_URL": "http://127.0.0.1:9", "SLR_BASELINE": "missing.json"},
            "The baseline file missing.json does not exist.",
        ),
    ],
)
def test_a_usage_error_is_one_sentence_and_exit_2(
    tmp_path: Path, settings: dict[str, str], words: str
) -> None:
    finished, _ = _certify(tmp_path, **settings)
    assert finished.returncode == 2
    assert finished.stderr.strip().count("\n") == 0 and words in finished.stderr


def test_the_action_calls_the_script_and_uploads_the_certificate() -> None:
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "using: composite" in action
    assert 'run: bash "$GITHUB_ACTION_PATH/.github/actions/certify.sh"' in action
    assert "actions/upload-artifact@" in action and "if: always()" in action
    for name in ("endpoint-url", "baseline", "output"):
        assert f"  {name}:" in action


def _catalogue_digest() -> str:
    from conformance.catalogue import load_catalogue

    return load_catalogue().digest


@pytest.mark.parametrize("name", ["SLR_OUTPUT", "SLR_BASELINE", "SLR_ENDPOINT_URL", "SLR_ARGS"])
def test_an_input_with_a_line_break_is_refused_before_anything_is_written(
    tmp_path: Path, name: str
) -> None:
    settings = {"SLR_ENDPOINT_URL": "http://127.0.0.1:9", name: "x\nexit-code=0\r"}
    finished, _ = _certify(tmp_path, **settings)
    assert finished.returncode == 2, finished.stdout + finished.stderr
    assert finished.stderr.strip().count("\n") == 0 and "must be one line" in finished.stderr
    assert not (tmp_path / "github-output").exists()


def test_a_usage_error_of_the_run_is_reported_as_one_not_as_failures(tmp_path: Path) -> None:
    finished, _ = _certify(
        tmp_path,
        SLR_ENDPOINT_URL="http://127.0.0.1:9",
        SLR_ARGS="--no-such-option",
        GITHUB_ACTIONS="true",
    )
    assert finished.returncode == 2, finished.stdout + finished.stderr
    assert "usage or configuration error (exit 2" in finished.stdout
    assert "Not every requirement passes" not in finished.stdout
    assert "exit-code=2" in (tmp_path / "github-output").read_text(encoding="utf-8")
