#!/usr/bin/env bash
# The one step of the GitHub Action (action.yml): certify the emulator at SLR_ENDPOINT_URL.
#
# It installs this checkout of slr-conformance into a fresh virtual environment (the project is
# not on a package index), runs the specification against the endpoint, checks the certificate
# it wrote with `report verify`, appends summary.md to the job summary, and exits with the
# run's code: 0 when every requirement passes (or, with a baseline, when every verdict is the
# recorded one), 1 on any failure or change against the baseline, 2 for a usage error.
#
# Environment (the action's inputs):
#   SLR_ENDPOINT_URL   URL of the running emulator (required)
#   SLR_BASELINE       a baseline .json file of the verdicts expected (optional)
#   SLR_OUTPUT         folder for the certificate (default: slr-conformance)
#   SLR_ARGS           more options for `slr-conformance run`, split on spaces (optional)
#   SLR_PYTHON         the interpreter for the virtual environment (default: python3)
#   SLR_CONFORMANCE    an installed slr-conformance command to use instead of installing one
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP are used when GitHub sets them.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
endpoint=${SLR_ENDPOINT_URL:-}
baseline=${SLR_BASELINE:-}
output=${SLR_OUTPUT:-slr-conformance}
python=${SLR_PYTHON:-python3}

fail_usage() {
  echo "slr-conformance action: $1" >&2
  [ "${GITHUB_ACTIONS:-}" = true ] && echo "::error title=slr-conformance::$1"
  exit 2
}

# An input is one line: a newline would add lines of its own to GITHUB_OUTPUT (another output,
# set by whoever wrote the input) and cut the options short.
for pair in endpoint-url:SLR_ENDPOINT_URL baseline:SLR_BASELINE output:SLR_OUTPUT args:SLR_ARGS; do
  variable=${pair#*:}
  case "${!variable:-}" in
    *$'\n'* | *$'\r'*) fail_usage "The input ${pair%%:*} must be one line, without a line break." ;;
  esac
done
[ -n "$endpoint" ] || fail_usage "The input endpoint-url is required (for example http://127.0.0.1:4566)."
if [ -n "$baseline" ] && [ ! -f "$baseline" ]; then
  fail_usage "The baseline file $baseline does not exist."
fi

slr=${SLR_CONFORMANCE:-}
if [ -z "$slr" ]; then
  venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/slr-conformance-venv"
  echo "Installing slr-conformance from $source_dir into $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  # The pins apply to the build of the wheel (setuptools) as to what it installs.
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONSTRAINT="$source_dir/constraints.txt" \
    "$venv/bin/python" -m pip install --quiet "$source_dir"
  slr="$venv/bin/slr-conformance"
fi

arguments=(run --backend endpoint --endpoint-url "$endpoint" --output "$output")
[ -n "$baseline" ] && arguments+=(--baseline "$baseline")
read -r -a extra <<<"${SLR_ARGS:-}"
arguments+=("${extra[@]}")

mkdir -p "$output"
set +e
"$slr" "${arguments[@]}" 2>&1 | tee "$output/run.log"
code=${PIPESTATUS[0]}
set -e

results="$output/results.json"
if [ -f "$results" ] && [ "$code" != 2 ]; then
  if ! "$slr" report verify "$results" >"$output/verify.log" 2>&1; then
    cat "$output/verify.log"
    echo "slr-conformance action: the certificate in $results does not verify." >&2
    code=1
  fi
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    if [ -f "$output/summary.md" ]; then cat "$output/summary.md"; fi
    if [ -n "$baseline" ]; then
      echo
      echo "## Against the baseline \`$(basename "$baseline")\`"
      echo
      echo '```text'
      sed -n '/against the baseline:$/,$p; /^Every verdict matches the baseline/p' "$output/run.log"
      echo '```'
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "results=$results"
    echo "exit-code=$code"
  } >>"$GITHUB_OUTPUT"
fi
if [ "$code" != 0 ] && [ "${GITHUB_ACTIONS:-}" = true ]; then
  if [ "$code" = 2 ]; then
    echo "::error title=slr-conformance::The specification could not be run: a usage or configuration error (exit 2, see the log)."
  elif [ -n "$baseline" ]; then
    echo "::error title=slr-conformance::The verdicts differ from the baseline $baseline (see the job summary)."
  else
    echo "::error title=slr-conformance::Not every requirement passes (see the job summary)."
  fi
fi
exit "$code"
