# SPDX-License-Identifier: Apache-2.0
# CTest script checking the safi-corpus command line: sizes, determinism, -o, and exit status 2 on errors.
# Usage: cmake -DCLI=path/to/safi-corpus -DOUT=scratch/file -P safi_corpus_cli_test.cmake

if(NOT CLI OR NOT OUT)
  message(FATAL_ERROR "CLI and OUT must be set")
endif()

# Runs the command line with the given arguments; sets RC, STDOUT, STDERR.
function(run_cli)
  execute_process(COMMAND ${CLI} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(RC "${rc}" PARENT_SCOPE)
  set(STDOUT "${out}" PARENT_SCOPE)
  set(STDERR "${err}" PARENT_SCOPE)
endfunction()

# 64K to a file: at most 65536 bytes, and most of them.
file(REMOVE "${OUT}")
run_cli(--variant news --bytes 64K --seed 7 -o "${OUT}")
if(NOT RC EQUAL 0 OR NOT STDOUT STREQUAL "" OR NOT STDERR STREQUAL "")
  message(FATAL_ERROR "-o run failed: rc=${RC} stderr=${STDERR}")
endif()
file(SIZE "${OUT}" size)
if(size GREATER 65536 OR size LESS 40000)
  message(FATAL_ERROR "--bytes 64K wrote ${size} bytes")
endif()
file(READ "${OUT}" first)

# The same run twice gives the same bytes, on stdout too; another seed differs.
run_cli(--bytes=65536 --seed=7)
if(NOT RC EQUAL 0 OR NOT STDOUT STREQUAL first)
  message(FATAL_ERROR "stdout output differs from the -o output (rc=${RC})")
endif()
run_cli(--bytes 64k --seed 8)
if(NOT RC EQUAL 0 OR STDOUT STREQUAL first)
  message(FATAL_ERROR "--seed 8 gave the same text as --seed 7 (rc=${RC})")
endif()

foreach(variant vocalized presentation ascii)
  run_cli(--variant ${variant} --bytes 20000 --seed 0x10)
  string(LENGTH "${STDOUT}" length)
  if(NOT RC EQUAL 0 OR length EQUAL 0)
    message(FATAL_ERROR "--variant ${variant} failed: rc=${RC} ${STDERR}")
  endif()
endforeach()

run_cli(--help)
if(NOT RC EQUAL 0 OR NOT STDOUT MATCHES "usage: safi-corpus")
  message(FATAL_ERROR "--help failed: rc=${RC}")
endif()

# Errors: exit status 2 and exactly one line on stderr.
foreach(bad_args
    "--variant;nope"
    "--bytes;12Q"
    "--bytes;-5"
    "--bytes;99999999999999999999G"
    "--bytes"
    "--seed;abc"
    "--seed;-1"
    "--frobnicate"
    "-o;${OUT}.missing-dir/x/y.txt")
  run_cli(${bad_args})
  string(REGEX MATCHALL "\n" newlines "${STDERR}")
  list(LENGTH newlines lines)
  if(NOT RC EQUAL 2 OR NOT lines EQUAL 1 OR NOT STDERR MATCHES "^safi-corpus: ")
    message(FATAL_ERROR "'${bad_args}': rc=${RC}, stderr='${STDERR}'")
  endif()
endforeach()
file(REMOVE "${OUT}")
