#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Measures safi-dask throughput with 1 and 2 local workers against one-shot `safi dedup`, and how the dedup state grows with the corpus."""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DRIVER = os.path.join(SOURCE_DIR, "cli", "dask", "safi_dask.py")
sys.path.insert(0, os.path.dirname(DRIVER))
from safi_dask import read_state_counts, run_safi  # noqa: E402  pylint: disable=wrong-import-position


def cpu_model():
    """Returns the first "model name" of /proc/cpuinfo ("" if none)."""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return ""


def make_crawl(crawler, pages, sites, seed, path):
    """Writes a generated evaluation crawl of the given size to path."""
    subprocess.run([crawler, "--pages", str(pages), "--sites", str(sites), "--seed", str(seed),
                    "-o", path, "--labels", os.devnull], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def split(path, shards, directory):
    """Cuts the JSONL file at path into the given number of shards of
    consecutive records (equal counts, the last ones one shorter) in
    directory, named part-NNNNN.jsonl."""
    with open(path, "rb") as f:
        lines = f.readlines()
    os.makedirs(directory)
    start = 0
    for i in range(shards):
        size = len(lines) // shards + (i < len(lines) % shards)
        with open(os.path.join(directory, f"part-{i:05d}.jsonl"), "wb") as f:
            f.writelines(lines[start:start + size])
        start += size


def one_shot_seconds(safi, crawl, out):
    """Runs `safi dedup --report` on the crawl; returns its wall and CPU
    seconds."""
    start = time.perf_counter()
    with open(out, "wb") as f:
        cpu = run_safi([safi, "dedup", "--report", out + ".report", crawl], stdout=f)
    return time.perf_counter() - start, cpu


def driver_summary(safi, shard_dir, workers, out):
    """Runs the Dask driver with its own LocalCluster of the given number of
    workers; returns its summary (whose timings exclude the cluster's
    start)."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, DRIVER, "--safi", safi, "--local-workers", str(workers),
                    "-o", out, os.path.join(shard_dir, "*.jsonl")],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        return json.load(f)


def concatenation(directory, names):
    """Returns the bytes of the files names in directory, concatenated."""
    data = b""
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            data += f.read()
    return data


def throughput(args, work):
    """The throughput runs: returns a list of result rows."""
    crawl = os.path.join(work, "crawl.jsonl")
    make_crawl(args.crawl, args.pages, args.sites, 1, crawl)
    size = os.path.getsize(crawl)
    with open(crawl, "rb") as f:
        documents = sum(1 for _ in f)
    rows = []
    one_shot_out = os.path.join(work, "one.jsonl")
    times = [one_shot_seconds(args.safi, crawl, one_shot_out) for _ in range(args.repetitions)]
    seconds, cpu = sorted(times)[len(times) // 2]
    rows.append({"run": "safi dedup (one process)", "shards": 1, "workers": 1,
                 "documents": documents, "bytes": size, "seconds": seconds,
                 "documents_per_second": documents / seconds, "gb_per_second": size / seconds / 1e9,
                 "cpu_seconds": {"total": cpu}})
    with open(one_shot_out, "rb") as f:
        one_shot = f.read()
    for shards in args.shards:
        shard_dir = os.path.join(work, f"shards-{shards}")
        split(crawl, shards, shard_dir)
        names = sorted(os.listdir(shard_dir))
        for workers in (1, 2):
            summaries = []
            for _ in range(args.repetitions):
                out = os.path.join(work, "out")
                summaries.append(driver_summary(args.safi, shard_dir, workers, out))
                if concatenation(out, names) != one_shot:
                    raise SystemExit(f"driver output with {shards} shards, {workers} workers "
                                     "differs from one-shot safi dedup")
            summary = sorted(summaries, key=lambda s: s["seconds"]["total"])[len(summaries) // 2]
            seconds = summary["seconds"]["total"]
            rows.append({
                "run": "safi-dask", "shards": shards, "workers": workers,
                "documents": summary["documents_in"], "bytes": summary["bytes_in"],
                "seconds": seconds,
                "documents_per_second": summary["documents_in"] / seconds,
                "gb_per_second": summary["bytes_in"] / seconds / 1e9,
                "phase_seconds": summary["seconds"],
                "task_seconds": summary["task_seconds"],
                "cpu_seconds": dict(summary["cpu_seconds"],
                                    total=sum(summary["cpu_seconds"].values())),
                "state_bytes": summary["state"]["bytes"],
            })
            print(f"  {shards} shards, {workers} workers: {seconds:.2f} s", file=sys.stderr)
    return rows


def state_growth(args, work):
    """The state-size runs: sketches whole crawls of growing size; returns a
    list of rows."""
    rows = []
    for pages in args.growth_pages:
        crawl = os.path.join(work, f"growth-{pages}.jsonl")
        state = crawl + ".state"
        make_crawl(args.crawl, pages, args.sites, 2, crawl)
        subprocess.run([args.safi, "dedup", "sketch", crawl, "-o", state], check=True)
        counts = read_state_counts(state)
        rows.append({"pages": pages, "corpus_bytes": os.path.getsize(crawl), **counts})
        os.unlink(crawl)
        os.unlink(state)
        print(f"  {pages} pages: state {counts['bytes']} bytes", file=sys.stderr)
    return rows


def markdown(result):
    """Returns the two result tables as Markdown."""
    out = ["| run | shards | workers | seconds | documents/s | GB/s | wall s: sketch / merge / "
           "apply | safi CPU s: sketch / merge / apply | MB per CPU-s |",
           "|---|---:|---:|---:|---:|---:|---|---|---:|"]
    for r in result["throughput"]:
        phases = r.get("phase_seconds")
        cpu = r["cpu_seconds"]
        wall_text = (f"{phases['sketch']:.2f} / {phases['merge']:.2f} / {phases['apply']:.2f}"
                     if phases else "–")
        cpu_text = (f"{cpu['sketch']:.2f} / {cpu['merge']:.2f} / {cpu['apply']:.2f}"
                    if phases else f"{cpu['total']:.2f} (all)")
        out.append(f"| {r['run']} | {r['shards']} | {r['workers']} | {r['seconds']:.2f} | "
                   f"{r['documents_per_second']:,.0f} | {r['gb_per_second']:.4f} | {wall_text} | "
                   f"{cpu_text} | {r['bytes'] / 1e6 / cpu['total']:.1f} |")
    out += ["", "| pages | corpus MB | state MB | state / corpus | documents | distinct (line, site) "
            "keys | lead lines | state bytes / key | state bytes / document |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["state_growth"]:
        out.append(f"| {r['pages']:,} | {r['corpus_bytes'] / 1e6:.1f} | {r['bytes'] / 1e6:.2f} | "
                   f"{r['bytes'] / r['corpus_bytes']:.3f} | {r['documents']:,} | "
                   f"{r['line_keys']:,} | {r['lead_lines']:,} | "
                   f"{r['bytes'] / r['line_keys']:.0f} | {r['bytes'] / r['documents']:.0f} |")
    return "\n".join(out)


def main():
    """Parses the options, runs the measurements, prints Markdown tables and
    writes the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("build", help="build directory with cli/safi and "
                                      "corpora/eval/safi-eval-crawl")
    parser.add_argument("--pages", type=int, default=16000, help="throughput crawl size")
    parser.add_argument("--sites", type=int, default=16, help="multi-page sites per crawl")
    parser.add_argument("--shards", type=int, nargs="+", default=[2, 8, 32],
                        help="shard counts of the throughput runs")
    parser.add_argument("--repetitions", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--growth-pages", type=int, nargs="+",
                        default=[1000, 2000, 4000, 8000, 16000, 32000],
                        help="crawl sizes of the state-size runs")
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args()
    args.safi = os.path.abspath(os.path.join(args.build, "cli", "safi"))
    args.crawl = os.path.abspath(os.path.join(args.build, "corpora", "eval", "safi-eval-crawl"))
    import distributed  # pylint: disable=import-outside-toplevel

    work = tempfile.mkdtemp(prefix="safi-bench-scaleout.")
    try:
        result = {
            "date": time.strftime("%Y-%m-%d"),
            "cpu": cpu_model(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "distributed": distributed.__version__,
            "load_average_before": os.getloadavg(),
            "throughput": throughput(args, work),
            "state_growth": state_growth(args, work),
            "load_average_after": os.getloadavg(),
        }
    finally:
        shutil.rmtree(work)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    print(f"{result['date']}, {result['cpu']}, {result['cpus']} CPUs, distributed "
          f"{result['distributed']}, load average {result['load_average_before'][0]:.1f} before, "
          f"{result['load_average_after'][0]:.1f} after\n")
    print(markdown(result))


if __name__ == "__main__":
    main()
