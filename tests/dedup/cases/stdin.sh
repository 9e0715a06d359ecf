# SPDX-License-Identifier: Apache-2.0
# Standard input (-, or no FILE) is read twice through a spool file: same output as the file.
set -eu
"$SAFI" dedup --report a.report "$DATA/crawl.jsonl" >a.jsonl
"$SAFI" dedup --report b.report <"$DATA/crawl.jsonl" >b.jsonl
cat "$DATA/crawl.jsonl" | "$SAFI" dedup --report c.report - >c.jsonl
cmp a.jsonl b.jsonl && cmp a.jsonl c.jsonl && echo "output: same"
cmp a.report b.report && cmp a.report c.report && echo "report: same"
# Two inputs are one corpus: the second copy of every record is a duplicate id.
status=0
"$SAFI" dedup "$DATA/crawl.jsonl" - <"$DATA/crawl.jsonl" >d.jsonl 2>err.txt || status=$?
echo "same records twice: exit $status, $(wc -c <d.jsonl) bytes out: $(cat err.txt)"
