#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one CLI test case (cases/NAME.sh) in a fresh temporary directory and
# compares its stdout, stderr and exit status with the expectation files.
#
# Usage: run_case.sh SAFI_BINARY CASE_SCRIPT
#
# The case script runs under bash with these environment variables:
#   SAFI   absolute path of the safi binary
#   DATA   absolute path of tests/cli/data (shared inputs)
#   CASES  absolute path of tests/cli/cases (other cases' expectations)
# Expectation files next to CASE_SCRIPT (NAME.sh.*):
#   .stdout.exact  stdout must equal it byte for byte    } exactly one of
#   .stdout.glob   stdout must match it as a bash glob    } these two
#   .stderr.exact / .stderr.glob   the same for stderr (unchecked if absent)
#   .exit          expected exit status (default 0)
# In a glob, * also matches newlines; the whole output must match.
set -u

if [[ $# -ne 2 ]]; then
  echo "usage: run_case.sh SAFI_BINARY CASE_SCRIPT" >&2
  exit 2
fi
safi=$(realpath "$1")
case_script=$(realpath "$2")
cases_dir=$(dirname "$case_script")
data_dir=$(realpath "$cases_dir/../data")

work=$(mktemp -d "${TMPDIR:-/tmp}/safi-cli-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/run"

(cd "$work/run" && SAFI="$safi" DATA="$data_dir" CASES="$cases_dir" \
  LC_ALL=C bash "$case_script" >"$work/stdout" 2>"$work/stderr")
status=$?

failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

# check_stream STREAM EXPECTATION_PREFIX REQUIRED
check_stream() {
  local stream=$1 prefix=$2 required=$3
  if [[ -f "$prefix.exact" ]]; then
    if ! cmp -s "$prefix.exact" "$work/$stream"; then
      fail "$stream differs from $(basename "$prefix.exact"):"
      diff -u "$prefix.exact" "$work/$stream" | head -n 60
    fi
  elif [[ -f "$prefix.glob" ]]; then
    local pattern actual
    pattern=$(<"$prefix.glob")
    actual=$(<"$work/$stream")
    # shellcheck disable=SC2053  # the right-hand side is a glob on purpose
    if [[ "$actual" != $pattern ]]; then
      fail "$stream does not match $(basename "$prefix.glob") ($pattern):"
      head -c 4000 "$work/$stream"
    fi
  elif [[ $required == yes ]]; then
    fail "no $(basename "$prefix").exact or .glob expectation file"
  fi
}

check_stream stdout "$case_script.stdout" yes
check_stream stderr "$case_script.stderr" no
expected_status=0
if [[ -f "$case_script.exit" ]]; then
  expected_status=$(<"$case_script.exit")
fi
if [[ $status -ne $expected_status ]]; then
  fail "exit status $status, expected $expected_status"
fi

if [[ $failed -ne 0 ]]; then
  echo "--- stderr of $(basename "$case_script"):"
  head -c 4000 "$work/stderr"
  exit 1
fi
echo "PASS: $(basename "$case_script")"
