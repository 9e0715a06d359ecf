# SPDX-License-Identifier: Apache-2.0
# Adds the dedup component (boilerplate and duplicate removal) to the core library; included by
# core/CMakeLists.txt. Embeds lexicon/boilerplate.tsv as a raw string literal.
set(_safi_dedup_dir ${CMAKE_CURRENT_LIST_DIR})
set(_safi_dedup_generated ${CMAKE_CURRENT_BINARY_DIR}/dedup_generated)
if(TARGET safi_core_objects)
  set(_safi_dedup_target safi_core_objects)
else()
  set(_safi_dedup_target safi)
endif()

# The lexicon data, regenerated whenever the .tsv changes (CMake re-runs on edits).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${_safi_dedup_dir}/lexicon/boilerplate.tsv)
file(READ ${_safi_dedup_dir}/lexicon/boilerplate.tsv _safi_dedup_lexicon)
string(FIND "${_safi_dedup_lexicon}" ")safi_lexicon\"" _safi_dedup_delimiter)
if(NOT _safi_dedup_delimiter EQUAL -1)
  message(FATAL_ERROR "lexicon/boilerplate.tsv must not contain the raw-string delimiter")
endif()
file(CONFIGURE OUTPUT ${_safi_dedup_generated}/boilerplate_lexicon.inc
  CONTENT "R\"safi_lexicon(@_safi_dedup_lexicon@)safi_lexicon\"\n" @ONLY)

target_sources(${_safi_dedup_target} PRIVATE
  ${_safi_dedup_dir}/analysis.cc
  ${_safi_dedup_dir}/deduper.cc
  ${_safi_dedup_dir}/lexicon.cc
  ${_safi_dedup_dir}/minhash.cc
  ${_safi_dedup_dir}/params.cc
  ${_safi_dedup_dir}/sketch.cc
  ${_safi_dedup_dir}/state.cc
  ${_safi_dedup_dir}/state_file.cc
)
target_include_directories(${_safi_dedup_target} PRIVATE ${_safi_dedup_generated})
