#!/usr/bin/env python3
"""The tables of bench-compare.sh and bench-builds.sh: medians over alternated runs of `cnnlab bench --json` (and of
its peers, bench-pytorch.py and tools/djl-bench), per model and metric, and their ratios. Each run's JSON is
OUT/<side>-<run>.json; each side's environment, as it describes it, OUT/env-<side>.txt.

Usage:
  scripts/bench-table.py compare OUT RUNS PLAIN PEER_ENV   cnnlab against its peers; PLAIN is 1 when OUT has the
                                                           runs without backprop shortcuts, PEER_ENV the VAR=VALUE
                                                           of a cnnlab run with that variable ("" for none)
  scripts/bench-table.py markdown OUT RUNS FILE COMMAND    the same table, the environments and a five-row summary,
                                                           written into FILE between its bench-compare markers
  scripts/bench-table.py builds OUT RUNS OLD NEW           two builds of cnnlab (OUT/old-*, OUT/new-*)
  scripts/bench-table.py variants OUT RUNS V1,V2,..        cnnlab against itself with one speed-up off in each
                                                           variant (OUT/cnnlab-*, OUT/V1-*, ...), bench-speedups.sh
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

# (side, its name in tables): the peers cnnlab is compared with.
PEERS = [("pytorch", "PyTorch 1.13 (Debian)"), ("djl", "DJL 0.36 + PyTorch 2.7.1")]
MEMORY = "peak_rss_mb"

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


def best(values, key):
    """The best of (peer name, value) pairs: the fastest, or for peak memory the smallest."""
    found = [(name, v) for name, v in values if v is not None]
    if not found:
        return None, None
    return (min if key == MEMORY else max)(found, key=lambda nv: nv[1])


def rows(out, runs):
    """Per model and metric: cnnlab's median, each peer's, the best peer's name and value."""
    cnnlab = load(out, "cnnlab", runs)
    peers = [(title, load(out, side, runs)) for side, title in PEERS]
    result = []
    for model in cnnlab[0]:
        for key, peer_key, label in METRICS:
            c = median(cnnlab, model, key)
            if c is None and key != peer_key:
                continue
            p = [(title, median(results, model, peer_key)) for title, results in peers]
            result.append((model, key, label, c, p, best(p, key)))
    return result


def compare(out, runs, with_plain, peer_env):
    cnnlab = load(out, "cnnlab", runs)
    # (results, column title, ratio title) of each cnnlab variant asked for
    variants = ([(load(out, "plain", runs), "cnnlab without shortcuts", "shortcuts' gain")] if with_plain else []) \
        + ([(load(out, "peer", runs), f"cnnlab with {peer_env}", f"cnnlab / with {peer_env}")] if peer_env else [])
    print(table(out, runs, variants, cnnlab))
    print()
    print(environments(out))


def table(out, runs, variants=(), cnnlab=None):
    lines = [f"medians of {runs} run(s); ratio = cnnlab / peer; speed above 1: cnnlab is faster; peak RSS above 1: "
             "cnnlab needs more; best peer = the fastest (peak RSS: the smallest)", ""]
    head = "| model | metric | cnnlab | " + " | ".join(title for _, title in PEERS) \
        + " | best peer | cnnlab / best peer | " + " | ".join(f"cnnlab / {title.split()[0]}" for _, title in PEERS) \
        + " |" + "".join(f" {title} | {gain} |" for _, title, gain in variants)
    lines += [head, "|---|---|---:|" + "---:|" * len(PEERS) + "---|---:|" + "---:|" * len(PEERS)
              + "---:|---:|" * len(variants)]
    for model, key, label, c, peers, (best_name, best_value) in rows(out, runs):
        row = f"| {model} | {label} | {fmt(c)} | " + " | ".join(fmt(v) for _, v in peers) \
            + f" | {best_name.split()[0] if best_name else 'n/a'} | {ratio(c, best_value)} | " \
            + " | ".join(ratio(c, v) for _, v in peers) + " |"
        for results, _, _ in variants:
            v = median(results, model, key)
            row += f" {fmt(v)} | {ratio(c, v)} |"
        lines.append(row)
    lines.append("")
    sides = [("cnnlab", load(out, "cnnlab", runs))] + [(title.split()[0], load(out, side, runs)) for side, title in PEERS]
    for model in sides[0][1][0]:
        lines.append(f"{model} training img/s, run by run: " + "; ".join(
            f"{name} " + ", ".join(fmt(v) for v in values(results, model, "train_img_s")) for name, results in sides)
            + "  ")
    return "\n".join(lines)


def environments(out):
    lines = []
    for side, title in [("cnnlab", "cnnlab (DL4J 1.0.0-M2.1, scripts/cnnlab)")] + PEERS:
        path = out / f"env-{side}.txt"
        text = path.read_text().rstrip() if path.exists() else "  (not recorded)"
        lines += [f"{title}:", text]
    return "\n".join(lines)


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
        name = re.search(r"^model name\s*:\s*(.*)$", info, re.M)
        family = re.search(r"^cpu family\s*:\s*(\d+)$", info, re.M)
        number = re.search(r"^model\s*:\s*(\d+)$", info, re.M)
        avx512 = " avx512f" in info
        model = (f"{name.group(1) if name else '?'} (family {family.group(1) if family else '?'}, model "
                 f"{number.group(1) if number else '?'}{', AVX-512' if avx512 else ''})")
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {model}, {platform.system()} {platform.machine()}"


