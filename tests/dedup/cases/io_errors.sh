# SPDX-License-Identifier: Apache-2.0
# I/O errors end the run with exit 1 and one message: a full device for the output, the report or
# a state, a closed pipe, a report or state in a missing directory, a directory as input.
set -u
run() {
  status=0
  "$@" 2>err.txt >out.txt || status=$?
  echo "exit $status: $(cat err.txt)"
}
run "$SAFI" dedup --report /dev/full "$DATA/crawl.jsonl"
status=0
"$SAFI" dedup "$DATA/crawl.jsonl" >/dev/full 2>err.txt || status=$?
echo "stdout on /dev/full: exit $status: $(cat err.txt)"
run "$SAFI" dedup sketch "$DATA/crawl.jsonl" -o /dev/full
run "$SAFI" dedup --report missing/dir/report.jsonl "$DATA/crawl.jsonl"
run "$SAFI" dedup sketch "$DATA/crawl.jsonl" -o missing/dir/x.state
mkdir dir
run "$SAFI" dedup dir
# Far more output than a pipe holds, so safi is still writing when head exits.
python3 - >big.jsonl <<'PY'
import json
text = "\n".join("السطر رقم %d من نص طويل لا يتكرر" % i for i in range(60000))
print(json.dumps({"id": "big", "text": text}, ensure_ascii=False))
PY
"$SAFI" dedup big.jsonl 2>err.txt | head -c 1 >/dev/null
echo "stdout closed early: exit ${PIPESTATUS[0]}: $(cat err.txt)"
