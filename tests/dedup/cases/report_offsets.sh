# SPDX-License-Identifier: Apache-2.0
# Report spans are byte offsets into the original text field: each cuts exactly whole lines with
# their terminators (CRLF included), and the output text is the input text without the spans.
set -eu
"$SAFI" dedup --report report.jsonl "$DATA/crawl.jsonl" >out.jsonl
python3 - "$DATA/crawl.jsonl" <<'PY'
import json, sys
texts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    texts[json.dumps(r["id"])] = r["text"].encode("utf-8")
spans = {}
for line in open("report.jsonl", encoding="utf-8"):
    r = json.loads(line)
    spans.setdefault(json.dumps(r["id"]), []).append(r)
kept = {json.dumps(json.loads(l)["id"]): json.loads(l)["text"].encode("utf-8")
        for l in open("out.jsonl", encoding="utf-8")}
checked = 0
for key, text in texts.items():
    rs = spans.get(key, [])
    if key not in kept:
        assert len(rs) == 1 and rs[0]["reason"] in ("exact_dup", "near_dup"), key
        assert rs[0]["start"] == 0 and rs[0]["end"] == len(text), key
        checked += 1
        continue
    out, pos = b"", 0
    for r in rs:
        span = text[r["start"]:r["end"]]
        assert r["start"] >= pos and (r["start"] == 0 or text[r["start"] - 1:r["start"]] in (b"\n", b"\r")), r
        assert span.endswith(b"\n") or span.endswith(b"\r") or r["end"] == len(text), r
        assert b"\n" not in span.rstrip(b"\r\n"), r
        out += text[pos:r["start"]]
        pos = r["end"]
        checked += 1
    out += text[pos:]
    assert out == kept[key], key
print("verified %d spans of %d documents" % (checked, len(texts)))
PY
