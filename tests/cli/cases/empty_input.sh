# SPDX-License-Identifier: Apache-2.0
# Empty input (file, pipe, both --invalid modes) gives empty output, exit 0.
set -u
: >empty.txt
for profile in search dedup display nfc nfkc; do
  line="$profile:"
  for invalid in replace error; do
    status=0
    "$SAFI" normalize --profile "$profile" --invalid "$invalid" empty.txt \
      >file.out || status=$?
    line+=" file/$invalid exit $status $(wc -c <file.out) bytes,"
    status=0
    : | "$SAFI" normalize --profile "$profile" --invalid "$invalid" \
      >pipe.out || status=$?
    line+=" pipe/$invalid exit $status $(wc -c <pipe.out) bytes;"
  done
  echo "$line"
done
