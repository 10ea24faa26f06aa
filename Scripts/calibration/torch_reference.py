"""PyTorch replica of the Swift InfoNCE head, to check the Swift trainer against a reference on the same cache.

Same recipe as DESIGN.md's calibration: input = features + softmax(logits), z-scored on
train; Linear(in, 512) - GELU - Dropout(0.5) - Linear(512, 50); L2-normalised output;
symmetric InfoNCE at T = 0.1 with identical captions masked; AdamW lr 1e-3, batch 256.
Baselines' protocol (half held out, numpy seeded permutation). Prints test metrics per epoch.

usage: python torch_reference.py FEATURE_DIR GLOVE_TXT [collection] [epochs]
"""
import csv, re, sys
import numpy as np, torch

fdir, glove = sys.argv[1], sys.argv[2]
name = sys.argv[3] if len(sys.argv) > 3 else "openclipart"
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 40
torch.manual_seed(0); torch.set_num_threads(2)
STOP = {'hash','magick','clip','art','clipart','openclipart','image','svg','png','media','theme','icon','icons','public','domain','unsorted','special','externalsource','11'}
rows = list(csv.DictReader(open(f"{fdir}/{name}.tsv"), delimiter="\t"))
need = set()
for r in rows:
    for t in r["tags"].split("|"): need.add(t.strip().lower()); need.update(re.split(r"[^a-z0-9]+", t.lower()))
    need.update(re.split(r"[^a-z0-9]+", r["title"].lower()))
vec = {}
for line in open(glove, encoding="utf8"):
    w, rest = line.split(" ", 1)
    if w in need and w not in vec:
        v = np.array(rest.split(), dtype=np.float32); vec[w] = v / max(np.linalg.norm(v), 1e-8)
def toks(s): return [t for t in re.split(r"[^a-z0-9]+", s.lower()) if t and t not in STOP and t in vec]
F = np.load(f"{fdir}/{name}.features.npy"); L = np.load(f"{fdir}/{name}.logits.npy")
keep, Y, K, caps = [], [], [], []
for i, r in enumerate(rows):
    ws = sorted({t for tag in r["tags"].split("|") for t in toks(tag)})
    if not ws: continue
    y = np.mean([vec[w] for w in ws], 0); Y.append(y / np.linalg.norm(y)); keep.append(i)
    K.append({t.strip().lower() for t in r["tags"].split("|") if t.strip().lower() in vec and t.strip().lower() not in STOP})
    caps.append(" ".join(ws))
F, L, Y = F[keep], L[keep], np.stack(Y).astype(np.float32)
P = np.exp(L - L.max(1, keepdims=True)); P /= P.sum(1, keepdims=True)
X = np.hstack([F, P]).astype(np.float32)
capid = np.unique(caps, return_inverse=True)[1]
rng = np.random.default_rng(0); perm = rng.permutation(len(X)); half = len(X) // 2; tr, te = perm[:half], perm[half:]
mu, sd = X[tr].mean(0), X[tr].std(0); sd[sd < 1e-6] = 1
Xs = torch.tensor((X - mu) / sd); Yt = torch.tensor(Y); cid = torch.tensor(capid)
net = torch.nn.Sequential(torch.nn.Linear(X.shape[1], 512), torch.nn.GELU(), torch.nn.Dropout(0.5), torch.nn.Linear(512, 50))
opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
def evaluate():
    net.eval()
    with torch.no_grad(): V = torch.nn.functional.normalize(net(Xs[te]), dim=1).numpy()
    net.train()
    from collections import Counter
    cnt = Counter(k for i in te for k in K[i]); qs = [k for k, c in cnt.items() if c >= 5]
    aps, p10 = [], []
    for q in qs:
        s = V @ vec[q]; order = np.argsort(-s); rel = np.array([q in K[te[j]] for j in order])
        prec = np.cumsum(rel) / np.arange(1, len(rel) + 1); aps.append((prec * rel).sum() / rel.sum()); p10.append(rel[:10].mean())
    return len(qs), np.mean(aps), np.mean(p10)
for ep in range(1, epochs + 1):
    g = torch.randperm(len(tr))
    for b in range(0, len(tr), 256):
        idx = torch.tensor(tr)[g[b:b + 256]]
        u = torch.nn.functional.normalize(net(Xs[idx]), dim=1); t = Yt[idx]
        s = u @ t.T / 0.1
        same = (cid[idx][:, None] == cid[idx][None, :]) & ~torch.eye(len(idx), dtype=torch.bool)
        s = s.masked_fill(same, -1e9)
        lab = torch.arange(len(idx))
        loss = (torch.nn.functional.cross_entropy(s, lab) + torch.nn.functional.cross_entropy(s.T, lab)) / 2
        opt.zero_grad(); loss.backward(); opt.step()
    if ep % 2 == 0:
        q, m, p = evaluate(); print(f"epoch {ep} loss {loss.item():.3f} queries {q} mAP {m:.3f} P@10 {p:.3f}", flush=True)
