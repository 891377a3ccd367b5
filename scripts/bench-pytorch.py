#!/usr/bin/python3
"""PyTorch counterpart of `cnnlab bench`: the same networks, data, batch size, threads and measurement.

Usage: /usr/bin/python3 scripts/bench-pytorch.py [--models lenet,keras-mnist,catsdogs] [--seconds 10] [--windows 5]
                                               [--batch-size 64] [--seed 42] [--json FILE]

Run it with Debian's python3 (`apt-get install -y python3-torch`, PyTorch 1.13): a pyenv `python3` earlier on PATH
does not see Debian's modules. It writes the JSON `cnnlab bench --json` writes:
    {"<model>": {"train_img_s": .., "infer_b1_img_s": .., "infer_b256_img_s": .., "peak_rss_mb": ..}}

Measured exactly as cnnlab does (dev.cnnlab.bench): the first 6,400 MNIST training images, scaled to [0, 1] and cut
into ready-made batches that are cycled through (for `catsdogs`, as cnnlab's BenchImages: as many cats-vs-dogs training
photos as fit in the same 20 MB of floats, 408 at the recipe's 64x64x3, half cats and half dogs, decoded to RGB and
resized bilinearly; the same count and size as cnnlab's pool, not necessarily the same photos, which does not change
the speed); each measurement is a warm-up of half the timed seconds, then the
timed seconds split into equal windows; the result is the median window's images/s. Training is forward, backward and
an Adam (lr 1e-3) step with cross-entropy; inference is forward under torch.no_grad() in eval mode (dropout off).
Each model runs in a process of its own, as in cnnlab, so its peak memory (ru_maxrss) is its own.

Configuration: PyTorch as a user who installed it runs it, plus only what its own documentation recommends for CPU
speed; nothing of cnnlab's environment (`--describe` prints what is in force):
  - threads: torch.set_num_threads(physical cores), the default PyTorch documents and its CPU performance-tuning guide
    recommends (Debian's 1.13 build otherwise starts with 1 thread here). OMP_NUM_THREADS, OMP_WAIT_POLICY and
    OPENBLAS_CORETYPE are left as the user's environment has them: this script sets none of them.
  - BLAS: Debian's libtorch links the generic libblas.so.3; the system alternative decides which library that is.
    scripts/bench-compare.sh installs libopenblas0, the first BLAS that Debian's libtorch1.13 package recommends, as
    an ordinary package (apt-get install), so a plain `apt-get install python3-torch libopenblas0` gives the same.
  - oneDNN (torch.backends.mkldnn) is on, PyTorch's default; inference runs under torch.no_grad() in eval mode, as
    PyTorch's tuning guide says. CNNLAB_BENCH_NO_MKLDNN=1 turns oneDNN off, to see what it gives.
"""

import argparse
import json
import os
import resource
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POOL_SIZE = 6400  # as dev.cnnlab.bench.ImagePool.MNIST_SIZE
FLOAT_BUDGET = POOL_SIZE * 28 * 28  # as ImagePool: a photo pool holds as many floats as the MNIST pool
LARGE_BATCH = 256
MODELS = ("lenet", "keras-mnist", "catsdogs")
PHOTO_INPUT = {"catsdogs": (3, 64, 64)}  # the input of the recipe that trains it on cats vs dogs
WORKER_ENV = "CNNLAB_BENCH_PYTORCH_WORKER"  # set in the per-model child processes


# --- environment: must be right before torch (and its libgomp / BLAS) loads, so children get it -------------------

def cores():
    """Physical cores this process may run on: PyTorch's documented default for its intra-op threads."""
    try:
        allowed = len(os.sched_getaffinity(0))
    except AttributeError:
        allowed = os.cpu_count() or 1
    try:
        import psutil
        physical = psutil.cpu_count(logical=False) or allowed
    except ImportError:
        physical = allowed
    return max(1, min(allowed, physical))


def worker_environment():
    """The environment of the measuring processes: the user's, unchanged, and the mark of a worker."""
    env = dict(os.environ)
    env[WORKER_ENV] = "1"
    return env


# --- data ----------------------------------------------------------------------------------------------------------

def data_dir(flag):
    if flag:
        return Path(flag)
    if os.environ.get("CNNLAB_DATA", "").strip():
        return Path(os.environ["CNNLAB_DATA"])
    return Path.home() / ".cnnlab" / "data"


