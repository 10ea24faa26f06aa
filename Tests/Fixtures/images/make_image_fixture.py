#!/usr/bin/env python3
"""Writes Tests/Fixtures/images: a fixed sample of a built demo space's images.

Usage: python3 Tests/Fixtures/images/make_image_fixture.py VECTORS.npy METADATA.tsv CACHE_ROOT OUT_DIR
VECTORS.npy and METADATA.tsv come from
    glimpse export --space demo.glimpse --images VECTORS.npy --metadata METADATA.tsv
Every 17th image is kept (both collections are sampled), and file paths are made
relative to the asset cache so the fixture does not name the machine it came from.
"""
import sys, os
import numpy as np

vectors_path, metadata_path, cache_root, out = sys.argv[1:5]
vectors = np.load(vectors_path)
lines = open(metadata_path, encoding="utf-8").read().rstrip("\n").split("\n")
header, rows = lines[0], lines[1:]
assert len(rows) == len(vectors)
keep = list(range(0, len(rows), 17))
prefix = cache_root.rstrip("/") + "/"
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "vectors.npy"), np.ascontiguousarray(vectors[keep], dtype="<f4"))
with open(os.path.join(out, "metadata.tsv"), "w", encoding="utf-8") as f:
    f.write(header + "\n")
    for i in keep:
        fields = rows[i].split("\t")
        if fields[0].startswith(prefix):
            fields[0] = fields[0][len(prefix):]
        f.write("\t".join(fields) + "\n")
print("kept", len(keep), "of", len(rows), "images")
