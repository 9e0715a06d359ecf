# SPDX-License-Identifier: Apache-2.0
# Input without a final line break: no line break is added; search, dedup
# and display trim the white space at the end of the text, nfc and nfkc keep
# it. "|" marks the end of each output.
set -eu
printf '  كتاب  جميل \t' >in.txt
for profile in search dedup display nfc nfkc; do
  printf '%s: ' "$profile"
  "$SAFI" normalize --profile "$profile" in.txt
  echo "|"
done
