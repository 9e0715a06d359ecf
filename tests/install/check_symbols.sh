#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Symbol checks of libsafi (simdutf's avoid_abort/avoid_cout idea):
#   1. neither libsafi.so nor libsafi.a references stdout/stderr printing,
#      iostreams, abort, exit or assert;
#   2. libsafi.so exports only the API (safi_* and safi::*, but no pimpl
#      Impl members or detail namespaces), and every function that
#      safi/safi.h declares.
# Usage: check_symbols.sh NM LIBSAFI_SO LIBSAFI_A SAFI_H
set -euo pipefail
nm=$1 shared=$2 static=$3 header=$4

fail=0
report() {
  echo "check_symbols: $*" >&2
  fail=1
}

# Symbol names from `nm --format=posix` lines ("NAME TYPE [VALUE SIZE]"),
# demangled C++ names included, without @VERSION suffixes.
names() {
  sed -E 's/ [A-Za-z?] *([0-9a-f]+)? *([0-9a-f]+)? *$//; s/@.*//' | sort -u
}

# Undefined symbols of a library.
undefined() {
  "$nm" "$@" --undefined-only --demangle --format=posix | names
}

forbidden=(
  printf fprintf vprintf vfprintf dprintf vdprintf puts fputs putchar putc
  fputc fwrite fflush perror write stdout stderr
  'std::cout' 'std::cerr' 'std::clog' 'std::ios_base::Init::Init()'
  abort exit _exit _Exit quick_exit 'std::terminate()' __assert_fail
)
for lib in "$shared" "$static"; do
  flags=()
  [[ $lib == "$shared" ]] && flags=(--dynamic)
  refs=$(undefined "${flags[@]}" "$lib")
  [[ -n $refs ]] || report "no undefined symbols read from $lib"
  for name in "${forbidden[@]}"; do
    if grep -qxF -- "$name" <<<"$refs"; then
      report "$lib references $name"
    fi
  done
done

# Defined dynamic symbols.
exported=$("$nm" --dynamic --defined-only --demangle --format=posix "$shared" |
  names)
[[ -n $exported ]] || report "no exported symbols read from $shared"
while IFS= read -r sym; do
  [[ -z $sym ]] && continue
  [[ $sym == safi_* || $sym == safi::* ]] || report "$shared exports $sym"
  # Internals of the API's namespace: pimpl classes, detail namespaces.
  [[ $sym == *::Impl::* || $sym == *::detail::* || $sym == *"(anonymous namespace)"* ]] &&
    report "$shared exports the internal $sym"
done <<<"$exported"

declared=$(grep -oE 'SAFI_API[^(]*[^A-Za-z0-9_](safi_[a-z0-9_]+)\(' "$header" |
  grep -oE 'safi_[a-z0-9_]+\($' | tr -d '(' | sort -u)
[[ $(wc -l <<<"$declared") -ge 10 ]] ||
  report "read too few declarations from $header: $declared"
while IFS= read -r fn; do
  grep -qxF -- "$fn" <<<"$exported" || report "$shared does not export $fn"
done <<<"$declared"

count=$(wc -l <<<"$exported")
if [[ $fail == 0 ]]; then
  echo "check_symbols: ok ($count exported symbols, $(wc -l <<<"$declared") C functions)"
fi
exit "$fail"
