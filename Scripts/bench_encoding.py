"""Encoding speed: Glimpse against Python onnxruntime + PIL doing the same work, in one run.

  python Scripts/bench_encoding.py --glimpse .build/release/glimpse [--rounds 2]
         [--folder photos=DIR[,DIR...]] [--large-pngs N] [--model models/efficientnet_lite0.onnx]

For each folder both pipelines encode the same image files from a cold start into
EfficientNet-Lite0 features (models/efficientnet_lite0.onnx, 224 x 224 "fit on white":
the whole image scaled into the square, transparency flattened onto white, bytes
scaled to (x - 127) / 128, channels first):

- Python: PIL `Image.thumbnail` (LANCZOS; JPEGs shrink while decoding), then
  onnxruntime with 2 intra-op threads on batches of 32, decoding and running in turn,
  timed as the whole process (start-up and imports included, as for Glimpse).
- Glimpse: `glimpse features collection ... --framing fit` into an empty feature
  cache (a temporary GLIMPSE_CACHE that links the model and ONNX Runtime), timed as
  the whole process: start-up, model loading, encoding, writing the cache.

Rounds alternate which pipeline goes first, since other work on the machine changes
the speed of both; the load average is printed with each result, and the CPU time
per image of each (all threads, whole process), which the load changes less. Then the features
of the two are compared image by image (cosine similarity, and whether the top
ImageNet class is the same): the resamplers differ (libvips' and PIL's Lanczos), so
they are close, not equal; the check fails when the median cosine is below 0.97.
(`Scripts/check_onnx_agreement.py` checks the model binding itself to 1e-4 on equal
input tensors.)

Default folders: `photos` = $GLIMPSE_CACHE/photos plus /usr/share/backgrounds (JPEG
wallpapers: `apt-get install mate-backgrounds`), `large-pngs` = openclipart PNGs of the
demo whose long side is 1000-1500 px (every 4th of them, up to --large-pngs).
Needs numpy, pillow and onnxruntime (a venv from PyPI).
"""
import argparse
import glob
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnxruntime as ort
from PIL import Image

SIDE = 224
BATCH = 32
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff")


def cache_root():
    explicit = os.environ.get("GLIMPSE_CACHE")
    if explicit:
        return explicit
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "glimpse")


def images_under(folders):
    files = []
    for folder in folders:
        for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
            if path.lower().endswith(IMAGE_SUFFIXES) and os.path.isfile(path):
                files.append(os.path.realpath(path))
    return sorted(set(files))


def large_openclipart_pngs(limit):
    root = cache_root()
    table = os.path.join(root, "openclipart.tsv")
    if not os.path.exists(table):
        return []
    names = sorted({line.split("\t")[0] for line in open(table, encoding="utf-8").read().splitlines()[1:] if line})
    chosen = []
    for name in names:
        path = os.path.join(root, name)
        with open(path, "rb") as f:
            head = f.read(24)
        if head[:8] != b"\x89PNG\r\n\x1a\n":
            continue
        width, height = struct.unpack(">II", head[16:24])
        if 1000 <= max(width, height) <= 1500:
            chosen.append(os.path.realpath(path))
    return chosen[::4][:limit]


