# SPDX-License-Identifier: Apache-2.0
# Bad usage: exit 2, nothing on stdout, one line on stderr starting "safi: ".
set -u
run() {
  local status=0
  "$SAFI" "$@" <"$DATA/sample.txt" >out.txt 2>err.txt || status=$?
  echo "$*: exit $status, $(wc -c <out.txt) bytes on stdout," \
    "$(wc -l <err.txt) line on stderr"
  cat err.txt >&2
}
run normalize --profile arabic
run normalize --frobnicate
run normalize --invalid ignore
run normalize --profile
run frobnicate
run