def read_idx(path):
    """Reads an IDX file (plain or .gz) as cnnlab's IdxReader does: big-endian header, unsigned bytes."""
    import gzip
    if not path.exists() and Path(str(path) + ".gz").exists():
        path = Path(str(path) + ".gz")
    if not path.exists():
        sys.exit(f"bench-pytorch: {path} is missing; run 'scripts/cnnlab fetch mnist' first")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    zero, dtype, dims = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"bench-pytorch: {path} is not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return shape, raw[4 + 4 * dims:]


def cats_dogs_root(directory):
    """Where cnnlab finds the photos (CatsDogsLocation): $CNNLAB_CATS_DOGS, else DATA/cats-dogs."""
    env = os.environ.get("CNNLAB_CATS_DOGS", "").strip()
    root = Path(env) if env else directory / "cats-dogs"
    if not root.is_dir():
        sys.exit(f"bench-pytorch: no cats-vs-dogs photos in {root}; run 'scripts/cnnlab fetch cats-dogs' or set "
                 "CNNLAB_CATS_DOGS to a folder of <class>/ photos")
    return root


def photo_pool(directory, shape):
    """Cats-vs-dogs training photos as float [N, c, h, w] in [0, 1], N as ImagePool.capacity gives, and their labels."""
    import torch
    from PIL import Image
    channels, height, width = shape
    capacity = max(LARGE_BATCH, min(POOL_SIZE, FLOAT_BUDGET // (channels * height * width)))
    root = cats_dogs_root(directory)
    tree = root / "train" if (root / "train").is_dir() else root
    classes = sorted(p.name for p in tree.iterdir() if p.is_dir())
    files = [sorted(p for p in (tree / c).iterdir() if p.is_file()) for c in classes]
    picked = []
    for i in range(max(len(f) for f in files)):
        for label, f in enumerate(files):
            if i < len(f) and len(picked) < capacity:
                picked.append((f[i], label))
    pixels, labels = [], []
    for path, label in picked:
        try:
            with Image.open(path) as im:
                im = im.convert("RGB" if channels == 3 else "L").resize((width, height), Image.BILINEAR)
                pixels.append(torch.frombuffer(bytearray(im.tobytes()), dtype=torch.uint8))
                labels.append(label)
        except OSError:
            continue  # unreadable, as cnnlab skips it
    x = torch.stack(pixels).reshape(len(pixels), height, width, channels).permute(0, 3, 1, 2).float().div_(255.0)
    return x.contiguous(), torch.tensor(labels, dtype=torch.long)


def image_pool(directory):
    """The first POOL_SIZE training images as float [N, 1, 28, 28] in [0, 1], and their labels."""
    import torch
    shape, pixels = read_idx(directory / "mnist" / "train-images-idx3-ubyte")
    _, labels = read_idx(directory / "mnist" / "train-labels-idx1-ubyte")
    n, rows, cols = shape
    size = rows * cols
    x = torch.frombuffer(bytearray(pixels[:POOL_SIZE * size]), dtype=torch.uint8)
    x = x.reshape(POOL_SIZE, 1, rows, cols).float().div_(255.0)
    y = torch.frombuffer(bytearray(labels[:POOL_SIZE]), dtype=torch.uint8).long()
    return x, y


# --- networks: the same layers as dev.cnnlab.zoo.LeNet, KerasMnistNet and CatsDogsNet -----------------------------

def build(name):
    from torch import nn
    if name == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(50 * 4 * 4, 500), nn.ReLU(),
            nn.Linear(500, 10))  # softmax is inside CrossEntropyLoss, as DL4J fuses softmax + MCXENT
    if name == "keras-mnist":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
            nn.Conv2d(64, 128, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
            nn.Flatten(), nn.Linear(128 * 5 * 5, 128), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(128, 64), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(64, 10))
    if name == "catsdogs":
        # 557,010 trainable parameters + 960 running batch-norm statistics = DL4J's 557,970 (which counts them).
        layers, channels = [], 3
        for filters in (16, 32, 64, 128):
            for _ in range(2):  # CatsDogsNet.CONVS_PER_BLOCK
                # DL4J's batch-norm decay 0.9 is PyTorch's momentum 0.1.
                layers += [nn.Conv2d(channels, filters, 3, padding=1), nn.BatchNorm2d(filters, momentum=0.1), nn.ReLU()]
                channels = filters
            layers.append(nn.MaxPool2d(2))
        return nn.Sequential(*layers, nn.Flatten(), nn.Dropout(0.5), nn.Linear(128 * 4 * 4, 128), nn.ReLU(),
                             nn.Dropout(0.5), nn.Linear(128, 2))
    raise ValueError(name)


# --- measurement: the same as dev.cnnlab.bench.WindowedRate --------------------------------------------------------

def windowed_rates(step, seconds, windows):
    """Warm-up of seconds/2, then `windows` windows of seconds/windows; images/s of each window."""
    def run_for(duration, at_least_once):
        start = time.perf_counter()
        images = steps = 0
        elapsed = 0.0
        while elapsed < duration or (at_least_once and steps == 0):
            images += step()
            steps += 1
            elapsed = time.perf_counter() - start
        return images / max(elapsed, 1e-9)

    run_for(seconds / 2, False)
    return [run_for(seconds / windows, True) for _ in range(windows)]


def cycle(items):
    while True:
        yield from items


def measure(name, args, directory):
    import torch
    torch.set_num_threads(cores())
    if os.environ.get("CNNLAB_BENCH_NO_MKLDNN") == "1":
        torch.backends.mkldnn.enabled = False
    torch.manual_seed(args.seed)
    x, y = photo_pool(directory, PHOTO_INPUT[name]) if name in PHOTO_INPUT else image_pool(directory)
    pool = x.shape[0]
    if args.batch_size > pool:
        sys.exit(f"bench-pytorch: --batch-size: {name}'s pool holds {pool} images, fewer than {args.batch_size}")
    model = build(name)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    b = args.batch_size
    train = cycle([(x[i:i + b].contiguous(), y[i:i + b].contiguous()) for i in range(0, pool - b + 1, b)])

    def train_step():
        xb, yb = next(train)
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(xb), yb).backward()
        optimizer.step()
        return xb.shape[0]

    model.train()
    train_rates = windowed_rates(train_step, args.seconds, args.windows)

    model.eval()
    results = {}
    with torch.no_grad():
        for batch in (1, LARGE_BATCH):
            inputs = cycle([x[i:i + batch].contiguous() for i in range(0, pool - batch + 1, batch)])

            def infer_step():
                xb = next(inputs)
                model(xb)
                return xb.shape[0]

            results[batch] = windowed_rates(infer_step, args.seconds, args.windows)

    for label, rates in (("training at batch %d" % b, train_rates), ("inference at batch 1", results[1]),
                         ("inference at batch %d" % LARGE_BATCH, results[LARGE_BATCH])):
        print(f"{name}: {label}: {[round(r) for r in rates]} img/s per window", file=sys.stderr)
    # ru_maxrss is in KiB on Linux, as VmHWM, which cnnlab reads.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"train_img_s": round(statistics.median(train_rates), 1),
            "infer_b1_img_s": round(statistics.median(results[1]), 1),
            "infer_b256_img_s": round(statistics.median(results[LARGE_BATCH]), 1),
            "peak_rss_mb": round(peak_mb, 1)}


