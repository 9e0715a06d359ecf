# SPDX-License-Identifier: Apache-2.0
# The page without a browser: one self-contained file (no external reference), the same bytes on
# every run, the same counts from standard input, from per-shard reports and with no document
# embedded; -o - writes to standard output.
set -eu
crawl="$CASES/../../dedup/data/crawl.jsonl"
counts() { grep -o '<data id="n-[a-z_-]*" value="[0-9]*"' "$1" | sed 's/<data id=//'; }
"$SAFI" dedup --report report.jsonl "$crawl" >/dev/null
"$SAFI" explore --report report.jsonl -o page.html "$crawl"
"$SAFI" explore --input "$crawl" --report report.jsonl -o again.html
cmp page.html again.html && echo "two runs: same bytes"
counts page.html
echo "articles: $(grep -c '<article' page.html)"
echo "external references: $(grep -c -E '<(link|img|iframe|object|embed)|(src|href)="[^#]|url\(|@import' page.html || true)"
echo "scripts: $(grep -c '<script' page.html), style sheets: $(grep -c '<style' page.html)"
"$SAFI" explore --report report.jsonl -o - - <"$crawl" >stdin.html
counts stdin.html | cmp - <(counts page.html) && echo "standard input, -o -: same counts"
sed -n '1,4p' "$crawl" >s1.jsonl
sed -n '5,$p' "$crawl" >s2.jsonl
"$SAFI" dedup sketch "$crawl" -o all.state
"$SAFI" dedup apply --state all.state --report s1.report s1.jsonl >/dev/null
"$SAFI" dedup apply --state all.state --report s2.report s2.jsonl >/dev/null
"$SAFI" explore --report s1.report --report s2.report -o shards.html s1.jsonl s2.jsonl
counts shards.html | cmp - <(counts page.html) && echo "two shards, two reports: same counts"
"$SAFI" explore --max-documents 0 --report report.jsonl -o none.html "$crawl"
counts none.html | grep -v n-sampled | cmp - <(counts page.html | grep -v n-sampled) &&
  echo "--max-documents 0: same counts, $(grep -c '<article' none.html || true) articles"
