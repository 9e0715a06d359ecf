# SPDX-License-Identifier: Apache-2.0
# safi bench without the benchmark binary: a one-line message saying how to
# get it, exit status 2, nothing on stdout.
set -u
SAFI_BENCH=/nonexistent/safi_bench "$SAFI" bench --quick
