# SPDX-License-Identifier: Apache-2.0
# --list-profiles: every profile with its form and exactly its operations (in
# priority order, each with a description), as in core/SEMANTICS.md; search
# is marked as the default.
set -eu
"$SAFI" normalize --list-profiles >list.txt
awk '
  function flush() { if (name != "") print name " " form ":" ops }
  /^[^ ]/ {
    flush()
    name = $1; sub(/:$/, "", name)
    if ($2 == "(default):") { default_profile = name; form = $3 } else { form = $2 }
    sub(/,$/, "", form)
    ops = ""
    next
  }
  /^  [a-z_]+  +[^ ]/ { ops = ops " " $1; next }
  /^  \(no operations\)$/ { next }
  { print "unexpected line: " $0 }
  END { flush(); print "default: " default_profile }
' list.txt
