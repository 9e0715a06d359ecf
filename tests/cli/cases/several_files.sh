# SPDX-License-Identifier: Apache-2.0
# Several inputs are normalized as separate streams and concatenated in
# order: leading and trailing white space of each input is trimmed on its
# own, so no space separates the pieces (one stream would give
# "كتاب قلم دفتر"). Also with --invalid error (two passes, stdin spooled).
# shellcheck disable=SC2002  # "cat f |" makes a pipe (not seekable) on purpose
set -eu
printf 'كِتَاب  ' >a.txt
printf '\t قلم ' >stdin.txt
printf '  دفتر\n' >b.txt
"$SAFI" normalize a.txt - b.txt a.txt <stdin.txt
echo "|"
"$SAFI" normalize --invalid error a.txt - b.txt a.txt <stdin.txt
echo "|"
cat stdin.txt | "$SAFI" normalize --invalid error a.txt - b.txt a.txt
echo "|"
