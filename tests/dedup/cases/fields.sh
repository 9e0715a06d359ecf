# SPDX-License-Identifier: Apache-2.0
# --text-field, --id-field and --url-field name other fields; the site comes from the URL's host.
set -eu
python3 - "$DATA/crawl.jsonl" >renamed.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(json.dumps({"doc": r["id"], "body": r["text"], "link": r["url"],
                      "text": "not this one"}, ensure_ascii=False))
PY
"$SAFI" dedup --report a.report "$DATA/crawl.jsonl" >a.jsonl
"$SAFI" dedup --text-field body --id-field doc --url-field link --report b.report renamed.jsonl >b.jsonl
cmp a.report b.report && echo "same report with renamed fields"
echo "$(wc -l <b.jsonl) records kept; the field \"text\" is left alone: $(grep -c '"text": "not this one"' b.jsonl)"