def commit():
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, check=True).stdout.strip()
        return rev.stdout.strip() + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def summary(out, runs):
    """Five rows for the README: training, inference at batch 1 and 256, peak memory, and how it was measured."""
    found = {(model, key): (c, p, b) for model, key, _, c, p, b in rows(out, runs)}
    models = list(load(out, "cnnlab", runs)[0])

    def cell(model, key, unit):
        if (model, key) not in found:
            return "n/a"
        c, peers, (name, value) = found[(model, key)]
        if key == MEMORY:
            torch = dict(peers).get(PEERS[0][1])
            return f"{fmt(c)} {unit}, {ratio(c, torch)}x PyTorch's"
        return f"{fmt(c)} {unit}, {ratio(c, value)}x {name.split()[0] if name else 'n/a'}"

    lines = ["| cnnlab, 2 cores | " + " | ".join(models) + " |", "|---|" + "---|" * len(models)]
    for key, label, unit in (("train_img_s", "training, batch 64", "img/s"),
                             ("infer_b1_img_s", "inference, batch 1", "img/s"),
                             ("infer_b256_img_s", "inference, batch 256", "img/s"),
                             (MEMORY, "peak memory while measured", "MB")):
        lines.append(f"| {label} | " + " | ".join(cell(m, key, unit) for m in models) + " |")
    lines.append("| against | " + " | ".join("the best of " + " and ".join(t for _, t in PEERS)
                                              if i == 0 else "" for i in range(len(models))) + " |")
    return "\n".join(lines)


def replace_block(text, name, block):
    begin, end = f"<!-- bench-compare:{name}:begin -->", f"<!-- bench-compare:{name}:end -->"
    if begin not in text or end not in text:
        sys.exit(f"bench-table: the file has no {begin} ... {end} block")
    head, rest = text.split(begin, 1)
    return head + begin + "\n" + block.rstrip() + "\n" + end + rest.split(end, 1)[1]


def markdown(out, runs, file, command):
    recorded = out / "commit.txt"
    measured = recorded.read_text().strip() if recorded.exists() else commit()
    load = out / "load.txt"
    busy = ("; load averages (1, 5, 15 min) " + ", ".join(load.read_text().split("\n")).strip(", ")
            if load.exists() else "")
    generated = (f"Generated by `{command}` at commit {measured} on {machine()}{busy}.\n\n"
                 + table(out, runs) + "\n\nEach side's environment, as it describes itself:\n\n```\n"
                 + environments(out) + "\n```")
    loaded = ""
    if load.exists():
        # The 1-minute averages (the longer ones still count jobs that ended before the comparison began), against
        # the cores plus one: the sides themselves keep every core busy.
        figures = [float(line.split(": ")[1].split()[0]) for line in load.read_text().splitlines() if ": " in line]
        if figures and max(figures) > (os.cpu_count() or 1) + 1:
            loaded = (" The machine was busy with other jobs (load above its cores): the peers, whose OpenMP "
                      "threads spin, lose far more from that than cnnlab, so these speed ratios overstate cnnlab's "
                      "lead; see the notes under the full table.")
    said = (summary(out, runs) + f"\n\nMedians of {runs} alternated runs of `{command}` at commit {measured}, on 2 "
            f"cores{busy}; details in {{details}}.{loaded}")
    text = Path(file).read_text()
    text = replace_block(text, "table", generated)
    text = replace_block(text, "summary", said.format(details="the full table below"))
    Path(file).write_text(text)
    # The README embeds the same summary, so that its figures never differ from this page's.
    readme = Path(file).resolve().parent.parent / "README.md"
    if readme.exists() and "<!-- bench-compare:summary:begin -->" in readme.read_text():
        text = replace_block(readme.read_text(), "summary", said.format(details="[Performance](docs/performance.md)"))
        readme.write_text(text)


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


def variants(out, runs, names):
    cnnlab = load(out, "cnnlab", runs)
    others = [(name, load(out, name, runs)) for name in names]
    print(f"medians of {runs} run(s); ratio = cnnlab / cnnlab with the speed-up off (speed: above 1, it helps)")
    print()
    print("| model | metric | cnnlab | " + " | ".join(f"{n} | ratio" for n, _ in others) + " |")
    print("|---|---|---:|" + "---:|---:|" * len(others))
    for model in cnnlab[0]:
        for key, _, label in METRICS:
            c = median(cnnlab, model, key)
            if c is None:
                continue
            print(f"| {model} | {label} | {fmt(c)} | "
                  + " | ".join(f"{fmt(median(r, model, key))} | {ratio(c, median(r, model, key))}" for _, r in others)
                  + " |")
    print()
    for model in cnnlab[0]:
        print(f"{model} training, run by run: " + "; ".join(
            f"{n} " + ", ".join(fmt(v) for v in values(r, model, "train_img_s"))
            for n, r in [("cnnlab", cnnlab)] + others))


def main(args):
    if len(args) == 5 and args[0] == "markdown":
        markdown(Path(args[1]), int(args[2]), args[3], args[4])
    elif len(args) == 5 and args[0] == "compare":
        compare(Path(args[1]), int(args[2]), args[3] == "1", args[4])
    elif len(args) == 4 and args[0] == "variants":
        variants(Path(args[1]), int(args[2]), [n for n in args[3].split(",") if n])
    elif len(args) == 5 and args[0] == "builds":
        builds(Path(args[1]), int(args[2]), args[3], args[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
