# SPDX-License-Identifier: Apache-2.0
# Malformed JSONL: one line on stderr naming the file and line, exit 1, nothing on stdout.
set -u
good='{"id":"a","text":"سطر أول\nسطر ثان"}'
try() {
  printf '%s\n\n%s\n' "$good" "$1" >bad.jsonl
  status=0
  "$SAFI" dedup bad.jsonl >out.jsonl 2>err.txt || status=$?
  echo "exit $status, $(wc -c <out.jsonl) bytes out: $(cat err.txt)"
}
try '{"id":"b","text":"unterminated}'
try '{"id":"b","text":"x'
try '{"id":"b","text":5}'
try '{"id":"b","text":null}'
try '{"id":true,"text":"x"}'
try '{"id":"b","text":"x","url":["u"]}'
try '{"id":"b"}'
try '{"text":"x"}'
try '{"id":"b","text":"x","id":"c"}'
try '{"id":"b","text":"x","meta":{"k":1,"k":2}}'
try "$(printf '{"id":"b","text":"\xd8"}')"
try '{"id":"b","text":"\ud800"}'
try '{"id":"b","text":"\q"}'
try "$(printf '{"id":"b","text":"tab\there"}')"
try '{"id":"b","text":"x"} {"id":"c"}'
try '{"id":"b","text":"x"} x'
try '{"id":"b","text":5} x'
try '{"id":"b","text":"x",}'
try '{"id":"b","text":"x","n":01}'
try '{"id":"b","text":"x","ok":tru}'
try '["id","text"]'
try 'not json'
try '{"id":"a","text":"again"}'
