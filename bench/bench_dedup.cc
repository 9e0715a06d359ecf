// SPDX-License-Identifier: Apache-2.0
// Throughput benchmark of the dedup phases (sketch, decide, apply) and of
// dedup-profile normalization alone, on pages of the generated corpora and
// on the news pages' titles as short documents.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_util.h"
#include "corpora/generator/news_generator.h"
#include "safi/dedup.h"
#include "safi/normalizer.h"
#include "safi/targets.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace safi::bench {
namespace {

// Seed of every generated corpus, the same as safi_bench's.
constexpr uint64_t kCorpusSeed = 20240601;
// Default corpus size: 64 MiB of page text per variant.
constexpr size_t kDefaultCorpusBytes = size_t{64} << 20;

// The documents of one variant: pages 0, 1, 2, ... of the generator with
// kCorpusSeed, as long as their texts total at most the corpus size.
struct Crawl {
  corpus::Variant variant;
  std::string name;
  std::vector<std::string> ids, sites, texts;
  size_t bytes = 0;  // sum of the text sizes
  // Each page's title line and its LF (for the titles crawl).
  std::vector<std::string> titles;
  // The state of the whole crawl (sketched once, untimed) and its file.
  DedupState state;
  std::string state_file;
};

// Generates the crawl of variant with at most bytes of text (at least one
// page).
Crawl MakeCrawl(corpus::Variant variant, size_t bytes) {
  Crawl crawl;
  crawl.variant = variant;
  crawl.name = corpus::VariantName(variant);
  for (uint64_t index = 0;; ++index) {
    const corpus::Page page = corpus::GeneratePage(variant, kCorpusSeed, index);
    std::string text = corpus::RenderPage(page);
    if (index > 0 && crawl.bytes + text.size() > bytes) break;
    crawl.bytes += text.size();
    crawl.ids.push_back("p" + std::to_string(index));
    crawl.sites.push_back(SiteFromUrl(page.url));
    crawl.texts.push_back(std::move(text));
    crawl.titles.emplace_back();
    for (const corpus::PagePart& part : page.parts) {
      if (part.kind == corpus::PagePart::kTitle) {
        crawl.titles.back() = part.text + "\n";
        break;
      }
    }
  }
  return crawl;
}

// Short documents: the title line of each page of the news crawl (ids
// t<i>, the pages' sites), a document of about ten words each, where
// MinHash fills few bins and densification does most of the work.
Crawl MakeTitleCrawl(const Crawl& news) {
  Crawl crawl;
  crawl.variant = corpus::Variant::kNews;
  crawl.name = "titles";
  crawl.sites = news.sites;
  crawl.texts = news.titles;
  for (size_t index = 0; index < crawl.texts.size(); ++index) {
    crawl.ids.push_back("t" + std::to_string(index));
    crawl.bytes += crawl.texts[index].size();
  }
  return crawl;
}

// The fastest time seen, in seconds, of each page's Add and of Finish over
// several sketches of one crawl.
struct SketchFloor {
  std::vector<double> add;
  double finish = std::numeric_limits<double>::infinity();
  // The sketch with every step at its fastest.
  double Seconds() const {
    return std::accumulate(add.begin(), add.end(), finish);
  }
};

// Sketches every document of crawl into *state. False after a message on
// stderr if the sketcher refused something. With floor, also times each
// Add and the Finish and lowers floor's times to them (floor->add sized
// like crawl.texts).
bool SketchAll(const Crawl& crawl, DedupState* state,
               SketchFloor* floor = nullptr) {
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
  };
  DedupSketcher sketcher;
  for (size_t i = 0; i < crawl.texts.size(); ++i) {
    const Clock::time_point start =
        floor != nullptr ? Clock::now() : Clock::time_point();
    const DedupStatus s =
        sketcher.Add({crawl.ids[i], crawl.sites[i], crawl.texts[i]});
    if (floor != nullptr) {
      floor->add[i] = std::min(floor->add[i], seconds(start));
    }
    if (!s.ok()) {
      std::cerr << "safi_bench_dedup: " << s.message << "\n";
      return false;
    }
  }
  const Clock::time_point start =
      floor != nullptr ? Clock::now() : Clock::time_point();
  const DedupStatus s = sketcher.Finish(state);
  if (floor != nullptr) floor->finish = std::min(floor->finish, seconds(start));
  if (!s.ok()) std::cerr << "safi_bench_dedup: " << s.message << "\n";
  return s.ok();
}

