# SPDX-License-Identifier: Apache-2.0
# A lexicon line is removed where it is, whatever line breaks the text mixes: a CR, a tatweel
# and an LF (one line break in the key once the tatweel is deleted) before it, and a U+2028
# (one more) after it left as many line breaks as terminators but shifted the keys by one
# line, so that the line before the comment-form prompt was removed instead of the prompt.
set -eu
printf '%s\n' '{"id":"a","text":"عنوان المقال\rـ\nاضف تعليقك\nفقرة أولى\u2028وتتمة الفقرة هنا\n"}' >in.jsonl
"$SAFI" dedup --report report.jsonl in.jsonl >out.jsonl
cat report.jsonl
cat out.jsonl
