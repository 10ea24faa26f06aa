"""Which class vectors make the zero-shot signal of image("file") work (docs/learning.md).

For each choice of hypernym depth and decay it builds the 1000 ImageNet class vectors
(name + WordNet hypernyms from the cache's wordnet9k/, weighted 1, decay, decay^2, ...),
embeds images as the probability-weighted sum of their top 10 classes (ConSE), and reports
  - openclipart tag mAP / P@10 over all cached openclipart images (tags with >= 5 images);
  - for the photos, whether `words 10` over all GloVe words holds an expected word.

usage: python zero_shot_classes.py [CACHE] [-v]
Needs numpy, and CACHE/features/photos-fit.* made by
  glimpse features collection photos.tsv DIR photos-fit --framing fit
(photos.tsv: header file<TAB>title<TAB>tags, one row per ~/.cache/glimpse/photos/*.jpg, title = file stem).
"""
import os
import re
import sys
from collections import defaultdict

import numpy as np

args = [a for a in sys.argv[1:] if a != "-v"]
cache = args[0] if args else os.path.expanduser("~/.cache/glimpse")
verbose = "-v" in sys.argv

words, rows = [], []
for line in open(f"{cache}/glove.6B.50d.txt", encoding="utf8"):
    parts = line.rstrip().split(" ")
    words.append(parts[0])
    rows.append(np.array(parts[1:], dtype=np.float32))
V = np.stack(rows)
V /= np.linalg.norm(V, axis=1, keepdims=True)
index = {w: i for i, w in enumerate(words)}


def phrase(text):
    ids = [index[t] for t in re.findall(r"[a-z0-9'-]+", text.lower()) if t in index]
    if not ids:
        return None
    v = V[ids].mean(0)
    n = np.linalg.norm(v)
    return v / n if n > 0 else None


tree_dir = f"{cache}/wordnet9k"
parents = [int(l.split()[1]) for l in open(f"{tree_dir}/9k.tree")]
names = [l.strip() for l in open(f"{tree_dir}/9k.names")]
line_of = {l.strip(): i for i, l in enumerate(open(f"{tree_dir}/9k.labels"))}
labels = [l.rstrip("\n").split("\t") for l in open(f"{cache}/imagenet1k_labels.tsv")][1:]


def hypernyms(wnid):
    i, out = line_of[wnid], []
    while parents[i] >= 0:
        i = parents[i]
        out.append(names[i])
    return out


def class_vectors(depth, decay):
    C = np.zeros((len(labels), V.shape[1]), np.float32)
    for k, (_, wnid, name) in enumerate(labels):
        for step, text in enumerate([name.split(",")[0]] + hypernyms(wnid)[:depth]):
            v = phrase(text)
            if v is not None:
                C[k] += decay**step * v
        n = np.linalg.norm(C[k])
        if n > 0:
            C[k] /= n
    return C


def zero_shot(logits, C, top=10):
    P = np.exp(logits - logits.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    out = np.zeros((len(P), C.shape[1]), np.float32)
    for i in range(len(P)):
        order = np.argsort(-P[i], kind="stable")[:top]
        out[i] = P[i, order] @ C[order]
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def tag_map(E, tags):
    holders = defaultdict(set)
    for i, t in enumerate(tags):
        for x in t:
            holders[x].add(i)
    aps, p10 = [], []
    for tag, have in holders.items():
        if len(have) < 5 or tag not in index:
            continue
        order = np.argsort(-(E @ V[index[tag]]), kind="stable")
        relevant = np.array([i in have for i in order])
        precision = np.cumsum(relevant) / np.arange(1, len(order) + 1)
        aps.append((precision * relevant).sum() / relevant.sum())
        p10.append(relevant[:10].mean())
    return np.mean(aps), np.mean(p10), len(aps)


def table(name):
    return [l.rstrip("\n").split("\t") for l in open(f"{cache}/features/{name}.tsv")][1:]


clipart_tags = [set(r[2].split("|")) if len(r) > 2 and r[2] else set() for r in table("openclipart-fit")]
clipart_logits = np.load(f"{cache}/features/openclipart-fit.logits.npy")
photo_titles = [r[1] for r in table("photos-fit")]
photo_logits = np.load(f"{cache}/features/photos-fit.logits.npy")
expected = {
    "dog": "dog dogs puppy bicycle bike truck", "eagle": "eagle eagles hawk bird birds",
    "giraffe": "giraffe giraffes zebra", "horses": "horse horses pony", "kite": "kite kites beach",
    "person": "person man woman girl horse dog", "scream": "scream painting painter art",
}
for depth, decay in [(0, 1), (1, 0.5), (2, 0.5), (3, 0.5), (4, 0.5), (1, 1)]:
    C = class_vectors(depth, decay)
    mAP, p10, queries = tag_map(zero_shot(clipart_logits, C), clipart_tags)
    E = zero_shot(photo_logits, C)
    hits, lines = 0, []
    for i, title in enumerate(photo_titles):
        top = [words[j] for j in np.argsort(-(V @ E[i]))[:10]]
        hit = any(w in expected.get(title, "").split() for w in top)
        hits += hit
        lines.append(f"  {title}: {'+' if hit else '-'} {' '.join(top)}")
    print(f"depth {depth} decay {decay}: openclipart zero-shot mAP {mAP:.3f} P@10 {p10:.3f} ({queries} tags); "
          f"photos {hits}/{len(photo_titles)}")
    if verbose:
        print("\n".join(lines))