def aten_capability():
    """The vector level of PyTorch's own kernels, from the build summary (1.13 has no API for it)."""
    import torch
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "?"


def openblas_core():
    """The kernel OpenBLAS chose (or was told) for this CPU, when the loaded BLAS is OpenBLAS."""
    import ctypes
    try:
        lib = ctypes.CDLL("libblas.so.3")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return f"OpenBLAS core {lib.openblas_get_corename().decode()}, {lib.openblas_get_num_threads()} thread(s)"
    except (OSError, AttributeError):
        return "not OpenBLAS"


def describe():
    """The runtime facts that decide PyTorch's CPU speed, like cnnlab's NativeSetup.describe."""
    import torch
    blas = "?"
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line}
        blas = ", ".join(sorted(os.path.realpath(p) for p in libs)) or "none loaded yet"
    except OSError:
        pass
    env = " ".join(f"{name}={os.environ.get(name, 'unset')}" for name in
                   ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS",
                    "ATEN_CPU_CAPABILITY"))
    lines = [
        f"torch {torch.__version__}, threads {torch.get_num_threads()}, inter-op threads "
        f"{torch.get_num_interop_threads()}, Python {sys.version.split()[0]}",
        f"environment: {env}",
        f"BLAS: {blas} ({openblas_core()})",
        f"oneDNN: available {torch.backends.mkldnn.is_available()}, enabled {torch.backends.mkldnn.enabled}; "
        f"ATen CPU capability {aten_capability()}",
    ]
    return "\n".join("  " + line for line in lines)


