#!/usr/bin/env python3
"""The tables of bench-compare.sh and bench-builds.sh: medians over alternated runs of `cnnlab bench --json` (and of
bench-pytorch.py), per model and metric, and their ratios. Each run's JSON is OUT/<side>-<run>.json.

Usage:
  scripts/bench-table.py compare OUT RUNS PLAIN PEER_ENV   cnnlab against PyTorch; PLAIN is 1 when OUT has the
                                                           runs without backprop shortcuts, PEER_ENV the VAR=VALUE
                                                           of a peer run ("" for none)
  scripts/bench-table.py builds OUT RUNS OLD NEW           two builds of cnnlab (OUT/old-*, OUT/new-*)
"""
import json
import statistics
import sys
from pathlib import Path

# (cnnlab's key, the peer's key, label): cnnlab's batch 1 is its Java forward pass; DL4J's own output() is shown too,
# against the same PyTorch figure.
METRICS = [("train_img_s", "train_img_s", "train img/s"), ("infer_b1_img_s", "infer_b1_img_s", "infer b1 img/s"),
           ("infer_b1_dl4j_img_s", "infer_b1_img_s", "infer b1 img/s, DL4J output()"),
           ("infer_b256_img_s", "infer_b256_img_s", "infer b256 img/s"), ("peak_rss_mb", "peak_rss_mb", "peak RSS MB")]


def load(out, side, runs):
    return [json.loads((out / f"{side}-{i}.json").read_text()) for i in range(1, runs + 1)]


def values(results, model, key):
    return [r[model][key] for r in results if r.get(model, {}).get(key) is not None]


def median(results, model, key):
    found = values(results, model, key)
    return statistics.median(found) if found else None


def fmt(value):
    return "n/a" if value is None else f"{value:,.0f}"


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def compare(out, runs, with_plain, peer_env):
    cnnlab, torch = load(out, "cnnlab", runs), load(out, "pytorch", runs)
    # (results, column title, ratio title) of each cnnlab peer asked for
    peers = ([(load(out, "plain", runs), "cnnlab without shortcuts", "shortcuts' gain")] if with_plain else []) \
        + ([(load(out, "peer", runs), f"cnnlab with {peer_env}", f"cnnlab / with {peer_env}")] if peer_env else [])
    print(f"medians of {runs} run(s); ratio = cnnlab / PyTorch"
          + ("; shortcuts' gain = cnnlab / cnnlab without backprop shortcuts" if with_plain else ""))
    print()
    print("| model | metric | cnnlab | PyTorch | ratio |" + "".join(f" {title} | {gain} |" for _, title, gain in peers))
    print("|---|---|---:|---:|---:|" + "---:|---:|" * len(peers))
    for model in cnnlab[0]:
        for key, torch_key, label in METRICS:
            c, t = median(cnnlab, model, key), median(torch, model, torch_key)
            if c is None and key != torch_key:
                continue
            row = f"| {model} | {label} | {fmt(c)} | {fmt(t)} | {ratio(c, t)} |"
            for results, _, _ in peers:
                p = median(results, model, key)
                row += f" {fmt(p)} | {ratio(c, p)} |"
            print(row)


def builds(out, runs, old_rev, new_rev):
    old, new = load(out, "old", runs), load(out, "new", runs)
    print(f"medians of {runs} run(s); ratio = new ({new_rev}) / old ({old_rev})")
    print()
    print("| model | metric | old | new | ratio |")
    print("|---|---|---:|---:|---:|")
    for model in new[0]:
        for key, _, label in METRICS:
            o, n = median(old, model, key), median(new, model, key)
            if o is None and n is None:
                continue
            print(f"| {model} | {label} | {fmt(o)} | {fmt(n)} | {ratio(n, o)} |")
    print()
    for model in new[0]:
        for side, results in (("old", old), ("new", new)):
            print(f"{model} training, {side}: " + ", ".join(fmt(v) for v in values(results, model, "train_img_s")))


def main(args):
    if len(args) == 5 and args[0] == "compare":
        compare(Path(args[1]), int(args[2]), args[3] == "1", args[4])
    elif len(args) == 5 and args[0] == "builds":
        builds(Path(args[1]), int(args[2]), args[3], args[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
