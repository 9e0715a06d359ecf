# SPDX-License-Identifier: Apache-2.0
# A memory limit changes nothing but where the statistics wait: with one byte, every record is its
# own run in a temporary file, and sketch and the one-shot run give the unbounded state and output.
# Merge streams its inputs, so an input may also be its output.
set -eu
mkdir tmp
"$SAFI" dedup sketch "$DATA/crawl.jsonl" -o whole.state
"$SAFI" dedup sketch --memory-limit 1 --temp-dir tmp "$DATA/crawl.jsonl" -o limited.state
cmp whole.state limited.state && echo "sketch, 1-byte limit: same state"
"$SAFI" dedup sketch --memory-limit 1K --temp-dir tmp "$DATA/crawl.jsonl" -o - >stdout.state
cmp whole.state stdout.state && echo "sketch to stdout, 1 KiB limit: same state"
echo "temporary files left: $(ls tmp | wc -l)"
"$SAFI" dedup --report one.report "$DATA/crawl.jsonl" >one.jsonl
"$SAFI" dedup --memory-limit 1 --temp-dir tmp --report limited.report "$DATA/crawl.jsonl" \
  >limited.jsonl
cmp one.jsonl limited.jsonl && cmp one.report limited.report &&
  echo "one-shot, 1-byte limit: same output and report"
sed -n '1,4p' "$DATA/crawl.jsonl" >s1.jsonl
sed -n '5,$p' "$DATA/crawl.jsonl" >s2.jsonl
"$SAFI" dedup sketch s1.jsonl -o s.state
"$SAFI" dedup sketch s2.jsonl -o s2.state
"$SAFI" dedup merge s.state s2.state -o s.state
cmp whole.state s.state && echo "merge into one of its inputs: same state"
status=0
"$SAFI" dedup sketch --memory-limit 1 --temp-dir missing/dir "$DATA/crawl.jsonl" -o x.state \
  2>err.txt || status=$?
echo "missing temporary directory: exit $status: $(cat err.txt)"
test ! -e x.state && echo "no state written"
