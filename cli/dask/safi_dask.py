#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Runs `safi dedup` over JSONL shards on a Dask distributed cluster: sketch per shard, a merge tree, apply per shard."""

import argparse
import glob
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import uuid

# State file header (core/src/dedup/README.md, "Phases and state file"): the
# magic, then at byte 92 the section counts sites, lines, lead lines,
# documents.
STATE_MAGIC = b"SAFIDDUP"
STATE_COUNTS_FORMAT = "<4Q"
STATE_COUNTS_OFFSET = 92

# What the driver writes in the output directory besides the output shards.
RESERVED_NAMES = ("reports", "states", "summary.json")

EXIT_FAILURE = 1
EXIT_USAGE = 2

DESCRIPTION = """\
Remove boilerplate and duplicates from JSONL shards on a Dask distributed
cluster with the safi command: `safi dedup sketch` runs on every shard, the
states are merged as a tree (`safi dedup merge`, FAN_IN states per task), and
`safi dedup apply` runs on every shard with the merged state. The kept
records of shard NAME go to OUT/NAME, its removal report to OUT/reports/NAME,
the merged state to OUT/states/merged.state and the totals, state size and
timings to OUT/summary.json. Shards are taken in the order of their paths;
the output shards, in that order, hold exactly the bytes of one `safi dedup`
run over all shards, and the reports those of its --report.

Shards, the safi binary and OUT must be at the same paths on the workers and
here (a shared file system). A worker lost mid-run costs only its tasks: the
scheduler runs them again elsewhere and every file is written under a
temporary name and renamed when complete."""


class SafiError(RuntimeError):
    """A safi command that exited with a non-zero status."""


def run_safi(argv, stdout=None):
    """Runs the safi command argv (a list) with its standard output going to
    the file object stdout (None: inherited) and returns the CPU seconds
    (user + system) it used. Raises SafiError naming the command and quoting
    its standard error if it exits with a non-zero status."""
    process = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    with process.stderr:
        stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        message = stderr.decode("utf-8", "replace").strip()
        raise SafiError(f"{' '.join(argv)} exited with status {process.returncode}: {message}")
    return usage.ru_utime + usage.ru_stime


def temporary_path(path):
    """Creates an empty file next to path under a unique name and returns its
    name, so that a task writes there and renames it to path when done."""
    directory, name = os.path.split(path)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    return temp


def read_state_counts(path):
    """Returns the section counts of the safi state file at path as a dict
    (sites, line_keys, lead_lines, documents) plus its size in bytes.
    Raises ValueError if the file does not start like a state file."""
    with open(path, "rb") as f:
        header = f.read(STATE_COUNTS_OFFSET + struct.calcsize(STATE_COUNTS_FORMAT))
    if len(header) < STATE_COUNTS_OFFSET + struct.calcsize(STATE_COUNTS_FORMAT) or (
        not header.startswith(STATE_MAGIC)
    ):
        raise ValueError(f"{path}: not a safi dedup state file")
    sites, lines, leads, documents = struct.unpack_from(
        STATE_COUNTS_FORMAT, header, STATE_COUNTS_OFFSET
    )
    return {
        "bytes": os.path.getsize(path),
        "documents": documents,
        "sites": sites,
        "line_keys": lines,
        "lead_lines": leads,
    }


def count_lines(path):
    """Returns the number of LF bytes in the file at path."""
    count = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            count += block.count(b"\n")
    return count


def count_removals(report_path):
    """Returns {reason: count} over the removal report (one JSON object per
    line, as written by `safi dedup --report`) at report_path."""
    counts = {}
    with open(report_path, "rb") as f:
        for line in f:
            reason = json.loads(line)["reason"]
            counts[reason] = counts.get(reason, 0) + 1
    return counts


def worker_address():
    """Returns the address of the Dask worker running the caller, or "" when
    called outside a worker."""
    from distributed import get_worker  # pylint: disable=import-outside-toplevel

    try:
        return get_worker().address
    except ValueError:
        return ""


