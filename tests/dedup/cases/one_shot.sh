# SPDX-License-Identifier: Apache-2.0
# One run over a small crawl: kept records keep every other field byte for byte, boilerplate lines
# are cut from their text, copies are dropped; the report has one JSON object per removal.
set -eu
"$SAFI" dedup --report report.jsonl "$DATA/crawl.jsonl" >out.jsonl
echo "records in: $(wc -l <"$DATA/crawl.jsonl"), out: $(wc -l <out.jsonl)"
echo "--- output"
cat out.jsonl
echo "--- report"
cat report.jsonl
