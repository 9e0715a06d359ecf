# SPDX-License-Identifier: Apache-2.0
# --format text: each FILE is one document (id = the file name as given), output is JSONL.
set -eu
cp "$DATA/pages/first.txt" "$DATA/pages/second.txt" .
"$SAFI" dedup --format text --report report.jsonl first.txt second.txt
echo "--- report"
cat report.jsonl
echo "--- from standard input"
"$SAFI" dedup --format text <second.txt | head -c 120
echo
echo "--- invalid UTF-8"
printf 'سطر\n\xd8\n' >bad.txt
status=0
"$SAFI" dedup --format text first.txt bad.txt >out.jsonl 2>err.txt || status=$?
echo "exit $status, $(wc -c <out.jsonl) bytes out: $(cat err.txt)"
