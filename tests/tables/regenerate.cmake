# SPDX-License-Identifier: Apache-2.0
# CTest script: regenerates unicode_tables.inc into OUTPUT and compares it with CHECKED_IN.
foreach(var PYTHON GENERATOR CHECKED_IN OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "regenerate.cmake: -D${var}=... is required")
  endif()
endforeach()
execute_process(
  COMMAND ${PYTHON} ${GENERATOR} --output ${OUTPUT}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "gen_unicode_tables.py failed (${result})")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E compare_files ${OUTPUT} ${CHECKED_IN}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${CHECKED_IN} is stale or edited: regenerate it with "
                      "python3 core/tools/gen_unicode_tables.py")
endif()
message(STATUS "${CHECKED_IN} matches the generator output")
