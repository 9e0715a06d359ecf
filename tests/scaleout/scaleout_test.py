#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Scale-out tests: the Dask driver on a real LocalCluster (also with a worker killed mid-run) and the README's xargs and GNU parallel recipes give the one-shot `safi dedup` bytes."""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

SKIP = 77  # CTest SKIP_RETURN_CODE
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DRIVER = os.path.join(SOURCE_DIR, "cli", "dask", "safi_dask.py")
README = os.path.join(SOURCE_DIR, "README.md")
# Seconds any one command may take before the test fails instead of hanging.
COMMAND_TIMEOUT = 120
# Uneven shard sizes (documents), 10 shards of the 1,200-document crawl.
SHARD_SIZES = [40, 200, 60, 150, 90, 210, 30, 170, 120, 130]

try:
    import dask
    from distributed import LocalCluster
except ImportError as error:
    print(f"SKIP: {sys.executable} cannot import distributed ({error}); "
          "install python3-distributed (.ci/install-deps does)")
    sys.exit(SKIP)

ARGS = None  # the command line: --safi and --crawl


def run(argv, **kwargs):
    """Runs argv with the command timeout; fails the test with the command's
    output if it exits with a non-zero status."""
    result = subprocess.run(argv, capture_output=True, timeout=COMMAND_TIMEOUT, check=False,
                            **kwargs)
    if result.returncode != 0:
        raise AssertionError(f"{argv} exited with {result.returncode}:\n"
                             f"{result.stdout.decode()}\n{result.stderr.decode()}")
    return result


def read(path):
    """Returns the bytes of the file at path."""
    with open(path, "rb") as f:
        return f.read()


def sorted_by_id(jsonl):
    """Returns the JSONL bytes with their lines sorted by the records' ids."""
    lines = jsonl.splitlines(keepends=True)
    return b"".join(sorted(lines, key=lambda line: json.loads(line)["id"]))


def readme_block(marker):
    """Returns the first ```sh code block of the README that contains
    marker."""
    with open(README, encoding="utf-8") as f:
        for block in re.findall(r"^```sh\n(.*?)^```", f.read(), re.M | re.S):
            if marker in block:
                return block
    raise AssertionError(f"README.md has no sh code block with {marker!r}")