def load_blas():
    """Runs one small matrix product, so that describe() finds the BLAS library among the loaded ones."""
    import torch
    torch.nn.functional.linear(torch.ones(2, 2), torch.ones(2, 2))


def worker(args):
    """Measures the models of --models in this process (the parent gives each child one model)."""
    import torch
    torch.set_num_threads(cores())
    directory = data_dir(args.data_dir)
    results = {}
    for name in args.models:
        load_blas()
        print(f"{name} (PyTorch):\n{describe()}", flush=True)
        results[name] = measure(name, args, directory)
    return results


def table(results, batch):
    fmt = "%-14s %14s %16s %18s %14s"
    lines = [fmt % ("model", "train img/s", "infer b1 img/s", "infer b256 img/s", "peak RSS MB"),
             fmt % ("", f"(batch {batch})", "", "", "")]
    for name, r in results.items():
        lines.append(fmt % (name, f"{r['train_img_s']:,.0f}", f"{r['infer_b1_img_s']:,.0f}",
                            f"{r['infer_b256_img_s']:,.0f}", f"{r['peak_rss_mb']:,.0f}"))
    return "\n".join(lines)


def parse_args(argv):
    p = argparse.ArgumentParser(description="PyTorch throughput of cnnlab's zoo networks on their images, measured as "
                                            "`cnnlab bench` measures.")
    p.add_argument("--models", default="lenet,keras-mnist", help="comma-separated: " + ", ".join(MODELS)
                   + " (default: lenet,keras-mnist, as cnnlab bench)")
    p.add_argument("--seconds", type=float, default=10.0, help="timed seconds per measurement (default 10)")
    p.add_argument("--windows", type=int, default=5, help="windows per measurement; the median counts (default 5)")
    p.add_argument("--batch-size", type=int, default=64, help="training batch size (default 64)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data-dir", help="data directory (default $CNNLAB_DATA, else ~/.cnnlab/data)")
    p.add_argument("--json", help="write the results to this file")
    p.add_argument("--describe", action="store_true", help="print the runtime configuration and exit")
    args = p.parse_args(argv)
    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in args.models:
        if m not in MODELS:
            p.error(f"--models: unknown network '{m}', expected one of {', '.join(MODELS)}")
    if not 0 < args.seconds <= 3600:
        p.error(f"--seconds: expected a number of seconds above 0 and at most 3600, got {args.seconds}")
    if not 1 <= args.windows <= 1000:
        p.error(f"--windows: expected 1 to 1000 windows, got {args.windows}")
    if not 1 <= args.batch_size <= POOL_SIZE:
        p.error(f"--batch-size: expected 1 to {POOL_SIZE} images, got {args.batch_size}")
    return args


def main(argv):
    args = parse_args(argv)
    try:
        import torch  # noqa: F401  (only to fail early with a useful message)
    except ImportError:
        sys.exit("bench-pytorch: no torch module; run 'apt-get install -y python3-torch' and use /usr/bin/python3")

    if os.environ.get(WORKER_ENV):
        if args.describe:
            import torch
            torch.set_num_threads(cores())
            load_blas()
            print(describe())
            return 0
        results = worker(args)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
        return 0

    env = worker_environment()
    if args.describe:
        return subprocess.call([sys.executable, str(Path(__file__).resolve()), "--describe"], env=env)
    results = {}
    for name in args.models:
        # One process per model: its ru_maxrss is then its own, and the environment above is read at load time.
        with tempfile.NamedTemporaryFile(prefix="bench-pytorch-", suffix=".json", delete=False) as tmp:
            out = tmp.name
        try:
            command = [sys.executable, str(Path(__file__).resolve()), "--models", name,
                       "--seconds", str(args.seconds), "--windows", str(args.windows),
                       "--batch-size", str(args.batch_size), "--seed", str(args.seed), "--json", out]
            if args.data_dir:
                command += ["--data-dir", args.data_dir]
            code = subprocess.call(command, env=env)
            if code != 0:
                print(f"bench-pytorch: measuring {name} failed (exit code {code})", file=sys.stderr)
                return 1
            results.update(json.loads(Path(out).read_text()))
        finally:
            os.unlink(out)
    print(table(results, args.batch_size))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
