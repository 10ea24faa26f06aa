"""Features of a few photos with the project's preprocessing, for the `words` check of image files.

Short side 256 (bicubic), centre crop 224, alpha flattened on white, (x/255 - 127/255)/(128/255),
RGB CHW: the same recipe as GlimpseVision's feature cache (up to resampling differences).

usage: python photo_features.py MODEL.onnx OUT_DIR IMAGE...
writes OUT_DIR/photos.features.npy, photos.logits.npy, photos.tsv (file, title, tags).
"""
import os, sys
import numpy as np, onnxruntime as ort
from PIL import Image

model, out, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
so = ort.SessionOptions(); so.intra_op_num_threads = 1
sess = ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])
def load(p):
    im = Image.open(p).convert("RGBA"); bg = Image.new("RGBA", im.size, (255, 255, 255, 255)); bg.alpha_composite(im)
    im = bg.convert("RGB"); w, h = im.size; s = 256 / min(w, h)
    im = im.resize((max(224, round(w * s)), max(224, round(h * s))), Image.BICUBIC)
    w, h = im.size; l, t = (w - 224) // 2, (h - 224) // 2
    im = im.crop((l, t, l + 224, t + 224))
    return ((np.asarray(im, dtype=np.float32) / 255.0 - 127 / 255) / (128 / 255)).transpose(2, 0, 1)
x = np.stack([load(p) for p in paths]).astype(np.float32)
f, l = sess.run(None, {"image": x})
os.makedirs(out, exist_ok=True)
np.save(f"{out}/photos.features.npy", f.astype("<f4")); np.save(f"{out}/photos.logits.npy", l.astype("<f4"))
with open(f"{out}/photos.tsv", "w") as fh:
    fh.write("file\ttitle\ttags\n" + "".join(f"{p}\t{os.path.splitext(os.path.basename(p))[0]}\t\n" for p in paths))
print(len(paths), "photos")
