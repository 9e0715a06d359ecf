# SPDX-License-Identifier: Apache-2.0
# Standard input (redirected, piped, as "-"), a FIFO path and a file after
# "--" all give the search profile's output of the file argument; no
# --profile means search.
# shellcheck disable=SC2002  # "cat f |" makes a pipe (not seekable) on purpose
set -eu
expected="$CASES/profile_search.sh.stdout.exact"
check() {
  if cmp -s out.txt "$expected"; then
    echo "$1: same as profile_search"
  else
    echo "$1: DIFFERENT"
  fi
}
"$SAFI" normalize <"$DATA/sample.txt" >out.txt
check "redirected stdin"
cat "$DATA/sample.txt" | "$SAFI" normalize >out.txt
check "piped stdin"
cat "$DATA/sample.txt" | "$SAFI" normalize - >out.txt
check "piped -"
"$SAFI" normalize - <"$DATA/sample.txt" >out.txt
check "redirected -"
"$SAFI" normalize <(cat "$DATA/sample.txt") >out.txt
check "fifo path"
"$SAFI" normalize --profile=search -- "$DATA/sample.txt" >out.txt
check "file after --"
