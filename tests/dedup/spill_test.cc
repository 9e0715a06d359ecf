// SPDX-License-Identifier: Apache-2.0
// Tests of the bounded-memory paths: a sketcher under a memory limit
// (spilled runs, merged at the end) gives the unbounded state, and the
// streaming merge and read of state files give DedupState::Merge's and
// Parse's results and refuse damaged or incompatible files with Parse's
// messages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dedup_test_util.h"
#include "safi/dedup.h"

namespace {

using safi::DedupSketcher;
using safi::DedupState;
using safi::DedupStatus;
using safi_test::Doc;

// An unnamed temporary file, open for reading and writing, closed on
// destruction.
class TempFile {
 public:
  TempFile() {
    std::string path = testing::TempDir() + "/spill_test.XXXXXX";
    fd_ = mkstemp(&path[0]);
    EXPECT_GE(fd_, 0) << path;
    unlink(path.c_str());
  }
  // Holding bytes, with the file offset at its start.
  explicit TempFile(const std::string& bytes) : TempFile() {
    EXPECT_EQ(write(fd_, bytes.data(), bytes.size()),
              static_cast<ssize_t>(bytes.size()));
    lseek(fd_, 0, SEEK_SET);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { close(fd_); }

  int fd() const { return fd_; }
  // Everything in the file.
  std::string Contents() const {
    std::string bytes;
    char buffer[4096];
    ssize_t got;
    for (off_t at = 0; (got = pread(fd_, buffer, sizeof(buffer), at)) > 0;
         at += got) {
      bytes.append(buffer, static_cast<size_t>(got));
    }
    return bytes;
  }

 private:
  int fd_ = -1;
};

// Adds docs[begin, end) to sketcher, expecting success.
void AddAll(const std::vector<Doc>& docs, size_t begin, size_t end,
            DedupSketcher* sketcher) {
  for (size_t i = begin; i < end; ++i) {
    const DedupStatus s =
        sketcher->Add({docs[i].id, docs[i].site, docs[i].text});
    ASSERT_TRUE(s.ok()) << s.message;
  }
}

// The serialized state of docs[begin, end) without a memory limit.
std::string Unbounded(const std::vector<Doc>& docs, size_t begin, size_t end) {
  DedupSketcher sketcher;
  AddAll(docs, begin, end, &sketcher);
  DedupState state;
  EXPECT_TRUE(sketcher.Finish(&state).ok());
  return state.Serialize();
}

TEST(Spill, AnyMemoryLimitGivesTheUnboundedState) {
  // 120 pages: with a one-byte limit every page is its own run, so the
  // runs are also merged in groups of 32 before the end.
  const std::vector<Doc> docs = safi_test::Crawl(120);
  const std::string expected = Unbounded(docs, 0, docs.size());
  for (const uint64_t limit :
       {uint64_t{1}, uint64_t{20000}, uint64_t{200000}, uint64_t{1} << 30}) {
    DedupSketcher sketcher;
    sketcher.SetMemoryLimit(limit, testing::TempDir());
    AddAll(docs, 0, docs.size(), &sketcher);
    if (limit == 1) {
      EXPECT_EQ(sketcher.spilled_runs(), docs.size() - 1);
    } else if (limit == 20000) {
      EXPECT_GT(sketcher.spilled_runs(), 5u);
    } else if (limit == uint64_t{1} << 30) {
      EXPECT_EQ(sketcher.spilled_runs(), 0u);
    }
    DedupState state;
    const DedupStatus s = sketcher.Finish(&state);
    ASSERT_TRUE(s.ok()) << s.message;
    EXPECT_EQ(state.Serialize(), expected) << "limit " << limit;
    EXPECT_EQ(sketcher.spilled_runs(), 0u);
    // Streamed to a file instead.
    AddAll(docs, 0, docs.size(), &sketcher);
    TempFile out;
    ASSERT_TRUE(sketcher.Finish(out.fd()).ok());
    EXPECT_EQ(out.Contents(), expected) << "limit " << limit;
  }
}

// A run is spilled when the next document does not fit, and the memory it
// leaves for the next run is within the limit: runs hold many documents.
// (A document id set that doubled past the limit after the check once made
// every later document a run of its own: 9,286 runs of 11,335 news pages
// under 4 MiB.) Also after a document larger than the limit, whose tables
// outgrow it.
TEST(Spill, RunsHoldManyDocuments) {
  std::vector<Doc> docs = safi_test::Crawl(1500);
  std::string huge;
  for (int line = 0; line < 20000; ++line) {
    huge += "line " + std::to_string(line) + " of a very long page\n";
  }
  docs.insert(docs.begin() + 700, Doc{"huge", "site0.example", huge});
  const std::string expected = Unbounded(docs, 0, docs.size());
  for (const uint64_t limit : {uint64_t{256} << 10, uint64_t{1} << 20}) {
    DedupSketcher sketcher;
    sketcher.SetMemoryLimit(limit, testing::TempDir());
    AddAll(docs, 0, docs.size(), &sketcher);
    EXPECT_LE(sketcher.spilled_runs(), 40u) << "limit " << limit;
    DedupState state;
    ASSERT_TRUE(sketcher.Finish(&state).ok());
    EXPECT_EQ(state.Serialize(), expected) << "limit " << limit;
  }
}

TEST(Spill, DuplicateIdsAreFoundInSpilledRuns) {
  const std::vector<Doc> docs = safi_test::Crawl(10);
  DedupSketcher sketcher;
  sketcher.SetMemoryLimit(1, testing::TempDir());
  AddAll(docs, 0, docs.size(), &sketcher);
  ASSERT_GT(sketcher.spilled_runs(), 0u);
  const DedupStatus s = sketcher.Add({docs[0].id, "", "other text"});
  EXPECT_EQ(s.code, DedupStatus::kDuplicateId) << s.message;
  // Refused documents change nothing.
  DedupState state;
  ASSERT_TRUE(sketcher.Finish(&state).ok());
  EXPECT_EQ(state.Serialize(), Unbounded(docs, 0, docs.size()));
}

TEST(Spill, UnwritableTemporaryDirectoryIsAnError) {
  const std::vector<Doc> docs = safi_test::Crawl(3);
  DedupSketcher sketcher;
  sketcher.SetMemoryLimit(1, testing::TempDir() + "/no/such/dir");
  AddAll(docs, 0, 1, &sketcher);  // the first page fits: nothing to spill
  const DedupStatus s = sketcher.Add({docs[1].id, docs[1].site, docs[1].text});
  EXPECT_EQ(s.code, DedupStatus::kIoError);
  EXPECT_NE(s.message.find("no/such/dir"), std::string::npos) << s.message;
  // The refused page was not counted.
  DedupState state;
  ASSERT_TRUE(sketcher.Finish(&state).ok());
  EXPECT_EQ(state.documents(), 1u);
}

// MergeStateFiles of states; *failed is set to the failing input.
DedupStatus MergeFiles(const std::vector<std::string>& states,
                       std::string* merged, size_t* failed) {
  std::vector<std::unique_ptr<TempFile>> files;
  std::vector<int> inputs;
  for (const std::string& bytes : states) {
    files.emplace_back(new TempFile(bytes));
    inputs.push_back(files.back()->fd());
  }
  TempFile out;
  const DedupStatus s = safi::MergeStateFiles(inputs, out.fd(), failed);
  *merged = out.Contents();
  return s;
}

TEST(MergeStateFiles, EqualsMergeInAnyOrder) {
  const std::vector<Doc> docs = safi_test::Crawl(40);
  const std::string whole = Unbounded(docs, 0, docs.size());
  const std::string a = Unbounded(docs, 0, 13);
  const std::string b = Unbounded(docs, 13, 25);
  const std::string c = Unbounded(docs, 25, docs.size());
  for (const std::vector<std::string>& order :
       {std::vector<std::string>{a, b, c}, std::vector<std::string>{c, a, b},
        std::vector<std::string>{b, c, a}}) {
    std::string merged;
    size_t failed = 99;
    const DedupStatus s = MergeFiles(order, &merged, &failed);
    ASSERT_TRUE(s.ok()) << s.message;
    EXPECT_EQ(merged, whole);
  }
  // One input, and an empty state among them.
  std::string merged;
  size_t failed = 0;
  ASSERT_TRUE(MergeFiles({whole}, &merged, &failed).ok());
  EXPECT_EQ(merged, whole);
  DedupState read;
  ASSERT_TRUE(DedupState::Read(TempFile(whole).fd(), &read).ok());
  EXPECT_EQ(read.Serialize(), whole);
  ASSERT_TRUE(
      MergeFiles({a, DedupState().Serialize(), b, c}, &merged, &failed).ok());
  EXPECT_EQ(merged, whole);
}

TEST(MergeStateFiles, RefusesDamagedFilesWithParseMessages) {
  const std::vector<Doc> docs = safi_test::Crawl(12);
  const std::string good = Unbounded(docs, 0, 6);
  const std::string bytes = Unbounded(docs, 6, docs.size());
  size_t checked = 0;
  const auto expect_like_parse = [&](const std::string& damaged,
                                     const std::string& what) {
    DedupState parsed;
    const DedupStatus expected = DedupState::Parse(damaged, &parsed);
    if (expected.ok()) return;  // e.g. a flip in an unused parameter bit
    std::string merged;
    size_t failed = 99;
    const DedupStatus s = MergeFiles({good, damaged}, &merged, &failed);
    EXPECT_EQ(s.code, expected.code) << what;
    EXPECT_EQ(s.message, expected.message) << what;
    EXPECT_EQ(failed, 1u) << what;
    // Reading the file alone says the same.
    DedupState read;
    const DedupStatus r = DedupState::Read(TempFile(damaged).fd(), &read);
    EXPECT_EQ(r.message, expected.message) << what;
    EXPECT_EQ(read.documents(), 0u) << what;
    ++checked;
  };
  for (size_t pos = 0; pos < bytes.size(); pos += pos < 200 ? 1 : 37) {
    std::string damaged = bytes;
    damaged[pos] = static_cast<char>(damaged[pos] ^ (1 << (pos % 8)));
    expect_like_parse(damaged, "flipped byte " + std::to_string(pos));
  }
  for (const size_t keep : {size_t{0}, size_t{7}, size_t{100}, size_t{140},
                            bytes.size() / 2, bytes.size() - 1}) {
    expect_like_parse(bytes.substr(0, keep),
                      "truncated to " + std::to_string(keep));
  }
  expect_like_parse(bytes + "extra", "extended");
  EXPECT_GT(checked, 200u);
}

TEST(MergeStateFiles, RefusesSharedIdsAndOtherParametersLikeMerge) {
  const std::vector<Doc> docs = safi_test::Crawl(12);
  const std::string a = Unbounded(docs, 0, 6);
  const std::string b = Unbounded(docs, 4, 9);
  const std::string c = Unbounded(docs, 9, 12);
  DedupState merged_a, parsed_b;
  ASSERT_TRUE(DedupState::Parse(a, &merged_a).ok());
  ASSERT_TRUE(DedupState::Parse(b, &parsed_b).ok());
  const DedupStatus expected = merged_a.Merge(parsed_b);
  ASSERT_EQ(expected.code, DedupStatus::kDuplicateId);
  std::string merged;
  size_t failed = 99;
  DedupStatus s = MergeFiles({a, c, b}, &merged, &failed);
  EXPECT_EQ(s.message, expected.message);
  EXPECT_EQ(failed, 2u);
  // Other parameters: refused for that input, before a later shared id.
  safi::DedupParams params;
  params.bands = 20;
  params.rows = 5;
  DedupSketcher sketcher(params);
  ASSERT_TRUE(sketcher.Add({"x", "", "some text here\n"}).ok());
  DedupState other;
  ASSERT_TRUE(sketcher.Finish(&other).ok());
  s = MergeFiles({a, other.Serialize(), b}, &merged, &failed);
  EXPECT_EQ(s.code, DedupStatus::kIncompatibleState) << s.message;
  EXPECT_NE(s.message.find("bands"), std::string::npos) << s.message;
  EXPECT_EQ(failed, 1u);
}

}  // namespace
