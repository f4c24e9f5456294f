#!/usr/bin/env python3
"""Runs one Tape parameter search as N shards on a Dask distributed cluster, then merges.

usage: dask-sweep.py --scheduler ADDRESS --shards N --setup 'COMMANDS' --search 'optimize ...'
                     [--tape PATH] [--out DIR] [--merge-tape PATH]

Each shard is one Dask task: on a worker it runs
    tape -c 'SETUP; SEARCH shard I/N out "FILE"'
and sends the shard file's bytes back, so workers need no shared folder, only Tape at
--tape and the data SETUP loads (the same file path, a store or an s3:// prefix on every
worker). The driver writes the files into --out and runs `optimize merge` on them with
its own Tape, printing what a single machine would have printed. A shard from another
search (other data on some worker, say) makes the merge fail, never a wrong result.

The shards are deterministic and independent: the same commands run as Slurm array
tasks or Kubernetes indexed jobs (docs/BACKTEST.md, "Sweeps on a cluster").
"""
import argparse, os, subprocess, sys


def run_shard(tape, setup, search, index, count):
    """On a worker: one shard; returns (index, the worker's name, file bytes)."""
    import tempfile
    from distributed import get_worker
    with tempfile.TemporaryDirectory(prefix="tape-shard-") as work:
        name = "shard-%d-of-%d.json" % (index, count)
        path = os.path.join(work, name)
        # A relative name in a folder of its own: written wherever the session may write.
        line = '%s; %s shard %d/%d out "%s"' % (setup, search, index, count, name)
        done = subprocess.run([tape, "--no-record", "-c", line], capture_output=True, text=True, cwd=work)
        if done.returncode != 0 or not os.path.exists(path):
            raise RuntimeError("shard %d/%d failed: %s%s" % (index, count, done.stdout, done.stderr))
        with open(path, "rb") as f:
            return index, get_worker().name, f.read()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scheduler", required=True, help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--shards", type=int, required=True, help="how many slices (at least the workers' threads)")
    p.add_argument("--setup", default="", help="commands before the search on every worker, e.g. load GOOG from \"/data/GOOG.csv\"")
    p.add_argument("--search", required=True, help="the optimize command, without shard")
    p.add_argument("--tape", default="tape", help="Tape on the workers")
    p.add_argument("--merge-tape", default=None, help="Tape here for the merge (default --tape)")
    p.add_argument("--out", default="shards", help="folder for the shard files")
    a = p.parse_args()
    if a.shards < 1:
        sys.exit("dask-sweep: --shards must be at least 1")
    from distributed import Client
    os.makedirs(a.out, exist_ok=True)
    with Client(a.scheduler) as client:
        futures = client.map(run_shard, [a.tape] * a.shards, [a.setup] * a.shards, [a.search] * a.shards,
                             range(1, a.shards + 1), [a.shards] * a.shards, pure=False)
        files = []
        for index, worker, body in client.gather(futures):
            print("shard %d/%d ran on %s" % (index, a.shards, worker), file=sys.stderr)
            path = os.path.join(a.out, "shard-%d-of-%d.json" % (index, a.shards))
            with open(path, "wb") as f:
                f.write(body)
            files.append(path)
    merge = "optimize merge " + " ".join('"%s"' % f for f in sorted(files))
    done = subprocess.run([a.merge_tape or a.tape, "--no-record", "-c", merge])
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
