#!/usr/bin/env python3
"""Makes the labelled photo set for `glimpse eval --photos` (docs/photos.md).

    photo_eval_labels.py STAMPS_DIR DARKNET_DATA_DIR OUT_TSV

STAMPS_DIR is Debian tuxpaint-stamps-default's usr/share/tuxpaint/stamps (GPL-2,
photographic PNG stamps in category folders); DARKNET_DATA_DIR is Debian darknet's
usr/share/darknet/data (its sample photos). Writes a captions table (file, title,
tags, group) whose tags are the image's one-word labels: its folder's noun and the
nouns of the folders above it ("dogs" -> dog, mammal, animal), from the curated
table below. Cartoon folders, symbols, alphabets, flags, road signs and mirrored
copies are left out; labels on fewer than MIN_IMAGES images are dropped. File
names are relative to the TSV's folder (the images are copied beside it).
Standard library only; the output is sorted, so the same inputs give the same bytes.
"""
import os
import shutil
import sys

MIN_IMAGES = 5

# Folder (relative to the stamps) -> its labels. A folder not listed is left out;
# a listed folder's subfolders are not implied (each is listed on its own).
FOLDERS = {
    "animals/birds": ["bird", "animal"],
    "animals/fish": ["fish", "animal"],
    "animals/insects": ["insect", "animal"],
    "animals/amphibians": ["amphibian", "animal"],
    "animals/lizards": ["lizard", "reptile", "animal"],
    "animals/shellfish": ["shellfish", "animal"],
    "animals/marsupials": ["marsupial", "mammal", "animal"],
    "animals/mammals": ["mammal", "animal"],
    "animals/mammals/apes": ["ape", "mammal", "animal"],
    "animals/mammals/aquatic": ["mammal", "animal"],
    "animals/mammals/bears": ["bear", "mammal", "animal"],
    "animals/mammals/bovines": ["bovine", "mammal", "animal"],
    "animals/mammals/camel": ["camel", "mammal", "animal"],
    "animals/mammals/cats": ["cat", "mammal", "animal"],
    "animals/mammals/deer": ["deer", "mammal", "animal"],
    "animals/mammals/dogs": ["dog", "mammal", "animal"],
    "animals/mammals/equines": ["horse", "mammal", "animal"],
    "animals/mammals/rodents": ["rodent", "mammal", "animal"],
    "food/fruit": ["fruit", "food"],
    "food/vegetables": ["vegetable", "food"],
    "food/nuts": ["nut", "food"],
    "food/spices": ["spice", "food"],
    "plants": ["plant"],
    "plants/flowers": ["flower", "plant"],
    "plants/flowers/plastic": ["flower"],
    "plants/trees": ["tree", "plant"],
    "plants/mushrooms": ["mushroom"],
    "vehicles": ["vehicle"],
    "vehicles/auto": ["car", "vehicle"],
    "vehicles/construction": ["vehicle"],
    "vehicles/cycle": ["bicycle", "vehicle"],
    "vehicles/emergency": ["vehicle"],
    "vehicles/farming": ["tractor", "vehicle"],
    "vehicles/flight": ["aircraft", "vehicle"],
    "vehicles/flight/planes": ["airplane", "aircraft", "vehicle"],
    "vehicles/locomotive": ["train", "vehicle"],
    "vehicles/masstransit": ["vehicle"],
    "vehicles/race": ["car", "vehicle"],
    "vehicles/ship": ["ship", "vehicle"],
    "military/vehicles": ["vehicle"],
    "household/tools": ["tool"],
    "household/dishes": ["dish"],
    "household/dishes/utensils": ["utensil"],
    "clothes": ["clothing"],
    "clothes/hats": ["hat", "clothing"],
    "hobbies/music/string": ["instrument"],
    "hobbies/music/brass": ["instrument"],
    "hobbies/music/wind": ["instrument"],
    "hobbies/music/percussion": ["instrument"],
    "space/planets": ["planet"],
    "space/moon": ["moon"],
    "sports": ["sport"],
    "seasonal/christmas": ["christmas"],
    "seasonal/halloween": ["halloween"],
    "seasonal/easter": ["easter"],
}

# Darknet's sample photos (one subject each): extra real photographs.
DARKNET = {
    "dog.jpg": ["dog", "mammal", "animal"],
    "eagle.jpg": ["bird", "animal"],
    "giraffe.jpg": ["mammal", "animal"],
    "horses.jpg": ["horse", "mammal", "animal"],
    "person.jpg": ["person"],
}


def caption(txt_path, fallback):
    """The stamp's English caption (the .txt file's first line), else its file name."""
    try:
        with open(txt_path, encoding="utf-8", errors="replace") as f:
            first = f.readline().strip()
    except OSError:
        first = ""
    return (first or fallback).rstrip(".").replace("\t", " ")


def main(stamps, darknet, out):
    out_dir = os.path.dirname(os.path.abspath(out))
    rows = []  # (file, title, labels, group, source path)
    for folder, labels in sorted(FOLDERS.items()):
        path = os.path.join(stamps, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith(".png") or "mirror" in name:
                continue
            stem = name[:-4]
            title = caption(os.path.join(path, stem + ".txt"), stem.replace("_", " "))
            rows.append(("tuxpaint/" + folder + "/" + name, title, labels, folder, os.path.join(path, name)))
    for name, labels in sorted(DARKNET.items()):
        src = os.path.join(darknet, name)
        if os.path.isfile(src):
            rows.append(("darknet/" + name, name[:-4], labels, "darknet", src))
    counts = {}
    for row in rows:
        for label in row[2]:
            counts[label] = counts.get(label, 0) + 1
    kept = {label for label, n in counts.items() if n >= MIN_IMAGES}
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("file\ttitle\ttags\tgroup\n")
        for file, title, labels, group, src in rows:
            dest = os.path.join(out_dir, file)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(src, dest)
            f.write(f"{file}\t{title}\t{'|'.join(l for l in labels if l in kept)}\t{group}\n")
    os.replace(tmp, out)
    summary = ", ".join(f"{l} {counts[l]}" for l in sorted(kept, key=lambda l: (-counts[l], l)))
    print(f"photo_eval_labels: {len(rows)} images, {len(kept)} labels with at least {MIN_IMAGES} images: {summary}",
          file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
