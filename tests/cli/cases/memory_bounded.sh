# SPDX-License-Identifier: Apache-2.0
# Memory does not grow with the input: normalizing a 200 MiB stream from a
# generator pipe (data/sample.txt repeated) peaks below 64 MiB resident, and
# the output is right. The peak is the child's ru_maxrss (KiB), read by a
# python3 wrapper after it exits; it is an upper bound, since it includes
# the forked wrapper's own ~10 MiB before exec.
set -u
reps=$((200 * 1024 * 1024 / 373 + 1))
repeat() { yes "$(cat "$1")" 2>/dev/null | head -n "$(($2 * reps))"; }
peak_rss() {
  python3 -c '
import resource, subprocess, sys
status = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write("%d %d\n" % (status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
' "$@"
}
repeat "$DATA/sample.txt" 9 |
  peak_rss rss.txt "$SAFI" normalize --stats 2>stats.txt |
  cmp -s - <(repeat "$CASES/profile_search.sh.stdout.exact" 10)
cmp_status=$?
cat stats.txt >&2
read -r safi_status rss_kib <rss.txt
echo "exit status: $safi_status"
echo "output identical to the expected output: $([[ $cmp_status -eq 0 ]] && echo yes || echo no)"
input_bytes=$(sed -n 's/.* input_bytes=\([0-9]*\) .*/\1/p' stats.txt)
echo "input of at least 200 MiB: $([[ ${input_bytes:-0} -ge $((200 * 1024 * 1024)) ]] && echo yes || echo "no (${input_bytes:-?})")"
if [[ $rss_kib =~ ^[0-9]+$ ]] && ((rss_kib < 64 * 1024)); then
  echo "peak RSS below 64 MiB: yes"
else
  echo "peak RSS below 64 MiB: no ($rss_kib KiB)"
fi
