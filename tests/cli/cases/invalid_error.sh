# SPDX-License-Identifier: Apache-2.0
# --invalid error: exit 1, nothing at all on stdout (even when a valid input
# comes first) and "safi: NAME: invalid UTF-8 at byte OFFSET" for files,
# seekable stdin and piped (spooled) stdin. bad.txt is "سلام ok" LF (12
# bytes) then "كتاب" (8 bytes), so its truncated D8 is at byte 20.
# shellcheck disable=SC2002  # "cat f |" makes a pipe (not seekable) on purpose
set -u
run() {
  local status=0
  "$SAFI" normalize --invalid error "$@" >out.bin || status=$?
  echo "exit $status, $(wc -c <out.bin) bytes written"
}
printf 'سلام ok\nكتاب\xd8x\n' >bad.txt
printf 'سلام\n' >good.txt
printf 'ab\xc0\xaf' >overlong.txt
run good.txt
run bad.txt
run <bad.txt
cat bad.txt | run
run good.txt bad.txt
cat bad.txt | run good.txt -
printf '\xed\xa0\x80' | run
printf 'ab\xe2\x82' | run
run overlong.txt