class ScaleOutTest(unittest.TestCase):
    """One crawl cut into uneven shards and its one-shot output; one
    LocalCluster of three worker processes shared by the tests."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="safi-scaleout.")
        # Dask's worker scratch space: here and in the drivers' own clusters.
        dask.config.set({"temporary-directory": cls.tmp})
        os.environ["DASK_TEMPORARY_DIRECTORY"] = cls.tmp
        crawl = os.path.join(cls.tmp, "crawl.jsonl")
        run([ARGS.crawl, "--pages", str(sum(SHARD_SIZES)), "--sites", "10", "--seed", "5",
             "-o", crawl, "--labels", os.path.join(cls.tmp, "labels.jsonl")])
        one_shot_report = os.path.join(cls.tmp, "one.report")
        cls.one_shot = run([ARGS.safi, "dedup", "--report", one_shot_report, crawl]).stdout
        cls.one_shot_report = read(one_shot_report)
        lines = read(crawl).splitlines(keepends=True)
        assert len(lines) == sum(SHARD_SIZES)
        cls.shard_dir = os.path.join(cls.tmp, "shards")
        os.mkdir(cls.shard_dir)
        cls.shard_of = {}
        start = 0
        for i, size in enumerate(SHARD_SIZES):
            name = f"part-{i:02d}.jsonl"
            with open(os.path.join(cls.shard_dir, name), "wb") as f:
                f.writelines(lines[start:start + size])
            for line in lines[start:start + size]:
                cls.shard_of[json.loads(line)["id"]] = name
            start += size
        cls.cluster = LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)

    @classmethod
    def tearDownClass(cls):
        cls.cluster.close()
        shutil.rmtree(cls.tmp)

    def run_driver(self, out, *options, safi=None):
        """Runs the driver on the shards into out; returns its summary."""
        run([sys.executable, DRIVER, "--safi", safi or ARGS.safi, "-o", out, *options,
             os.path.join(self.shard_dir, "part-*.jsonl")])
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            return json.load(f)

    def assert_one_shot_output(self, out):
        """Checks that the output and report shards in out, in shard order,
        are the one-shot output and report byte for byte, and the output
        sorted by id too."""
        names = sorted(os.listdir(self.shard_dir))
        output = b"".join(read(os.path.join(out, n)) for n in names)
        report = b"".join(read(os.path.join(out, "reports", n)) for n in names)
        self.assertEqual(sorted_by_id(output), sorted_by_id(self.one_shot))
        self.assertEqual(output, self.one_shot)
        self.assertEqual(report, self.one_shot_report)

    def test_crawl_has_duplicates_across_shards(self):
        # Without these the merge would not matter to the comparisons.
        across = 0
        for line in self.one_shot_report.splitlines():
            removal = json.loads(line)
            if removal["reason"] in ("exact_dup", "near_dup"):
                across += self.shard_of[removal["id"]] != self.shard_of[removal["kept"]]
        self.assertGreaterEqual(across, 10)

    def test_dask_driver_equals_one_shot(self):
        out = os.path.join(self.tmp, "dask")
        summary = self.run_driver(out, "--scheduler", self.cluster.scheduler_address,
                                  "--fan-in", "3")
        self.assert_one_shot_output(out)
        self.assertEqual(summary["shards"], len(SHARD_SIZES))
        self.assertEqual(summary["workers"], 3)
        # 10 -> 4 -> 2 -> 1 states: 3 + 1 + 1 merge tasks.
        self.assertEqual(summary["merge_tasks"], 5)
        self.assertEqual(summary["documents_in"], sum(SHARD_SIZES))
        self.assertEqual(summary["documents_out"], self.one_shot.count(b"\n"))
        self.assertEqual(summary["bytes_in"], sum(
            os.path.getsize(os.path.join(self.shard_dir, n)) for n in os.listdir(self.shard_dir)))
        self.assertEqual(summary["bytes_out"], len(self.one_shot))
        reasons = {}
        for line in self.one_shot_report.splitlines():
            reason = json.loads(line)["reason"]
            reasons[reason] = reasons.get(reason, 0) + 1
        self.assertEqual(summary["removals_by_reason"], reasons)
        whole_state = os.path.join(self.tmp, "whole.state")
        run([ARGS.safi, "dedup", "sketch", os.path.join(self.tmp, "crawl.jsonl"),
             "-o", whole_state])
        self.assertEqual(read(summary["state"]["path"]), read(whole_state))
        self.assertEqual(summary["state"]["bytes"], os.path.getsize(whole_state))
        self.assertEqual(summary["state"]["documents"], sum(SHARD_SIZES))
        self.assertEqual(os.listdir(os.path.join(out, "states")), ["merged.state"])
        self.assertEqual(sum(s["documents_in"] for s in summary["per_shard"]),
                         sum(SHARD_SIZES))
        self.assertGreater(summary["cpu_seconds"]["apply"], 0)

    def test_killed_worker_gives_the_same_output(self):
        # A stand-in for safi that, the first time it is asked to sketch
        # part-02 and to apply part-05, SIGKILLs the worker process that runs
        # it (its parent) and records that worker's pid.
        markers = os.path.join(self.tmp, "killed")
        os.mkdir(markers)
        wrapper = os.path.join(self.tmp, "safi-killer")
        with open(wrapper, "w", encoding="utf-8") as f:
            f.write(f"""#!/bin/bash
case " $* " in
  *" sketch "*/part-02.jsonl*) marker={markers}/sketch ;;
  *" apply "*/part-05.jsonl*) marker={markers}/apply ;;
  *) exec {ARGS.safi} "$@" ;;
esac
if mkdir "$marker" 2>/dev/null; then
  echo "$PPID" >"$marker/pid"
  kill -KILL "$PPID"
  exit 137
