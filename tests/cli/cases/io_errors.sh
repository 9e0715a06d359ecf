# SPDX-License-Identifier: Apache-2.0
# I/O errors end the run with exit 1 and one message: an unreadable input (a
# directory), a full device, a closed pipe, write errors of --list-profiles
# and --version, and no place for the spool file of --invalid error.
set -u
mkdir dir
status=0
"$SAFI" normalize dir >out.txt || status=$?
echo "directory input: exit $status, $(wc -c <out.txt) bytes written"
status=0
"$SAFI" normalize "$DATA/sample.txt" >/dev/full || status=$?
echo "stdout on /dev/full: exit $status"
# 4 MB, far more than a pipe holds, so safi is still writing when head exits.
yes "$(cat "$DATA/sample.txt")" 2>/dev/null | head -c 4000000 >big.txt
"$SAFI" normalize big.txt | head -c 1 >/dev/null
echo "stdout closed early: exit ${PIPESTATUS[0]}"
status=0
"$SAFI" normalize --list-profiles >/dev/full || status=$?
echo "--list-profiles on /dev/full: exit $status"
status=0
"$SAFI" --version >/dev/full || status=$?
echo "--version on /dev/full: exit $status"
status=0
printf 'x\n' | TMPDIR=/nonexistent/dir "$SAFI" normalize --invalid error \
  >out.txt || status=$?
echo "spool in a missing TMPDIR: exit $status, $(wc -c <out.txt) bytes written"
