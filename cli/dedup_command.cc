// SPDX-License-Identifier: Apache-2.0
// The `safi dedup` subcommand (see dedup_command.h): the one-shot run, the
// sketch/merge/apply phases, and the JSONL output and removal report.
#include "dedup_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "CLI/CLI.hpp"
#include "crawl_input.h"
#include "fd_io.h"
#include "jsonl_record.h"
#include "normalize_command.h"
#include "safi/dedup.h"

namespace safi_cli {
namespace {

// Bytes copied per read from the temporary state file to the output.
constexpr size_t kCopyBlock = size_t{1} << 20;

// Appends the report line of one removal.
void AppendReport(const Record& record, const safi::Removal& r,
                  std::string* out) {
  out->append("{\"id\":");
  out->append(record.id_json);
  out->append(",\"start\":").append(std::to_string(r.start));
  out->append(",\"end\":").append(std::to_string(r.end));
  out->append(",\"reason\":\"").append(safi::RemovalReasonName(r.reason));
  out->push_back('"');
  switch (r.reason) {
    case safi::RemovalReason::kLexicon:
      out->append(",\"category\":");
      AppendJsonString(r.category, out);
      out->append(",\"phrase\":");
      AppendJsonString(r.phrase, out);
      out->append(",\"match\":\"")
          .append(safi::LexiconMatchKindName(r.match))
          .push_back('"');
      break;
    case safi::RemovalReason::kSiteTemplate:
      out->append(",\"pages\":").append(std::to_string(r.pages));
      out->append(",\"site_pages\":").append(std::to_string(r.site_pages));
      break;
    case safi::RemovalReason::kGlobal:
      out->append(",\"sites\":").append(std::to_string(r.sites));
      break;
    case safi::RemovalReason::kTeaser:
      out->append(",\"rule\":\"").append(safi::TeaserRuleName(r.rule));
      out->push_back('"');
      if (r.rule == safi::TeaserRule::kConfirmed) {
        out->append(",\"source\":");
        AppendJsonString(r.source, out);
        out->append(",\"matched_words\":")
            .append(std::to_string(r.matched_words));
      } else {
        out->append(",\"block_teasers\":")
            .append(std::to_string(r.block_teasers));
      }
      break;
    case safi::RemovalReason::kLabel:
      out->append(",\"teaser_start\":").append(std::to_string(r.teaser_start));
      break;
    case safi::RemovalReason::kExactDup:
    case safi::RemovalReason::kNearDup: {
      out->append(",\"kept\":");
      AppendJsonString(r.kept, out);
      out->append(",\"cluster_size\":").append(std::to_string(r.cluster_size));
      char similarity[16];
      std::snprintf(similarity, sizeof(similarity), "%u.%03u",
                    r.similarity_permille / 1000, r.similarity_permille % 1000);
      out->append(",\"similarity\":").append(similarity);
      break;
    }
  }
  out->append("}\n");
}

// Appends the output line of a kept record: the original line with the
// text token replaced, or for text files a new {"id","text"} object.
void AppendOutput(const Record& record,
                  const std::vector<safi::Removal>& removals,
                  std::string* out) {
  std::string text;
  if (!removals.empty()) {
    size_t pos = 0;
    for (const safi::Removal& r : removals) {
      text.append(record.text, pos, r.start - pos);
      pos = r.end;
    }
    text.append(record.text, pos, std::string::npos);
  }
  const std::string& kept = removals.empty() ? record.text : text;
  if (record.line.data() == nullptr) {
    out->append("{\"id\":").append(record.id_json).append(",\"text\":");
    AppendJsonString(kept, out);
    out->append("}\n");
    return;
  }
  if (removals.empty()) {
    out->append(record.line).push_back('\n');
    return;
  }
  out->append(record.line.substr(0, record.text_begin));
  AppendJsonString(kept, out);
  out->append(record.line.substr(record.text_end)).push_back('\n');
}

// The apply pass: decides each record and writes kept records to
// standard output and removals to the report (if report_fd >= 0).
int ApplyPass(Inputs* inputs, bool replay, const safi::Deduper& deduper,
              int report_fd, const std::string& report_name) {
  BufferedWriter out(STDOUT_FILENO);
  BufferedWriter report(report_fd);
  safi::DocumentDecision decision;
  bool write_failed = false;
  std::string failed_name;
  const int status = inputs->ForEach(
      false, replay,
      [&](const std::string& label, uint64_t line, Record& record) {
        const safi::DedupStatus s =
            deduper.Apply({record.id, record.site, record.text}, &decision);
        if (!s.ok()) {
          PrintError(label + ":" + std::to_string(line) + ": " + s.message);
          return static_cast<int>(kExitFailure);
        }
        if (decision.keep)
          AppendOutput(record, decision.removals, out.buffer());
        if (report_fd >= 0) {
          for (const safi::Removal& r : decision.removals) {
            AppendReport(record, r, report.buffer());
          }
          if (!report.MaybeFlush()) {
            write_failed = true;
            failed_name = report_name;
            return static_cast<int>(kExitFailure);
          }
        }
        if (!out.MaybeFlush()) {
          write_failed = true;
          failed_name = "write error";
          return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
      });
  if (!write_failed && status == kExitOk) {
    if (report_fd >= 0 && !report.Flush()) {
      write_failed = true;
      failed_name = report_name;
    } else if (!out.Flush()) {
      write_failed = true;
      failed_name = "write error";
    }
  }
  if (write_failed) {
    PrintError(failed_name + ": " + std::strerror(errno));
    return kExitFailure;
  }
  return status;
}

// The sketch pass over every input record, into sketcher (which the
// caller finishes).
int SketchPass(Inputs* inputs, bool spool, safi::DedupSketcher* sketcher) {
  return inputs->ForEach(
      spool, false,
      [&](const std::string& label, uint64_t line, Record& record) {
        const safi::DedupStatus s =
            sketcher->Add({record.id, record.site, record.text});
        if (!s.ok()) {
          // A temporary file that cannot be written is no record's fault.
          PrintError(s.code == safi::DedupStatus::kIoError
                         ? s.message
                         : label + ":" + std::to_string(line) + ": " +
                               s.message);
          return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
      });
}

// A state file being written: an unnamed temporary file in $TMPDIR,
// copied to the output by Commit. The output is opened only then, as
// before streaming, so a failed run does not touch it, an input may also
// be the output, and devices and pipes work.
class StateOutput {
 public:
  explicit StateOutput(std::string name) : name_(std::move(name)) {}

  // Creates the temporary file. False after a message.
  bool Open() {
    temp_ = CreateTemporaryFile();
    if (!temp_.valid()) {
      PrintError("temporary file: " + std::string(std::strerror(errno)));
      return false;
    }
    return true;
  }

  int fd() const { return temp_.get(); }

  // Copies the written state to the output. False after a message.
  bool Commit() {
    if (lseek(temp_.get(), 0, SEEK_SET) < 0) {
      PrintError("temporary file: " + std::string(std::strerror(errno)));
      return false;
    }
    const Fd out = OpenOutput(name_);
    if (!out.valid()) return false;
    std::string buffer(kCopyBlock, '\0');
    while (true) {
      const ssize_t got = ReadSome(temp_.get(), &buffer[0], buffer.size());
      if (got < 0) {
        PrintError("temporary file: " + std::string(std::strerror(errno)));
        return false;
      }
      if (got == 0) return true;
      if (!WriteAll(out.get(), buffer.data(), static_cast<size_t>(got))) {
        PrintError(name_ + ": " + std::strerror(errno));
        return false;
      }
    }
  }

 private:
  std::string name_;
  Fd temp_;
};

// Reads and parses a state file. Prints the error on failure.
int ReadState(const std::string& name, safi::DedupState* state) {
  const Fd fd = OpenInput(name);
  if (!fd.valid()) {
    PrintError(Label(name) + ": " + std::strerror(errno));
    return kExitFailure;
  }
  const safi::DedupStatus s = safi::DedupState::Read(fd.get(), state);
  if (!s.ok()) {
    PrintError(Label(name) + ": " + s.message);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int RunDedup(const DedupInputConfig& input, const DedupMemoryConfig& memory,
             const std::string& report) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  safi::DedupSketcher sketcher;
  sketcher.SetMemoryLimit(memory.limit, memory.temp_dir.empty()
                                            ? TemporaryDirectory()
                                            : memory.temp_dir);
  status = SketchPass(&inputs, true, &sketcher);
  if (status != kExitOk) return status;
  safi::DedupState state;
  const safi::DedupStatus s = sketcher.Finish(&state);
  if (!s.ok()) {
    PrintError(s.message);
    return kExitFailure;
  }
  const safi::Deduper deduper(std::move(state));
  Fd report_fd;
  if (!report.empty()) {
    report_fd = OpenOutput(report);
    if (!report_fd.valid()) return kExitFailure;
  }
  return ApplyPass(&inputs, true, deduper, report_fd.get(), report);
}

int RunDedupSketch(const DedupInputConfig& input,
                   const DedupMemoryConfig& memory, const std::string& output) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  safi::DedupSketcher sketcher;
  sketcher.SetMemoryLimit(memory.limit, memory.temp_dir.empty()
                                            ? TemporaryDirectory()
                                            : memory.temp_dir);
  status = SketchPass(&inputs, false, &sketcher);
  if (status != kExitOk) return status;
  StateOutput out(output);
  if (!out.Open()) return kExitFailure;
  const safi::DedupStatus s = sketcher.Finish(out.fd());
  if (!s.ok()) {
    PrintError(s.message);
    return kExitFailure;
  }
  return out.Commit() ? kExitOk : kExitFailure;
}

int RunDedupMerge(const std::vector<std::string>& states,
                  const std::string& output) {
  for (const std::string& name : states) {
    struct stat st;
    if (name != "-" && stat(name.c_str(), &st) != 0) {
      PrintError(name + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  std::vector<Fd> files;
  std::vector<int> inputs;
  for (const std::string& name : states) {
    files.push_back(OpenInput(name));
    if (!files.back().valid()) {
      PrintError(Label(name) + ": " + std::strerror(errno));
      return kExitFailure;
    }
    inputs.push_back(files.back().get());
  }
  StateOutput out(output);
  if (!out.Open()) return kExitFailure;
  size_t failed = 0;
  const safi::DedupStatus s = safi::MergeStateFiles(inputs, out.fd(), &failed);
  if (!s.ok()) {
    PrintError((failed < states.size() ? Label(states[failed])
                                       : std::string("temporary file")) +
               ": " + s.message);
    return kExitFailure;
  }
  return out.Commit() ? kExitOk : kExitFailure;
}

int RunDedupApply(const DedupInputConfig& input, const std::string& state_name,
                  const std::string& report) {
  Inputs inputs(input);
  int status = inputs.CheckExist();
  if (status != kExitOk) return status;
  struct stat st;
  if (state_name != "-" && stat(state_name.c_str(), &st) != 0) {
    PrintError(state_name + ": " + std::strerror(errno));
    return kExitUsage;
  }
  safi::DedupState state;
  status = ReadState(state_name, &state);
  if (status != kExitOk) return status;
  const safi::Deduper deduper(std::move(state));
  Fd report_fd;
  if (!report.empty()) {
    report_fd = OpenOutput(report);
    if (!report_fd.valid()) return kExitFailure;
  }
  return ApplyPass(&inputs, false, deduper, report_fd.get(), report);
}

struct DedupCommand::Options {
  CLI::App* dedup = nullptr;
  CLI::App* sketch = nullptr;
  CLI::App* merge = nullptr;
  CLI::App* apply = nullptr;
  // One-shot and per-phase input options.
  DedupInputConfig one_shot, sketch_input, apply_input;
  std::string one_shot_format = "jsonl", sketch_format = "jsonl",
              apply_format = "jsonl";
  std::string report, apply_report;
  std::string sketch_output, merge_output, apply_state;
  std::vector<std::string> merge_states;
  DedupMemoryConfig one_shot_memory, sketch_memory;
};

namespace {

// Adds --memory-limit and --temp-dir to command.
void AddMemoryOptions(CLI::App* command, DedupMemoryConfig* config) {
  command
      ->add_option("--memory-limit", config->limit,
                   "Memory for the sketch statistics (default 1G, 0: no "
                   "limit); beyond it they are sorted into runs in "
                   "temporary files and merged at the end, with the same "
                   "result")
      ->transform(CLI::AsSizeValue(false));
  command->add_option("--temp-dir", config->temp_dir,
                      "Directory of those temporary files (default: $TMPDIR "
                      "or /tmp)");
}

}  // namespace

DedupCommand::DedupCommand(CLI::App* app) : options_(new Options) {
  Options& o = *options_;
  o.dedup = app->add_subcommand(
      "dedup",
      "Remove boilerplate lines and duplicate documents: reads JSONL records "
      "(or text files) and writes the kept records with boilerplate lines "
      "cut from their text");
  AddInputOptions(o.dedup, &o.one_shot, &o.one_shot_format, "FILE");
  o.dedup->add_option("--report", o.report,
                      "Write one JSON object per removal to this file: id, "
                      "start, end (bytes of the original text), reason, "
                      "evidence");
  AddMemoryOptions(o.dedup, &o.one_shot_memory);
  o.dedup->require_subcommand(0, 1);

  o.sketch = o.dedup->add_subcommand(
      "sketch", "Sharded phase 1: write the statistics of FILEs to a state");
  AddInputOptions(o.sketch, &o.sketch_input, &o.sketch_format, "FILE");
  o.sketch->add_option("-o,--output", o.sketch_output, "State file to write")
      ->required();
  AddMemoryOptions(o.sketch, &o.sketch_memory);

  o.merge = o.dedup->add_subcommand(
      "merge",
      "Sharded phase 2: merge state files (in any order and grouping)");
  o.merge->add_option("STATE", o.merge_states, "State files to merge")
      ->required();
  o.merge->add_option("-o,--output", o.merge_output, "State file to write")
      ->required();

  o.apply = o.dedup->add_subcommand(
      "apply",
      "Sharded phase 3: dedup FILEs with a merged state to standard output");
  AddInputOptions(o.apply, &o.apply_input, &o.apply_format, "FILE");
  o.apply->add_option("--state", o.apply_state, "Merged state file")
      ->required();
  o.apply->add_option("--report", o.apply_report,
                      "Write one JSON object per removal to this file");
}

DedupCommand::~DedupCommand() = default;

bool DedupCommand::parsed() const { return options_->dedup->parsed(); }

int DedupCommand::Run() {
  Options& o = *options_;
  const bool phase =
      o.sketch->parsed() || o.merge->parsed() || o.apply->parsed();
  // Everything given before a phase name belongs to the one-shot command.
  size_t one_shot_arguments = 0;
  for (const CLI::Option* option : o.dedup->get_options()) {
    one_shot_arguments += option->count();
  }
  if (phase && one_shot_arguments > 0) {
    PrintError("options and files of 'safi dedup' cannot precede '" +
               std::string(o.sketch->parsed()  ? "sketch"
                           : o.merge->parsed() ? "merge"
                                               : "apply") +
               "'");
    return kExitUsage;
  }
  if (o.sketch->parsed()) {
    if (!ParseFormat(o.sketch_format, &o.sketch_input)) return kExitUsage;
    return RunDedupSketch(o.sketch_input, o.sketch_memory, o.sketch_output);
  }
  if (o.merge->parsed()) return RunDedupMerge(o.merge_states, o.merge_output);
  if (o.apply->parsed()) {
    if (!ParseFormat(o.apply_format, &o.apply_input)) return kExitUsage;
    return RunDedupApply(o.apply_input, o.apply_state, o.apply_report);
  }
  if (!ParseFormat(o.one_shot_format, &o.one_shot)) return kExitUsage;
  return RunDedup(o.one_shot, o.one_shot_memory, o.report);
}

}  // namespace safi_cli
