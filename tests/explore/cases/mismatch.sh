# SPDX-License-Identifier: Apache-2.0
# A report that does not belong to the crawl, or is malformed: one line naming the report line,
# exit 1, and no page written.
set -u
crawl="$CASES/../../dedup/data/crawl.jsonl"
"$SAFI" dedup --report report.jsonl "$crawl" >/dev/null
try() {
  printf '%s\n' "$1" >bad.report
  status=0
  "$SAFI" explore --report bad.report -o page.html "$crawl" >out.txt 2>err.txt || status=$?
  echo "exit $status, page $([ -e page.html ] && echo written || echo absent): $(cat err.txt)"
  rm -f page.html
}
try '{"id":"zz","start":0,"end":5,"reason":"global","sites":6}'
try '{"id":"a1","start":0,"end":99999,"reason":"global","sites":6}'
try '{"id":"a1","start":1,"end":2,"reason":"global","sites":6}'
try '{"id":"a1","start":5,"end":3,"reason":"global","sites":6}'
try "$(printf '%s\n%s' '{"id":"a1","start":0,"end":35,"reason":"global","sites":6}' '{"id":"a1","start":30,"end":40,"reason":"global","sites":6}')"
try '{"id":"a1","start":0,"end":35,"reason":"exact_dup","kept":"a2","cluster_size":2,"similarity":1.000}'
try '{"id":"a1","start":0,"end":35,"reason":"boilerplate"}'
try '{"id":"a1","start":0,"end":35,"reason":"site_template","pages":6}'
try '{"id":"a1","start":0,"end":35,"reason":"teaser","rule":"confirmed","matched_words":4}'
try '{"id":"a1","start":"0","end":35,"reason":"global","sites":6}'
try '{"id":"a1","start":-1,"end":35,"reason":"global","sites":6}'
try '{"start":0,"end":35,"reason":"global","sites":6}'
try '{"id":"a1","start":0,"end":35,"reason":"global","sites":6} x'
try '{"id":"a1","start":0,"end":35,"reason":"global","sites":6'
try 'not json'
# Entries out of the crawl's order.
tac report.jsonl >reversed.report
status=0
"$SAFI" explore --report reversed.report -o page.html "$crawl" 2>err.txt || status=$?
echo "reversed report: exit $status, page $([ -e page.html ] && echo written || echo absent): $(sed 's/:[0-9]*:/:N:/' err.txt)"
