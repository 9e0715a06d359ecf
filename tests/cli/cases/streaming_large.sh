# SPDX-License-Identifier: Apache-2.0
# Streaming invariance on ~22 MB: data/sample.txt repeated 60000 times must
# give the profile's expected output repeated 60000 times (each copy starts
# after a line break, like the text start), whether safi reads the file in
# 1 MiB blocks or a pipe delivers it in 4093-byte or 1000-byte writes, and
# in --invalid error mode (validation pass, spooled stdin). A 200001-byte
# prefix that ends inside a character, fed one byte per write, equals the
# same prefix read from a file.
set -eu
reps=60000
repeat() { yes "$(cat "$1")" 2>/dev/null | head -n "$(($2 * reps))"; }
repeat "$DATA/sample.txt" 9 >big.txt
repeat "$CASES/profile_search.sh.stdout.exact" 10 >expected.search
repeat "$CASES/profile_dedup.sh.stdout.exact" 10 >expected.dedup
echo "input: $(wc -c <big.txt) bytes"
check() {
  if cmp -s out.txt "$1"; then echo "$2: identical"; else echo "$2: DIFFERENT"; fi
}
"$SAFI" normalize big.txt >out.txt
check expected.search "search, file"
dd if=big.txt bs=4093 status=none | "$SAFI" normalize >out.txt
check expected.search "search, pipe of 4093-byte writes"
"$SAFI" normalize --invalid error big.txt >out.txt
check expected.search "search, file, --invalid error"
dd if=big.txt bs=4093 status=none | "$SAFI" normalize --invalid error >out.txt
check expected.search "search, pipe of 4093-byte writes, --invalid error"
"$SAFI" normalize --profile dedup big.txt >out.txt
check expected.dedup "dedup, file"
dd if=big.txt bs=1000 status=none | "$SAFI" normalize --profile dedup >out.txt
check expected.dedup "dedup, pipe of 1000-byte writes"
head -c 200001 big.txt >prefix.txt
"$SAFI" normalize --profile display prefix.txt >expected.prefix
dd if=prefix.txt bs=1 status=none | "$SAFI" normalize --profile display >out.txt
check expected.prefix "display, 200001-byte prefix, 1-byte writes vs file"
