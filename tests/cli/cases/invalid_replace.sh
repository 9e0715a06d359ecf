# SPDX-License-Identifier: Apache-2.0
# --invalid replace (the default): each maximal subpart of an ill-formed
# sequence becomes one U+FFFD, from a file and from a pipe, with the nfc
# profile so that nothing else changes. Bytes after "سلام ":
#   A C0 AF B     C0 is never valid, AF is a lone trail byte: 2 x U+FFFD
#   E0 80 C       E0 needs A0..BF next: 2
#   ED A0 80 D    surrogate U+D800: 3
#   F0 9F 98 E    truncated 4-byte sequence: 1
#   80 F          lone trail byte: 1
#   F5 G          never valid: 1
#   E2 82 LF      truncated 3-byte sequence: 1
# The second input ends in a truncated sequence: "x" U+FFFD, no newline.
set -eu
printf '\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 A\xc0\xafB\xe0\x80C\xed\xa0\x80D\xf0\x9f\x98E\x80F\xf5G\xe2\x82\n' >bad.txt
printf 'x\xe2\x82' >tail.txt
"$SAFI" normalize --profile nfc bad.txt tail.txt
echo "|"
cat bad.txt tail.txt | "$SAFI" normalize --profile nfc --invalid replace
echo "|"
