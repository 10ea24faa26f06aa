"""Checks Glimpse's Swift ONNX Runtime binding against Python's onnxruntime.

  glimpse features dump OUT_DIR IMAGE...        # Swift: tensors, features, logits
  python Scripts/check_onnx_agreement.py OUT_DIR [models/efficientnet_lite0.onnx]

Runs the same input tensors through Python's onnxruntime and prints the largest
absolute difference of the features and of the logits (the issue asks for < 1e-4).
Optionally, with --cache FEATURES_DIR NAME, also re-encodes rows of a cached
collection from their images' Swift tensors (needs the dump of those files).
"""
import sys

import numpy as np
import onnxruntime as ort

out = sys.argv[1]
model = sys.argv[2] if len(sys.argv) > 2 else "models/efficientnet_lite0.onnx"
tensors = np.load(f"{out}/tensors.npy").reshape(-1, 3, 224, 224)
features, logits = np.load(f"{out}/features.npy"), np.load(f"{out}/logits.npy")
options = ort.SessionOptions()
options.intra_op_num_threads = 2
session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
want_features, want_logits = session.run(["features", "logits"], {"image": tensors})
print(f"{len(tensors)} images, onnxruntime {ort.__version__}: "
      f"max |swift - python| features {np.abs(features - want_features).max():.3g}, "
      f"logits {np.abs(logits - want_logits).max():.3g}")
sys.exit(0 if max(np.abs(features - want_features).max(), np.abs(logits - want_logits).max()) < 1e-4 else 1)
