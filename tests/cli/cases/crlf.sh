# SPDX-License-Identifier: Apache-2.0
# Line breaks: with line_breaks (search, dedup, display) CR LF is one LF,
# CR CR LF is two, a lone CR, U+2029 and U+0085 are LF each, and the space
# before a CR LF is trimmed; nfc and nfkc keep everything. CR is shown as
# <CR> in the output.
set -eu
printf 'واحد\r\nاثنان\rثلاث\r\r\nسبع \r\n\r\nثمان\xe2\x80\xa9تسع\xc2\x85عشر\n' >in.txt
for profile in search dedup display nfc nfkc; do
  echo "== $profile"
  "$SAFI" normalize --profile "$profile" in.txt | sed 's/\r/<CR>/g'
done
