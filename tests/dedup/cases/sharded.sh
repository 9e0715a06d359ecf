# SPDX-License-Identifier: Apache-2.0
# sketch -> merge -> apply over three shards gives exactly the one-shot output and report, whatever
# the merge order and grouping; merged states are identical byte for byte.
set -eu
"$SAFI" dedup --report one.report "$DATA/crawl.jsonl" >one.jsonl
sed -n '1,3p' "$DATA/crawl.jsonl" >s1.jsonl
sed -n '4,7p' "$DATA/crawl.jsonl" >s2.jsonl
sed -n '8,$p' "$DATA/crawl.jsonl" >s3.jsonl
for s in s1 s2 s3; do "$SAFI" dedup sketch "$s.jsonl" -o "$s.state"; done
"$SAFI" dedup merge s1.state s2.state s3.state -o m123.state
"$SAFI" dedup merge s3.state s1.state -o m31.state
"$SAFI" dedup merge s2.state m31.state -o m2_31.state
cmp m123.state m2_31.state && echo "merge order and grouping: same state"
"$SAFI" dedup sketch "$DATA/crawl.jsonl" -o whole.state
cmp m123.state whole.state && echo "merged shards == one sketch"
: >sharded.jsonl
: >sharded.report
for s in s3 s1 s2; do
  "$SAFI" dedup apply --state m2_31.state --report "$s.report" "$s.jsonl" >"$s.out"
done
cat s1.out s2.out s3.out >sharded.jsonl
cat s1.report s2.report s3.report >sharded.report
cmp one.jsonl sharded.jsonl && echo "output: sharded == one-shot"
cmp one.report sharded.report && echo "report: sharded == one-shot"
echo "kept $(wc -l <sharded.jsonl) records, $(wc -l <sharded.report) removals"
