# SPDX-License-Identifier: Apache-2.0
# CTest script for safi-eval-crawl and safi-eval: determinism, a crawl scored against itself, and exit status 2 with one line on bad input.
# Usage: cmake -DCRAWL=safi-eval-crawl -DEVAL=safi-eval -DDIR=scratch/dir -P eval_cli_test.cmake

if(NOT CRAWL OR NOT EVAL OR NOT DIR)
  message(FATAL_ERROR "CRAWL, EVAL and DIR must be set")
endif()
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# Runs a command; sets RC, STDOUT and STDERR.
function(run)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(RC "${rc}" PARENT_SCOPE)
  set(STDOUT "${out}" PARENT_SCOPE)
  set(STDERR "${err}" PARENT_SCOPE)
endfunction()

# Fails unless the last run exited with 2 and printed one line starting with
# the given prefix.
function(expect_usage_error what prefix)
  string(REGEX MATCHALL "\n" newlines "${STDERR}")
  list(LENGTH newlines lines)
  if(NOT RC EQUAL 2 OR NOT lines EQUAL 1 OR NOT STDERR MATCHES "^${prefix}: ")
    message(FATAL_ERROR "${what}: rc=${RC}, stderr='${STDERR}'")
  endif()
endfunction()

run(${CRAWL} --pages 120 --sites 5 --seed 3 -o ${DIR}/a.jsonl --labels ${DIR}/a-labels.jsonl)
if(NOT RC EQUAL 0)
  message(FATAL_ERROR "safi-eval-crawl failed: rc=${RC} ${STDERR}")
endif()
run(${CRAWL} --pages=120 --sites=5 --seed=3 -o ${DIR}/b.jsonl --labels ${DIR}/b-labels.jsonl)
file(READ "${DIR}/a.jsonl" a)
file(READ "${DIR}/b.jsonl" b)
file(READ "${DIR}/a-labels.jsonl" a_labels)
file(READ "${DIR}/b-labels.jsonl" b_labels)
if(NOT a STREQUAL b OR NOT a_labels STREQUAL b_labels)
  message(FATAL_ERROR "the same seed gave different crawls")
endif()
string(REGEX MATCHALL "\n" records "${a}")
list(LENGTH records count)
if(NOT count EQUAL 120)
  message(FATAL_ERROR "--pages 120 wrote ${count} records")
endif()

# The crawl as its own output with an empty report: nothing removed, every
# duplicate group unresolved, exit status 0 all the same.
file(WRITE "${DIR}/empty.jsonl" "")
run(${EVAL} --labels ${DIR}/a-labels.jsonl --input ${DIR}/a.jsonl
    --output ${DIR}/a.jsonl --report ${DIR}/empty.jsonl)
if(NOT RC EQUAL 0 OR NOT STDOUT MATCHES "all boilerplate +0/[0-9]+ +0\\.0000"
   OR NOT STDOUT MATCHES "all main text +([0-9]+)/[0-9]+ +1\\.0000")
  message(FATAL_ERROR "safi-eval on the untouched crawl: rc=${RC}\n${STDOUT}${STDERR}")
endif()
run(${EVAL} --json --labels ${DIR}/a-labels.jsonl --input ${DIR}/a.jsonl
    --output ${DIR}/a.jsonl --report ${DIR}/empty.jsonl)
if(NOT RC EQUAL 0 OR NOT STDOUT MATCHES "^{\"articles\":\"generated\"" OR
   NOT STDOUT MATCHES "\"false_drops\":0,")
  message(FATAL_ERROR "safi-eval --json: rc=${RC}\n${STDOUT}${STDERR}")
endif()

# Bad usage and bad input.
run(${CRAWL} --pages 0 -o ${DIR}/c.jsonl --labels ${DIR}/c-labels.jsonl)
expect_usage_error("--pages 0" "safi-eval-crawl")
run(${CRAWL} --pages 10)
expect_usage_error("missing -o" "safi-eval-crawl")
run(${CRAWL} --articles-from ${DIR}/missing.json -o ${DIR}/c.jsonl --labels ${DIR}/c-labels.jsonl)
expect_usage_error("missing --articles-from file" "safi-eval-crawl")
file(WRITE "${DIR}/bad.json" "{\"title\": 1}")
run(${CRAWL} --articles-from ${DIR}/bad.json -o ${DIR}/c.jsonl --labels ${DIR}/c-labels.jsonl)
expect_usage_error("malformed --articles-from file" "safi-eval-crawl")
run(${EVAL} --labels ${DIR}/a-labels.jsonl --input ${DIR}/a.jsonl --output ${DIR}/a.jsonl)
expect_usage_error("missing --report" "safi-eval")
file(WRITE "${DIR}/bad-report.jsonl" "{\"id\":\"doc-000000\",\"start\":0,\"end\":1,\"reason\":\"lexicon\"}\nnot json\n")
run(${EVAL} --labels ${DIR}/a-labels.jsonl --input ${DIR}/a.jsonl
    --output ${DIR}/a.jsonl --report ${DIR}/bad-report.jsonl)
expect_usage_error("malformed report" "safi-eval")
if(NOT STDERR MATCHES "bad-report.jsonl:2: invalid JSON")
  message(FATAL_ERROR "no line number for a malformed report: ${STDERR}")
endif()
run(${EVAL} --labels ${DIR}/a.jsonl --input ${DIR}/a.jsonl
    --output ${DIR}/a.jsonl --report ${DIR}/empty.jsonl)
expect_usage_error("crawl given as labels" "safi-eval")
run(${EVAL} --help)
if(NOT RC EQUAL 0 OR NOT STDOUT MATCHES "--labels")
  message(FATAL_ERROR "safi-eval --help: rc=${RC}")
endif()
file(REMOVE_RECURSE "${DIR}")
