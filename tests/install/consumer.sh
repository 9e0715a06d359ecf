#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Install tests of safi: stages an install, builds and runs consumer programs
# against it (find_package, pkg-config, add_subdirectory) and checks the
# installed command, man page and Python module. One mode per invocation:
#
#   consumer.sh stage BUILD_DIR STAGE
#   consumer.sh cmake SOURCE BINARY STAGE LIBDIR shared|static   (needs $CMAKE,
#       $GENERATOR, $MAKE_PROGRAM, $CC, $CXX)
#   consumer.sh pkgconfig c|cxx SOURCE BINARY STAGE LIBDIR shared|static
#       (needs $PKG_CONFIG, $CC or $CXX)
#   consumer.sh subdirectory SOURCE BINARY SAFI_SOURCE   (needs $CMAKE, ...)
#   consumer.sh headers STAGE   (needs $CC, $CXX)
#   consumer.sh cli STAGE MANDIR [GROFF]
#   consumer.sh python STAGE PYTHONDIR PYTHON
#
# Exits non-zero, with a message on stderr, on any failure.
set -euo pipefail

# The test string (see consumers/c/main.c) and its search-profile form.
input=$'أَحْمَدُ  فاطِمَةُ ﻷ ١٢٣\r\nبنى'
expected=$'احمد فاطمه لا 123\nبني'

fail() {
  echo "consumer.sh: $*" >&2
  exit 1
}