fi
exec {ARGS.safi} "$@"
""")
        os.chmod(wrapper, 0o755)
        out = os.path.join(self.tmp, "killed-run")
        summary = self.run_driver(out, "--scheduler", self.cluster.scheduler_address,
                                  safi=wrapper)
        self.assert_one_shot_output(out)
        self.assertEqual(summary["documents_in"], sum(SHARD_SIZES))
        for phase in ("sketch", "apply"):
            with open(os.path.join(markers, phase, "pid"), encoding="utf-8") as f:
                pid = int(f.read())
            with self.assertRaises(ProcessLookupError, msg=f"worker {pid} ({phase}) is alive"):
                os.kill(pid, 0)

    def test_driver_with_its_own_local_cluster(self):
        out = os.path.join(self.tmp, "local")
        summary = self.run_driver(out, "--local-workers", "2", "--fan-in", "2", "--keep-states")
        self.assert_one_shot_output(out)
        self.assertEqual(summary["workers"], 2)
        self.assertEqual(summary["merge_tasks"], len(SHARD_SIZES) - 1)
        self.assertEqual(len(os.listdir(os.path.join(out, "states"))),
                         len(SHARD_SIZES) + summary["merge_tasks"])

    def test_field_options_reach_safi(self):
        renamed = os.path.join(self.tmp, "renamed")
        os.mkdir(renamed)
        for name in ("part-00.jsonl", "part-01.jsonl"):
            with open(os.path.join(self.shard_dir, name), "rb") as f:
                records = [json.loads(line) for line in f]
            with open(os.path.join(renamed, name), "w", encoding="utf-8") as f:
                for r in records:
                    f.write(json.dumps({"doc": r["id"], "link": r["url"], "body": r["text"]},
                                       ensure_ascii=False) + "\n")
        fields = ["--text-field", "body", "--id-field", "doc", "--url-field", "link"]
        one_shot = run([ARGS.safi, "dedup", *fields, os.path.join(renamed, "part-00.jsonl"),
                        os.path.join(renamed, "part-01.jsonl")]).stdout
        out = os.path.join(self.tmp, "renamed-out")
        run([sys.executable, DRIVER, "--safi", ARGS.safi, "--scheduler",
             self.cluster.scheduler_address, "-o", out, *fields,
             os.path.join(renamed, "*.jsonl")])
        output = read(os.path.join(out, "part-00.jsonl")) + read(os.path.join(out, "part-01.jsonl"))
        self.assertEqual(output, one_shot)
        self.assertIn(b'"body":', output)

    def test_failing_shard_fails_the_run(self):
        bad_dir = os.path.join(self.tmp, "bad")
        os.mkdir(bad_dir)
        shutil.copy(os.path.join(self.shard_dir, "part-00.jsonl"), bad_dir)
        with open(os.path.join(bad_dir, "part-01.jsonl"), "wb") as f:
            f.write(b'{"id":"x","text":"a"}\n{"id":\n')
        result = subprocess.run(
            [sys.executable, DRIVER, "--safi", ARGS.safi, "--scheduler",
             self.cluster.scheduler_address, "-o", os.path.join(self.tmp, "bad-out"),
             os.path.join(bad_dir, "*.jsonl")],
            capture_output=True, timeout=COMMAND_TIMEOUT, check=False)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr.decode(), r"part-01\.jsonl:2: malformed JSON")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad-out", "summary.json")))

    def test_driver_usage_errors(self):
        result = subprocess.run(
            [sys.executable, DRIVER, "-o", os.path.join(self.tmp, "none"),
             os.path.join(self.tmp, "no-such-*.jsonl")],
            capture_output=True, timeout=COMMAND_TIMEOUT, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"no file matches", result.stderr)
        result = subprocess.run([sys.executable, DRIVER, "--help"], capture_output=True,
                                timeout=COMMAND_TIMEOUT, check=False)
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"--scheduler", result.stdout)

    def run_readme_recipe(self, marker):
        """Runs the README's sh block containing marker in a directory with
        shards/ and safi on PATH; returns that directory."""
        work = tempfile.mkdtemp(prefix="recipe.", dir=self.tmp)
        shutil.copytree(self.shard_dir, os.path.join(work, "shards"))
        env = dict(os.environ, PATH=os.path.dirname(ARGS.safi) + os.pathsep + os.environ["PATH"])
        run(["bash", "-euo", "pipefail", "-c", readme_block(marker)], cwd=work, env=env,
            stdin=subprocess.DEVNULL)
        return work

    def test_xargs_recipe(self):
        self.assert_one_shot_output(os.path.join(self.run_readme_recipe("xargs -P"), "out"))

    def test_gnu_parallel_recipe(self):
        if shutil.which("parallel") is None:
            self.skipTest("GNU parallel is not installed (.ci/install-deps installs it)")
        self.assert_one_shot_output(os.path.join(self.run_readme_recipe("parallel -j"), "out"))


def main():
    """Parses --safi and --crawl, then runs the tests with unittest."""
    global ARGS  # pylint: disable=global-statement
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--safi", required=True, help="the built safi command")
    parser.add_argument("--crawl", required=True, help="the built safi-eval-crawl command")
    ARGS, rest = parser.parse_known_args()
    ARGS.safi = os.path.abspath(ARGS.safi)
    ARGS.crawl = os.path.abspath(ARGS.crawl)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