// XXH3-64 of every decision of deduper on crawl (keep, duplicates, and
// each removal's span and reason), so that runs of different builds can be
// compared. Sets *ok to false if an Apply failed.
uint64_t DecisionsFingerprint(const Crawl& crawl, const Deduper& deduper,
                              bool* ok) {
  XXH3_state_t hash;
  XXH3_64bits_reset(&hash);
  DocumentDecision decision;
  for (size_t i = 0; i < crawl.texts.size(); ++i) {
    *ok =
        *ok &&
        deduper.Apply({crawl.ids[i], crawl.sites[i], crawl.texts[i]}, &decision)
            .ok();
    const uint64_t head[2] = {decision.keep ? 1u : 0u, decision.duplicates};
    XXH3_64bits_update(&hash, head, sizeof(head));
    for (const Removal& r : decision.removals) {
      const uint64_t span[3] = {r.start, r.end,
                                static_cast<uint64_t>(r.reason)};
      XXH3_64bits_update(&hash, span, sizeof(span));
    }
  }
  return XXH3_64bits_digest(&hash);
}

std::string Hex(uint64_t value) {
  char text[20];
  std::snprintf(text, sizeof(text), "%016llx",
                static_cast<unsigned long long>(value));
  return text;
}

// Number of benchmark runs that failed (see Fail).
int& Failures() {
  static int failures = 0;
  return failures;
}

// Ends the benchmark run st with message and counts the failure, which
// makes the process exit with status 1.
void Fail(benchmark::State& st, const char* message) {
  st.SkipWithError(message);
  ++Failures();
}

void SetBytes(benchmark::State& st, const Crawl& crawl) {
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) *
                       static_cast<int64_t>(crawl.bytes));
  st.counters["documents"] = static_cast<double>(crawl.texts.size());
}

