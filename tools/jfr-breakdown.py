#!/usr/bin/env python3
"""Where the time under one method goes, from a JFR recording: each sample (Java and native) whose stack contains
ROOT is counted under the three frames of DL4J, ND4J's updaters and activations, or cnnlab nearest to the leaf, and
the shares are printed largest first. JFR samples Java threads only, so OpenMP's native threads are not counted:
the shares are of the calling thread's time.

Usage: tools/jfr-breakdown.py RECORDING.jfr [--root METHOD] [--top N]
  --root METHOD   only samples under this frame (default MultiLayerNetwork.fit: training steps)
  --top N         lines to print (default 20)

Example (the training breakdown in docs/performance.md):
  JDK_JAVA_OPTIONS=-XX:StartFlightRecording=filename=train.jfr,settings=profile \\
      scripts/cnnlab bench --models lenet --seconds 8 --in-process
  tools/jfr-breakdown.py train.jfr
"""
import argparse
import collections
import json
import subprocess
import sys

OWN = ("org.deeplearning4j", "dev.cnnlab", "org.nd4j.linalg.learning", "org.nd4j.linalg.activations")


def main():
    parser = argparse.ArgumentParser(description="Shares of JFR samples under a method, by DL4J/cnnlab frames.")
    parser.add_argument("recording")
    parser.add_argument("--root", default="MultiLayerNetwork.fit")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    try:
        printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                                  "jdk.ExecutionSample,jdk.NativeMethodSample", args.recording],
                                 check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"jfr-breakdown: {args.recording}: cannot read the recording with 'jfr print' ({e})")
    shares = collections.Counter()
    total = 0
    for event in json.loads(printed)["recording"]["events"]:
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in event["values"]["stackTrace"]["frames"]]
        if not any(args.root in f for f in frames):
            continue
        total += 1
        own = [".".join(f.split(".")[-2:]) for f in frames if f.startswith(OWN)]
        shares[" < ".join(own[:3]) if own else frames[0]] += 1
    if total == 0:
        sys.exit(f"jfr-breakdown: no samples under {args.root} in {args.recording}")
    print(f"{total} samples under {args.root}")
    for frames, count in shares.most_common(args.top):
        print(f"{100 * count / total:5.1f}%  {frames}")


if __name__ == "__main__":
    main()
