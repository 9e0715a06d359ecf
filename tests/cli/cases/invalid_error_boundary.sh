# SPDX-License-Identifier: Apache-2.0
# --invalid error validates in blocks (1 MiB reads from files, whatever a
# pipe delivers): sequences split across reads must be judged and located as
# in one piece. Files put the split at byte 1048576; the pipe cases write
# one byte at a time.
set -u
# a_bytes N: N bytes "a".
a_bytes() { head -c "$1" /dev/zero | tr '\0' a; }
run() {
  local name=$1 status=0
  shift
  "$SAFI" normalize --profile nfc --invalid error "$@" >out.bin 2>err.txt ||
    status=$?
  if [[ $status -eq 0 ]] && cmp -s out.bin in.bin; then
    echo "$name: exit 0, output identical"
  else
    echo "$name: exit $status, $(wc -c <out.bin) bytes written: $(cat err.txt)"
  fi
}
# slowly: writes stdin to stdout one byte per write, pausing in between so
# that the reader sees one byte per read.
slowly() {
  python3 -c '
import os, sys, time
for b in sys.stdin.buffer.read():
    os.write(1, bytes([b]))
    time.sleep(0.002)
'
}
{ a_bytes 1048575; printf '\xd8\xa7\n'; } >in.bin
run "2-byte split 1+1" in.bin
{ a_bytes 1048574; printf '\xf0\x9f\x98\x80\n'; } >in.bin
run "4-byte split 2+2" in.bin
{ a_bytes 1048573; printf '\xe2\x82\xac\xff\n'; } >in.bin
run "3-byte split 3+0, FF at 1048576" in.bin
{ a_bytes 1048575; printf '\xd8b\n'; } >in.bin
run "truncated D8 at 1048575" in.bin
{ a_bytes 1048576; printf '\x80\n'; } >in.bin
run "lone trail at 1048576" in.bin
{ a_bytes 1048574; printf '\xe0\x80\x80'; } >in.bin
run "E0 80 at 1048574" in.bin
{ a_bytes 1048575; printf '\xf0\x9f\x98'; } >in.bin
run "truncated at end, 1048575" in.bin
printf 'a\xd8\xa7\xf0\x9f\x98\x80\xe2\x82\xac\xed\x9f\xbf\n' >in.bin
slowly <in.bin | run "valid, byte by byte"
printf 'a\xd8\xa7\xf0\x9f\x98\x80\xed\xa0\x80\n' >in.bin
slowly <in.bin | run "surrogate at 7, byte by byte"
printf 'a\xf0\x9f\x98\xd8\xa7\n' >in.bin
slowly <in.bin | run "truncated F0 at 1, byte by byte"
printf 'ab\xf0\x9f\x98' >in.bin
slowly <in.bin | run "truncated F0 at 2 at end, byte by byte"