// Normalizer(kDedup).Normalize of each document into one reused string:
// the normalization that the sketch and apply phases do, alone.
void BmNormalize(benchmark::State& st, const Crawl* crawl) {
  const Normalizer normalizer(Profile::kDedup);
  std::string out;
  for (auto _ : st) {
    for (const std::string& text : crawl->texts) {
      if (!normalizer.Normalize(text, &out).ok()) {
        Fail(st, "safi::Normalizer::Normalize failed");
        return;
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetBytes(st, *crawl);
}

// A fresh DedupSketcher: Add of every document, then Finish.
void BmSketch(benchmark::State& st, const Crawl* crawl) {
  for (auto _ : st) {
    DedupState state;
    if (!SketchAll(*crawl, &state)) {
      Fail(st, "safi::DedupSketcher failed");
      return;
    }
    benchmark::DoNotOptimize(state.documents());
  }
  SetBytes(st, *crawl);
  st.counters["state_bytes"] = static_cast<double>(crawl->state_file.size());
}

// BmSketch with each Add and the Finish timed on their own: the counters
// floor_ms and floor_bytes_per_second give the sketch with each page's
// fastest Add over the iterations and the fastest Finish, its speed on this
// CPU with the noise of a shared machine (clock dips, interrupts,
// neighbours) taken out page by page. The benchmark's own time includes
// the clock reads (two per page).
void BmSketchFloor(benchmark::State& st, const Crawl* crawl) {
  SketchFloor floor;
  floor.add.assign(crawl->texts.size(),
                   std::numeric_limits<double>::infinity());
  for (auto _ : st) {
    DedupState state;
    if (!SketchAll(*crawl, &state, &floor)) {
      Fail(st, "safi::DedupSketcher failed");
      return;
    }
    benchmark::DoNotOptimize(state.documents());
  }
  SetBytes(st, *crawl);
  st.counters["floor_ms"] = floor.Seconds() * 1e3;
  st.counters["floor_bytes_per_second"] =
      static_cast<double>(crawl->bytes) / floor.Seconds();
}

// Deduper construction from the crawl's state (clustering and selection of
// the template and global keys); copying the state is not timed.
void BmDecide(benchmark::State& st, const Crawl* crawl) {
  for (auto _ : st) {
    st.PauseTiming();
    DedupState state = crawl->state;
    st.ResumeTiming();
    const Deduper deduper(std::move(state));
    benchmark::DoNotOptimize(deduper.params().bands);
  }
  SetBytes(st, *crawl);
}

// Deduper::Apply of every document with one Deduper built before timing.
void BmApply(benchmark::State& st, const Crawl* crawl) {
  const Deduper deduper{DedupState(crawl->state)};
  DocumentDecision decision;
  for (auto _ : st) {
    for (size_t i = 0; i < crawl->texts.size(); ++i) {
      const DedupStatus s = deduper.Apply(
          {crawl->ids[i], crawl->sites[i], crawl->texts[i]}, &decision);
      if (!s.ok()) {
        Fail(st, "safi::Deduper::Apply failed");
        return;
      }
      benchmark::DoNotOptimize(decision.removals.data());
    }
  }
  SetBytes(st, *crawl);
}

void PrintHelp() {
  benchmark::PrintDefaultHelp();
  std::fprintf(stdout,
               "\nEnvironment:\n"
               "  SAFI_BENCH_BYTES=<n>[K|M|G]  bytes of page text per "
               "generated crawl (default 64M, at most 1G)\n"
               "  SAFI_FORCE_TARGET=<target>   run the normalizer and the "
               "dedup kernels on one Highway target\n");
}

}  // namespace

// Generates the crawls, sketches each once to record the fingerprints of
// its state and decisions in the context, registers and runs the
// benchmarks. Returns 0 on success, 1 on a bad argument or environment
// value or when the dedup library reported an error.
int Main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv, PrintHelp);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  size_t corpus_bytes = kDefaultCorpusBytes;
  if (const char* env = std::getenv("SAFI_BENCH_BYTES")) {
    if (!ParseByteCount(env, &corpus_bytes)) {
      std::cerr << "safi_bench_dedup: invalid SAFI_BENCH_BYTES '" << env
                << "': expected a positive integer with an optional K, M or G "
                   "suffix, at most 1G\n";
      return 1;
    }
  }
  benchmark::AddCustomContext("cpu_model", CpuModel());
  benchmark::AddCustomContext("compiler", CompilerId());
  benchmark::AddCustomContext("corpus_bytes", std::to_string(corpus_bytes));
  benchmark::AddCustomContext("corpus_seed", std::to_string(kCorpusSeed));
  benchmark::AddCustomContext("safi_version", Version());
  // The Highway target of the normalizer and of the dedup kernels: the
  // best this CPU supports, or the one SAFI_FORCE_TARGET pins.
  std::string error;
  if (!ForceTargetFromEnvironment(&error)) {
    std::cerr << "safi_bench_dedup: SAFI_FORCE_TARGET: " << error << "\n";
    return 1;
  }
  benchmark::AddCustomContext("safi_target", ActiveTarget());

  std::vector<Crawl> crawls;
  for (const corpus::Variant variant : corpus::AllVariants()) {
    crawls.push_back(MakeCrawl(variant, corpus_bytes));
    if (variant == corpus::Variant::kNews) {
      crawls.push_back(MakeTitleCrawl(crawls.back()));
    }
  }
  for (Crawl& crawl : crawls) {
    if (!SketchAll(crawl, &crawl.state)) return 1;
    crawl.state_file = crawl.state.Serialize();
    bool ok = true;
    const uint64_t decisions =
        DecisionsFingerprint(crawl, Deduper(DedupState(crawl.state)), &ok);
    if (!ok) {
      std::cerr << "safi_bench_dedup: Deduper::Apply failed on " << crawl.name
                << "\n";
      return 1;
    }
    benchmark::AddCustomContext(
        "dedup_" + crawl.name,
        std::to_string(crawl.texts.size()) + " documents, " +
            std::to_string(crawl.bytes) + " bytes, state " +
            std::to_string(crawl.state_file.size()) + " bytes xxh3 " +
            Hex(XXH3_64bits(crawl.state_file.data(), crawl.state_file.size())) +
            ", decisions xxh3 " + Hex(decisions));
  }
  for (const Crawl& crawl : crawls) {
    const Crawl* c = &crawl;
    const std::pair<const char*, void (*)(benchmark::State&, const Crawl*)>
        benchmarks[] = {{"BM_dedup_normalize/", BmNormalize},
                        {"BM_dedup_sketch/", BmSketch},
                        {"BM_dedup_sketch_floor/", BmSketchFloor},
                        {"BM_dedup_decide/", BmDecide},
                        {"BM_dedup_apply/", BmApply}};
    for (const auto& [prefix, function] : benchmarks) {
      benchmark::RegisterBenchmark((prefix + c->name).c_str(), function, c)
          ->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (Failures() > 0) {
    std::cerr << "safi_bench_dedup: " << Failures()
              << " benchmark run(s) reported an error\n";
    return 1;
  }
  return 0;
}

}  // namespace safi::bench

int main(int argc, char** argv) { return safi::bench::Main(argc, argv); }
