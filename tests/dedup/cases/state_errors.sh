# SPDX-License-Identifier: Apache-2.0
# State files that are corrupt, truncated, not states, or overlapping are refused with one line and
# exit 1; apply refuses records that the state does not hold or that changed since the sketch.
set -u
sed -n '1,5p' "$DATA/crawl.jsonl" >s1.jsonl
sed -n '6,$p' "$DATA/crawl.jsonl" >s2.jsonl
"$SAFI" dedup sketch s1.jsonl -o s1.state
"$SAFI" dedup sketch s2.jsonl -o s2.state
run() {
  status=0
  "$@" >out.bin 2>err.txt || status=$?
  echo "exit $status, $(wc -c <out.bin) bytes out: $(cat err.txt)"
}
# One flipped byte in the payload.
cp s1.state flipped.state
printf '\x55' | dd of=flipped.state bs=1 seek=300 conv=notrunc status=none
run "$SAFI" dedup merge s2.state flipped.state -o m.state
run "$SAFI" dedup apply --state flipped.state s1.jsonl
# A state of format version 4 (the raw texts' XXH3) is not read.
cp s1.state v4.state
printf '\x04' | dd of=v4.state bs=1 seek=8 conv=notrunc status=none
run "$SAFI" dedup apply --state v4.state s1.jsonl
head -c 100 s1.state >truncated.state
run "$SAFI" dedup merge truncated.state -o m.state
head -c 1000 s1.state >short.state
run "$SAFI" dedup apply --state short.state s1.jsonl
run "$SAFI" dedup merge s1.jsonl -o m.state
run "$SAFI" dedup merge s1.state s1.state -o m.state
run "$SAFI" dedup merge s1.state missing.state -o m.state
# apply with a shard's own state only: records of the other shard are unknown.
run "$SAFI" dedup apply --state s1.state s2.jsonl
# A record edited after the sketch.
sed 's/Connect with us/Connect with me/' s1.jsonl >edited.jsonl
run "$SAFI" dedup apply --state s1.state edited.jsonl
"$SAFI" dedup merge s1.state s2.state -o m.state && echo "valid merge: exit 0"