# Checks that program links libsafi.so.0 from under stage (shared) or does
# not link any libsafi.so (static).
check_linkage() {
  local program=$1 stage=$2 kind=$3 needed
  needed=$(readelf -d "$program" | grep -c 'NEEDED.*\[libsafi\.so' || true)
  if [[ $kind == static ]]; then
    [[ $needed == 0 ]] || fail "$program links libsafi.so but should be static"
    return
  fi
  readelf -d "$program" | grep -q 'NEEDED.*\[libsafi\.so\.0\]' ||
    fail "$program does not link libsafi.so.0"
  local resolved
  resolved=$(ldd "$program" | awk '$1 == "libsafi.so.0" { print $3 }')
  [[ $(realpath "$resolved") == "$(realpath "$stage")"/* ]] ||
    fail "$program resolves libsafi.so.0 to '$resolved', not under $stage"
}

cmake_configure() {
  local source=$1 binary=$2
  shift 2
  rm -rf "$binary"
  "$CMAKE" -S "$source" -B "$binary" -G "$GENERATOR" \
    -DCMAKE_MAKE_PROGRAM="$MAKE_PROGRAM" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" "$@"
  "$CMAKE" --build "$binary"
}

mode=${1:?mode}
shift
case $mode in
  stage)
    build=$1 stage=$2
    rm -rf "$stage"
    "${CMAKE:-cmake}" --install "$build" --prefix "$stage"
    ;;
  cmake)
    source=$1 binary=$2 stage=$3 libdir=$4 kind=$5
    static=OFF
    [[ $kind == static ]] && static=ON
    cmake_configure "$source" "$binary" -DCMAKE_PREFIX_PATH="$stage" \
      -DSAFI_USE_STATIC_LIBS="$static" \
      -DEXPECTED_SAFI_DIR="$stage/$libdir/cmake/safi"
    check_linkage "$binary/consumer" "$stage" "$kind"
    "$binary/consumer"
    ;;
  pkgconfig)
    lang=$1 source=$2 binary=$3 stage=$4 libdir=$5 kind=$6
    export PKG_CONFIG_PATH="$stage/$libdir/pkgconfig"
    prefix=$("$PKG_CONFIG" --variable=prefix safi)
    [[ $(realpath "$prefix") == "$(realpath "$stage")" ]] ||
      fail "safi.pc gives prefix '$prefix', expected $stage"
    [[ $("$PKG_CONFIG" --modversion safi) == "$SAFI_VERSION" ]] ||
      fail "safi.pc version is not $SAFI_VERSION"
    read -r -a cflags <<<"$("$PKG_CONFIG" --cflags safi)"
    if [[ $kind == shared ]]; then
      read -r -a libs <<<"$("$PKG_CONFIG" --libs safi)"
      libs+=("-Wl,-rpath,$("$PKG_CONFIG" --variable=libdir safi)")
    else
      # Libs.private must be enough to link libsafi.a with a C compiler.
      read -r -a private <<<"$("$PKG_CONFIG" --static --libs safi)"
      libs=()
      for word in "${private[@]}"; do
        if [[ $word == -lsafi ]]; then
          libs+=(-Wl,-Bstatic -lsafi -Wl,-Bdynamic)
        else
          libs+=("$word")
        fi
      done
    fi
    mkdir -p "$binary"
    if [[ $lang == c ]]; then
      "$CC" -std=c99 -Wall -Werror "$source" "${cflags[@]}" "${libs[@]}" \
        -o "$binary/consumer"
    else
      "$CXX" -std=c++17 -Wall -Werror "$source" "${cflags[@]}" "${libs[@]}" \
        -o "$binary/consumer"
    fi
    check_linkage "$binary/consumer" "$stage" "$kind"
    "$binary/consumer"
    ;;
  subdirectory)
    source=$1 binary=$2 safi_source=$3
    cmake_configure "$source" "$binary" -DSAFI_SOURCE_DIR="$safi_source"
    "$binary/consumer"
    "$binary/consumer_cxx"
    ;;
  headers)
    # Every installed header compiles on its own as C++17; the C API header
    # (with export.h, which it includes) also as strict C99.
    stage=$1
    headers=("$stage"/include/safi/*.h)
    [[ ${#headers[@]} -ge 3 ]] || fail "headers missing in $stage/include/safi"
    for header in "${headers[@]}"; do
      name=safi/$(basename "$header")
      printf '#include <%s>\n' "$name" |
        "$CXX" -std=c++17 -Wall -Wextra -Werror -fsyntax-only -I"$stage/include" -x c++ - ||
        fail "$name does not compile alone as C++17"
    done
    printf '#include <safi/safi.h>\n' |
      "$CC" -std=c99 -pedantic-errors -Wall -Wextra -Werror -fsyntax-only -I"$stage/include" -x c - ||
      fail "safi/safi.h does not compile alone as C99"
    ;;
  cli)
    stage=$1 mandir=$2 groff=${3:-}
    [[ -x $stage/bin/safi ]] || fail "$stage/bin/safi not installed"
    out=$(printf '%s' "$input" | "$stage/bin/safi" normalize)
    [[ $out == "$expected" ]] || fail "installed safi printed '$out'"
    "$stage/bin/safi" --version | grep -q "^safi $SAFI_VERSION " ||
      fail "installed safi --version does not name $SAFI_VERSION"
    [[ -x $stage/bin/safi-dask ]] || fail "$stage/bin/safi-dask not installed"
    "$stage/bin/safi-dask" --help | grep -q -- "--scheduler" ||
      fail "installed safi-dask --help does not describe --scheduler"
    page=$stage/$mandir/man1/safi.1
    [[ -f $page ]] || fail "$page not installed"
    if [[ -n $groff ]]; then
      # -ww: every warning; -z: no output. The page must render silently.
      warnings=$("$groff" -man -ww -z -Tutf8 "$page" 2>&1)
      [[ -z $warnings ]] || fail "groff warnings on $page: $warnings"
    fi
    ;;
  python)
    stage=$1 pythondir=$2 python=$3
    PYTHONPATH="$stage/$pythondir" "$python" - "$stage" "$input" "$expected" <<'PY'
"""Imports the installed module and normalizes the test string."""
import os
import sys

import safi

stage, text, want = sys.argv[1:]
where = os.path.realpath(safi.__file__)
if not where.startswith(os.path.realpath(stage) + os.sep):
    sys.exit(f"imported {where}, not the staged module under {stage}")
got = safi.normalize(text)
if got != want:
    sys.exit(f"safi.normalize gave {got!r}, want {want!r}")
PY
    ;;
  *)
    fail "unknown mode $mode"
    ;;
esac
