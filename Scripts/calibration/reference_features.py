"""Features for calibration with the reference evaluation's preprocessing (not the project's).

The baseline scripts (../shared/reference/assets/eval_*.py) fitted each image inside
224x224 on white (openclipart: thumbnail + centred paste; emoji: plain resize to
224x224) instead of short side 256 + centre crop 224. This writes a feature cache
with that preprocessing so the two can be compared on the same heads.

usage: python reference_features.py SRC_FEATURE_DIR MODEL.onnx OUT_DIR
(SRC_FEATURE_DIR holds <collection>.tsv with absolute image paths in column `file`.)
"""
import csv, shutil, sys
import numpy as np
import onnxruntime as ort
from PIL import Image

Image.MAX_IMAGE_PIXELS = None  # openclipart has a few 600-megapixel PNGs, as the reference allowed

src, model, out = sys.argv[1:4]
so = ort.SessionOptions(); so.intra_op_num_threads = 2
sess = ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])

def on_white(path):
    im = Image.open(path).convert("RGBA")
    bg = Image.new("RGBA", im.size, (255, 255, 255, 255)); bg.alpha_composite(im)
    return bg.convert("RGB")

def fit_pad(path):
    im = on_white(path); im.thumbnail((224, 224))
    c = Image.new("RGB", (224, 224), (255, 255, 255)); c.paste(im, ((224 - im.size[0]) // 2, (224 - im.size[1]) // 2))
    return c

def stretch(path):
    return on_white(path).resize((224, 224), Image.BICUBIC)

def tensor(im):
    return ((np.asarray(im, dtype=np.float32) / 255.0 - 127 / 255) / (128 / 255)).transpose(2, 0, 1)

for name, load in [("emoji", stretch), ("openclipart", fit_pad)]:
    rows = list(csv.DictReader(open(f"{src}/{name}.tsv"), delimiter="\t"))
    F, L = [], []
    for i in range(0, len(rows), 32):
        x = np.stack([tensor(load(r["file"])) for r in rows[i:i + 32]]).astype(np.float32)
        f, l = sess.run(None, {"image": x}); F.append(f); L.append(l)
    np.save(f"{out}/{name}.features.npy", np.concatenate(F).astype("<f4"))
    np.save(f"{out}/{name}.logits.npy", np.concatenate(L).astype("<f4"))
    shutil.copy(f"{src}/{name}.tsv", f"{out}/{name}.tsv")
    print(name, len(rows))
