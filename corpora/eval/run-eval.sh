#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Generates a labeled evaluation crawl, runs `safi dedup` on it and prints safi-eval's scores.
#
# Usage: corpora/eval/run-eval.sh BUILD_DIR [--pages N] [--sites S] [--seed X] [--json] [--keep]
#
# Article text comes from $SAFI_CORPORA_DIR/saudinewsnet-sample/2015-07-23.json when
# SAFI_CORPORA_DIR is set, from the bundled generator otherwise. BUILD_DIR must hold
# cli/safi, corpora/eval/safi-eval-crawl and corpora/eval/safi-eval
# (cmake --build BUILD_DIR --target safi_cli safi-eval-crawl safi-eval).
# The crawl, labels, output and report go to a temporary directory, removed at the end
# unless --keep is given (its path is printed on standard error).
# Exit status: safi-eval's (0 for any valid evaluation), or 2 when a step cannot run.
set -eu

usage() {
  echo "usage: run-eval.sh BUILD_DIR [--pages N] [--sites S] [--seed X] [--json] [--keep]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
build=$1
shift
pages=1000
sites=8
seed=1
json=
keep=
while [ $# -gt 0 ]; do
  case $1 in
    --pages) [ $# -ge 2 ] || usage; pages=$2; shift 2 ;;
    --sites) [ $# -ge 2 ] || usage; sites=$2; shift 2 ;;
    --seed) [ $# -ge 2 ] || usage; seed=$2; shift 2 ;;
    --json) json=--json; shift ;;
    --keep) keep=1; shift ;;
    *) usage ;;
  esac
done

safi=$build/cli/safi
crawler=$build/corpora/eval/safi-eval-crawl
evaluator=$build/corpora/eval/safi-eval
for tool in "$safi" "$crawler" "$evaluator"; do
  if [ ! -x "$tool" ]; then
    echo "run-eval.sh: $tool is missing (build safi_cli, safi-eval-crawl and safi-eval)" >&2
    exit 2
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/safi-eval.XXXXXX")
if [ -n "$keep" ]; then
  echo "run-eval.sh: files kept in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

sample=${SAFI_CORPORA_DIR:-}/saudinewsnet-sample/2015-07-23.json
if [ -n "${SAFI_CORPORA_DIR:-}" ] && [ -f "$sample" ]; then
  set -- --articles-from "$sample"
else
  echo "run-eval.sh: SAFI_CORPORA_DIR not set (or no SaudiNewsNet sample): using generated articles" >&2
  set --
fi
"$crawler" --pages "$pages" --sites "$sites" --seed "$seed" "$@" \
  -o "$work/crawl.jsonl" --labels "$work/labels.jsonl" || exit 2

start=$(date +%s%N)
if ! "$safi" dedup --report "$work/report.jsonl" "$work/crawl.jsonl" >"$work/deduped.jsonl"; then
  echo "run-eval.sh: safi dedup failed" >&2
  exit 2
fi
end=$(date +%s%N)
bytes=$(wc -c <"$work/crawl.jsonl")
echo "run-eval.sh: safi dedup took $(( (end - start) / 1000000 )) ms on $bytes bytes" >&2

"$evaluator" $json --labels "$work/labels.jsonl" --input "$work/crawl.jsonl" \
  --output "$work/deduped.jsonl" --report "$work/report.jsonl"
