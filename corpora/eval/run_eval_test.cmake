# SPDX-License-Identifier: Apache-2.0
# CTest script running run-eval.sh end to end on a small crawl and checking that safi dedup's report matches its output (the scores themselves are not judged).
# Usage: cmake -DSCRIPT=run-eval.sh -DBUILD=build/dir -P run_eval_test.cmake

if(NOT SCRIPT OR NOT BUILD)
  message(FATAL_ERROR "SCRIPT and BUILD must be set")
endif()
execute_process(COMMAND sh ${SCRIPT} ${BUILD} --pages 200 --seed 2 --json
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run-eval.sh failed: rc=${rc}\n${err}")
endif()
string(JSON documents GET "${out}" documents)
if(NOT documents EQUAL 200)
  message(FATAL_ERROR "expected 200 documents, got ${documents}\n${out}")
endif()
# Every kept document's output is its input minus the reported spans, spans
# cut whole characters, and every dropped document is explained.
foreach(key output_mismatches spans_off_boundary drops_without_dup_entry)
  string(JSON value GET "${out}" consistency ${key})
  if(NOT value EQUAL 0)
    message(FATAL_ERROR "consistency.${key} = ${value}\n${out}")
  endif()
endforeach()
message(STATUS "${out}")
