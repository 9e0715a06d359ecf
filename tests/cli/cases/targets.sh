# SPDX-License-Identifier: Apache-2.0
# Every Highway target this CPU supports, pinned with SAFI_FORCE_TARGET, is
# the active one and gives the hand-checked search output of data/sample.txt
# and of a large input (so the vector path runs); an unknown target is a
# usage error.
set -u
supported=$("$SAFI" --list-targets | sed -n 's/^supported: *//p')
[ -n "$supported" ] || { echo "no supported targets"; exit 1; }
yes "$(cat "$DATA/sample.txt")" | head -c 3000000 > big.txt
SAFI_FORCE_TARGET=SCALAR "$SAFI" normalize big.txt > big.scalar
for target in $supported; do
  SAFI_FORCE_TARGET=$target "$SAFI" --list-targets | grep -qx "active: $target" ||
    echo "$target: not active"
  SAFI_FORCE_TARGET=$target "$SAFI" normalize --profile search "$DATA/sample.txt" |
    cmp -s - "$CASES/profile_search.sh.stdout.exact" || echo "$target: sample differs"
  SAFI_FORCE_TARGET=$target "$SAFI" normalize big.txt | cmp -s - big.scalar ||
    echo "$target: large input differs from SCALAR"
done
echo "checked: $(echo "$supported" | wc -w) targets"
SAFI_FORCE_TARGET=AVX9000 "$SAFI" --version
echo "exit $?"