def write_state(argv, state_path):
    """Runs the safi command argv (sketch or merge, without -o) writing a
    state under a temporary name, then renames it to state_path. Returns
    the state's counts and size, the start and end times (seconds since the
    epoch), the CPU seconds of the safi process and the worker."""
    start = time.time()
    temp = temporary_path(state_path)
    try:
        cpu = run_safi([*argv, "-o", temp])
        os.replace(temp, state_path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return {
        "state": state_path,
        **read_state_counts(state_path),
        "start": start,
        "end": time.time(),
        "cpu": cpu,
        "worker": worker_address(),
    }


def sketch_shard(safi, field_options, shard, state_path):
    """Task: `safi dedup sketch` of one shard into state_path. Returns what
    write_state returns."""
    return write_state([safi, "dedup", "sketch", *field_options, shard], state_path)


def merge_states(safi, inputs, state_path):
    """Task: `safi dedup merge` of the states described by inputs (results of
    sketch_shard or merge_states) into state_path. Returns what write_state
    returns."""
    return write_state([safi, "dedup", "merge", *(i["state"] for i in inputs)], state_path)


def apply_shard(safi, field_options, merged, shard, output_path, report_path):
    """Task: `safi dedup apply` of one shard with the merged state (a result of
    sketch_shard or merge_states), kept records to output_path and removals
    to report_path (each renamed into place when complete). Returns the
    shard's record and byte counts, removals by reason, times, CPU seconds
    and worker."""
    start = time.time()
    temp_output = temporary_path(output_path)
    temp_report = temporary_path(report_path)
    try:
        with open(temp_output, "wb") as out:
            cpu = run_safi(
                [safi, "dedup", "apply", *field_options, "--state", merged["state"],
                 "--report", temp_report, shard],
                stdout=out,
            )
        os.replace(temp_report, report_path)
        os.replace(temp_output, output_path)
    finally:
        for temp in (temp_output, temp_report):
            if os.path.exists(temp):
                os.unlink(temp)
    return {
        "documents_out": count_lines(output_path),
        "bytes_in": os.path.getsize(shard),
        "bytes_out": os.path.getsize(output_path),
        "removals": count_removals(report_path),
        "start": start,
        "end": time.time(),
        "cpu": cpu,
        "worker": worker_address(),
    }


def expand_shards(patterns):
    """Returns the sorted absolute paths of the regular files matched by the
    glob patterns. Raises ValueError naming a pattern that matches no file,
    two shards with the same file name (their outputs would collide) or a
    shard named like one of the driver's own outputs."""
    paths = set()
    for pattern in patterns:
        matched = [p for p in glob.glob(pattern) if os.path.isfile(p)]
        if not matched:
            raise ValueError(f"no file matches {pattern!r}")
        paths.update(os.path.abspath(p) for p in matched)
    shards = sorted(paths)
    names = {}
    for shard in shards:
        name = os.path.basename(shard)
        if name in RESERVED_NAMES:
            raise ValueError(f"{shard}: a shard cannot be named {name!r} (an output of the driver)")
        if name in names:
            raise ValueError(f"two shards named {name!r}: {names[name]} and {shard}")
        names[name] = shard
    return shards


def submit_pipeline(client, safi, field_options, shards, out_dir, fan_in):
    """Submits every task of the run to the Dask client and returns the
    futures (sketches, merges, root, applies): one sketch per shard, a merge
    tree of fan_in states per task whose root is the merged state, one apply
    per shard that waits for the root."""
    run = uuid.uuid4().hex[:8]
    state_dir = os.path.join(out_dir, "states")
    report_dir = os.path.join(out_dir, "reports")
    sketches = [
        client.submit(
            sketch_shard, safi, field_options, shard,
            os.path.join(state_dir, f"shard-{i:05d}.state"),
            key=f"safi-sketch-{i:05d}-{run}",
        )
        for i, shard in enumerate(shards)
    ]
    merges = []
    level = sketches
    depth = 0
    while len(level) > 1:
        depth += 1
        last = len(level) <= fan_in
        next_level = []
        for j in range(0, len(level), fan_in):
            group = level[j:j + fan_in]
            if len(group) == 1:
                next_level.append(group[0])
                continue
            name = "merged.state" if last else f"merge-{depth}-{j // fan_in:05d}.state"
            merge = client.submit(
                merge_states, safi, group, os.path.join(state_dir, name),
                key=f"safi-merge-{depth}-{j // fan_in:05d}-{run}",
            )
            merges.append(merge)
            next_level.append(merge)
        level = next_level
    root = level[0]
    applies = [
        client.submit(
            apply_shard, safi, field_options, root, shard,
            os.path.join(out_dir, os.path.basename(shard)),
            os.path.join(report_dir, os.path.basename(shard)),
            key=f"safi-apply-{i:05d}-{run}",
        )
        for i, shard in enumerate(shards)
    ]
    return sketches, merges, root, applies


def span(results):
    """Seconds from the earliest start to the latest end of task results
    (0 for none)."""
    if not results:
        return 0.0
    return max(r["end"] for r in results) - min(r["start"] for r in results)


def build_summary(shards, out_dir, workers, fan_in, sketches, merges, root, applies, seconds):
    """Returns the summary dict of a finished run from the task results."""
    removals = {}
    for a in applies:
        for reason, count in a["removals"].items():
            removals[reason] = removals.get(reason, 0) + count
    documents_in = sum(s["documents"] for s in sketches)
    documents_out = sum(a["documents_out"] for a in applies)
    bytes_in = sum(a["bytes_in"] for a in applies)
    bytes_out = sum(a["bytes_out"] for a in applies)
    per_shard = []
    for shard, s, a in zip(shards, sketches, applies):
        name = os.path.basename(shard)
        per_shard.append({
            "input": shard,
            "output": os.path.join(out_dir, name),
            "report": os.path.join(out_dir, "reports", name),
            "documents_in": s["documents"],
            "documents_out": a["documents_out"],
            "bytes_in": a["bytes_in"],
            "bytes_out": a["bytes_out"],
            "removals": dict(sorted(a["removals"].items())),
            "state_bytes": s["bytes"],
            "sketch_seconds": round(s["end"] - s["start"], 3),
            "apply_seconds": round(a["end"] - a["start"], 3),
            "sketch_cpu_seconds": round(s["cpu"], 3),
            "apply_cpu_seconds": round(a["cpu"], 3),
            "sketch_worker": s["worker"],
            "apply_worker": a["worker"],
        })
    return {
        "format": "safi-dask-summary",
        "version": 2,
        "shards": len(shards),
        "workers": workers,
        "fan_in": fan_in,
        "merge_tasks": len(merges),
        "documents_in": documents_in,
        "documents_out": documents_out,
        "bytes_in": bytes_in,
        "bytes_out": bytes_out,
        "removals_by_reason": dict(sorted(removals.items())),
        "state": {
            "path": root["state"],
            "bytes": root["bytes"],
            "documents": root["documents"],
            "sites": root["sites"],
            "line_keys": root["line_keys"],
            "lead_lines": root["lead_lines"],
        },
        "seconds": {
            "total": round(seconds, 3),
            "sketch": round(span(sketches), 3),
            "merge": round(span(merges), 3),
            "apply": round(span(applies), 3),
        },
        "task_seconds": {
            "sketch": round(sum(s["end"] - s["start"] for s in sketches), 3),
            "merge": round(sum(m["end"] - m["start"] for m in merges), 3),
            "apply": round(sum(a["end"] - a["start"] for a in applies), 3),
        },
        "cpu_seconds": {
            "sketch": round(sum(s["cpu"] for s in sketches), 3),
            "merge": round(sum(m["cpu"] for m in merges), 3),
            "apply": round(sum(a["cpu"] for a in applies), 3),
        },
        "documents_per_second": round(documents_in / seconds, 1) if seconds > 0 else None,
        "bytes_per_second": round(bytes_in / seconds) if seconds > 0 else None,
        "per_shard": per_shard,
    }


def parse_args(argv):
    """Parses the command line (argparse exits with status 2 on errors)."""
    parser = argparse.ArgumentParser(
        prog="safi-dask",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("shards", nargs="+", metavar="SHARD_GLOB",
                        help="JSONL shards: file names or glob patterns (quote them)")
    parser.add_argument("-o", "--output-dir", required=True, metavar="OUT",
                        help="directory for the output shards, reports/, states/ and summary.json")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of a running Dask scheduler, e.g. tcp://scheduler-host:8786")
    where.add_argument("--local-workers", type=int, metavar="N",
                       help="start a LocalCluster of N worker processes on this machine "
                            "(loopback only); the default without --scheduler, with N = CPUs")
    parser.add_argument("--safi", default="safi",
                        help="the safi command on the workers (default: safi on PATH)")
    parser.add_argument("--fan-in", type=int, default=8, metavar="K",
                        help="states merged per merge task (default 8, at least 2)")
    parser.add_argument("--keep-states", action="store_true",
                        help="keep the per-shard and intermediate states in OUT/states")
    parser.add_argument("--text-field", metavar="NAME", help="JSONL field holding the text (safi's default: text)")
    parser.add_argument("--id-field", metavar="NAME", help="JSONL field holding the id (safi's default: id)")
    parser.add_argument("--url-field", metavar="NAME", help="JSONL field holding the URL (safi's default: url)")
    parser.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                        help="how long to wait for the scheduler and a first worker (default 60)")
    args = parser.parse_args(argv)
    if args.fan_in < 2:
        parser.error("--fan-in must be at least 2")
    if args.local_workers is not None and args.local_workers < 1:
        parser.error("--local-workers must be at least 1")
    return args


def main(argv):
    """Runs the driver with the command-line arguments argv; returns the exit
    status (0, 1 when a task or the cluster fails, 2 for usage errors)."""
    args = parse_args(argv)
    try:
        shards = expand_shards(args.shards)
    except ValueError as e:
        print(f"safi-dask: {e}", file=sys.stderr)
        return EXIT_USAGE
    out_dir = os.path.abspath(args.output_dir)
    outputs = {os.path.join(out_dir, os.path.basename(s)) for s in shards}
    if outputs & set(shards):
        print(f"safi-dask: {out_dir} holds the input shards; choose another output directory",
              file=sys.stderr)
        return EXIT_USAGE
    safi = os.path.abspath(args.safi) if os.sep in args.safi else args.safi
    field_options = []
    for option, value in (("--text-field", args.text_field), ("--id-field", args.id_field),
                          ("--url-field", args.url_field)):
        if value is not None:
            field_options += [option, value]
    for sub in ("", "states", "reports"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)

    from distributed import Client, LocalCluster  # pylint: disable=import-outside-toplevel

    cluster = None
    try:
        if args.scheduler:
            client = Client(args.scheduler, timeout=args.timeout)
        else:
            cluster = LocalCluster(
                n_workers=args.local_workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            client = Client(cluster, timeout=args.timeout)
        with client:
            client.wait_for_workers(1, timeout=args.timeout)
            workers = len(client.scheduler_info()["workers"])
            start = time.time()
            futures = submit_pipeline(client, safi, field_options, shards, out_dir, args.fan_in)
            sketches, merges, root, applies = client.gather(list(futures))
            seconds = time.time() - start
    except Exception as e:  # pylint: disable=broad-except
        # A task's exception comes back re-raised here (SafiError as rebuilt
        # by the workers' pickling, KilledWorker, ...), as do connection
        # errors: each ends the run with one line.
        print(f"safi-dask: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if cluster is not None:
            cluster.close()

    if not args.keep_states:
        for result in sketches + merges:
            if result["state"] != root["state"]:
                os.unlink(result["state"])
    summary = build_summary(shards, out_dir, workers, args.fan_in, sketches, merges, root,
                            applies, seconds)
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(
        f"safi-dask: {len(shards)} shards on {workers} workers: "
        f"{summary['documents_in']} -> {summary['documents_out']} documents, "
        f"{summary['bytes_in']} -> {summary['bytes_out']} bytes in {seconds:.2f} s; "
        f"merged state {root['bytes']} bytes; summary in {os.path.join(out_dir, 'summary.json')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