def python_tensor(path):
    """The fit-on-white input of one file, 3 x 224 x 224 float32."""
    image = Image.open(path)
    image.thumbnail((SIDE, SIDE), Image.LANCZOS)
    rgba = image.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    square = Image.new("RGB", (SIDE, SIDE), (255, 255, 255))
    square.paste(flat.convert("RGB"), ((SIDE - rgba.width) // 2, (SIDE - rgba.height) // 2))
    pixels = np.asarray(square, dtype=np.float32)
    return ((pixels - 127) / 128).transpose(2, 0, 1)


def run_python(files, model, work):
    """Runs this file's `python_pipeline` in a new Python process; returns its whole time and outputs."""
    listing = os.path.join(work, "files.txt")
    with open(listing, "w", encoding="utf-8") as out:
        out.write("\n".join(files) + "\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, os.path.abspath(__file__), "--python-pipeline", listing, model, work], check=True)
    seconds = time.perf_counter() - start
    return seconds, np.load(os.path.join(work, "py-features.npy")), np.load(os.path.join(work, "py-logits.npy"))


def python_pipeline(listing, model, work):
    files = open(listing, encoding="utf-8").read().split("\n")[:-1]
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    features, logits = [], []
    for i in range(0, len(files), BATCH):
        batch = np.stack([python_tensor(f) for f in files[i:i + BATCH]])
        f, l = session.run(["features", "logits"], {"image": batch})
        features.append(f)
        logits.append(l)
    np.save(os.path.join(work, "py-features.npy"), np.concatenate(features))
    np.save(os.path.join(work, "py-logits.npy"), np.concatenate(logits))


def run_glimpse(files, glimpse, model, runtime, work):
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    os.makedirs(cache)
    captions = os.path.join(work, "bench.tsv")
    with open(captions, "w", encoding="utf-8") as out:
        out.write("file\ttitle\ttags\n")
        for f in files:
            out.write(f"{f}\t{os.path.basename(f)}\t\n")
    env = dict(os.environ, GLIMPSE_CACHE=cache, GLIMPSE_MODEL=model, GLIMPSE_ONNXRUNTIME=runtime)
    start = time.perf_counter()
    done = subprocess.run([glimpse, "features", "collection", captions, work, "bench", "--framing", "fit"],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"glimpse failed ({done.returncode}): {done.stdout}")
    features = np.load(os.path.join(cache, "features", "bench-fit.features.npy"))
    logits = np.load(os.path.join(cache, "features", "bench-fit.logits.npy"))
    rows = [line.split("\t")[0] for line in
            open(os.path.join(cache, "features", "bench-fit.tsv"), encoding="utf-8").read().splitlines()[1:] if line]
    return seconds, features, logits, rows, done.stdout.strip()


def load():
    return os.getloadavg()[0]


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--python-pipeline":
        python_pipeline(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--glimpse", default=".build/release/glimpse")
    parser.add_argument("--model", default="models/efficientnet_lite0.onnx")
    parser.add_argument("--runtime", default=os.path.join(cache_root(), "libonnxruntime.so"))
    parser.add_argument("--folder", action="append", default=[], help="NAME=DIR[,DIR...] (repeatable)")
    parser.add_argument("--large-pngs", type=int, default=200, help="how many large openclipart PNGs (0: none)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    glimpse, model, runtime = (os.path.realpath(p) for p in (args.glimpse, args.model, args.runtime))

    folders = []
    for spec in args.folder:
        name, _, dirs = spec.partition("=")
        folders.append((name, images_under(dirs.split(","))))
    if not args.folder:
        folders.append(("photos", images_under([os.path.join(cache_root(), "photos"), "/usr/share/backgrounds"])))
        if args.large_pngs > 0:
            folders.append(("large-pngs", large_openclipart_pngs(args.large_pngs)))

    print(f"onnxruntime {ort.__version__} (Python), Pillow {Image.__version__}, {os.cpu_count()} cores")
    failed = False
    with tempfile.TemporaryDirectory(prefix="glimpse-bench-") as work:
        for name, files in folders:
            if not files:
                print(f"{name}: no images, skipped")
                continue
            py_rates, gl_rates, loads, py_cpu, gl_cpu = [], [], [], [], []
            for round in range(args.rounds):
                order = ["python", "glimpse"] if round % 2 == 0 else ["glimpse", "python"]
                for which in order:
                    loads.append(load())
                    cpu = children_cpu()
                    if which == "python":
                        seconds, py_features, py_logits = run_python(files, model, work)
                        py_rates.append(len(files) / seconds)
                        py_cpu.append(1000 * (children_cpu() - cpu) / len(files))
                    else:
                        seconds, gl_features, gl_logits, rows, report = run_glimpse(files, glimpse, model, runtime, work)
                        gl_rates.append(len(rows) / seconds)
                        gl_cpu.append(1000 * (children_cpu() - cpu) / len(files))
            py, gl = statistics.median(py_rates), statistics.median(gl_rates)
            # Agreement, image by image, on the files both encoded.
            index = {f: i for i, f in enumerate(files)}
            keep = [index[r] for r in rows]
            a, b = gl_features, py_features[keep]
            cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
            same_top = float((gl_logits.argmax(1) == py_logits[keep].argmax(1)).mean())
            median_cosine = float(np.median(cosine))
            ok = median_cosine >= 0.97 and len(rows) == len(files)
            failed |= not ok
            print(f"{name}: {len(files)} images; Python {py:.2f} images/s, Glimpse {gl:.2f} images/s, "
                  f"Glimpse / Python {gl / py:.2f}x (medians of {args.rounds} rounds each: "
                  f"Python {', '.join(f'{r:.2f}' for r in py_rates)}; Glimpse {', '.join(f'{r:.2f}' for r in gl_rates)}; "
                  f"load average {min(loads):.1f}-{max(loads):.1f})")
            print(f"  CPU time per image (whole process): Python {statistics.median(py_cpu):.0f} ms, "
                  f"Glimpse {statistics.median(gl_cpu):.0f} ms")
            print(f"  features: cosine median {median_cosine:.4f}, min {cosine.min():.4f}; "
                  f"same top class {same_top:.0%}; {len(rows)}/{len(files)} encoded by Glimpse"
                  + ("" if ok else "  <- DISAGREE"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
