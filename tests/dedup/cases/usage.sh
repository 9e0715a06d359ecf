# SPDX-License-Identifier: Apache-2.0
# Bad command lines: one line on stderr and exit 2; help names the options and phases.
set -u
run() {
  status=0
  "$@" >out.txt 2>err.txt || status=$?
  echo "exit $status, $(wc -c <out.txt) bytes out: $(cat err.txt)"
}
run "$SAFI" dedup missing.jsonl
run "$SAFI" dedup --format xml "$DATA/crawl.jsonl"
run "$SAFI" dedup "$DATA/crawl.jsonl" sketch "$DATA/crawl.jsonl" -o x.state
run "$SAFI" dedup sketch "$DATA/crawl.jsonl"
run "$SAFI" dedup merge -o x.state
run "$SAFI" dedup apply "$DATA/crawl.jsonl"
run "$SAFI" dedup --no-such-option
"$SAFI" dedup --help >help.txt
for word in --format --text-field --id-field --url-field --report sketch merge apply FILE; do
  grep -q -- "$word" help.txt && echo "safi dedup --help: $word"
done
"$SAFI" dedup apply --help >help.txt
for word in --state --report --format; do
  grep -q -- "$word" help.txt && echo "safi dedup apply --help: $word"
done
