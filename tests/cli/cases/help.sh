# SPDX-License-Identifier: Apache-2.0
# --help (exit 0, stdout) names the normalize command and its options.
set -eu
"$SAFI" --help >top.txt
"$SAFI" normalize --help >normalize.txt
for word in normalize --version; do
  grep -q -- "$word" top.txt && echo "safi --help: $word"
done
for word in --profile --invalid --stats --list-profiles FILE; do
  grep -q -- "$word" normalize.txt && echo "safi normalize --help: $word"
done
