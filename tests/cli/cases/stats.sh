# SPDX-License-Identifier: Apache-2.0
# --stats reports on stderr the profile, input and output byte counts
# (data/sample.txt is 373 bytes; its search output 294, its nfc output 369),
# seconds and MB/s; stdout is unchanged.
set -eu
"$SAFI" normalize --stats "$DATA/sample.txt" >out.txt
cmp -s out.txt "$CASES/profile_search.sh.stdout.exact" && echo "search: output unchanged"
"$SAFI" normalize --profile nfc --stats <"$DATA/sample.txt" >out.txt
cmp -s out.txt "$CASES/profile_nfc.sh.stdout.exact" && echo "nfc: output unchanged"
