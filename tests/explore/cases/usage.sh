# SPDX-License-Identifier: Apache-2.0
# Bad command lines of safi explore: one line on stderr, exit 2, no page; help names the options.
set -u
crawl="$CASES/../../dedup/data/crawl.jsonl"
"$SAFI" dedup --report report.jsonl "$crawl" >/dev/null
run() {
  status=0
  "$@" >out.txt 2>err.txt || status=$?
  echo "exit $status, $(wc -c <out.txt) bytes out, page $([ -e page.html ] && echo written || echo absent): $(cat err.txt)"
  rm -f page.html
}
run "$SAFI" explore "$crawl" -o page.html
run "$SAFI" explore --report report.jsonl "$crawl"
run "$SAFI" explore --report report.jsonl -o page.html missing.jsonl
run "$SAFI" explore --report missing.report -o page.html "$crawl"
run "$SAFI" explore --format xml --report report.jsonl -o page.html "$crawl"
run "$SAFI" explore --max-documents -1 --report report.jsonl -o page.html "$crawl"
"$SAFI" explore --help >help.txt
for word in --input FILE --report --output --max-documents --max-sites --format --text-field --id-field --url-field; do
  grep -q -- "$word" help.txt && echo "safi explore --help: $word"
done
"$SAFI" --help | grep -q explore && echo "safi --help: explore"
