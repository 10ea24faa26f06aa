#!/usr/bin/env bash
# Builds the demo space from the fetched assets, unless it is already up to date:
# GloVe 6B 50d words, and the openclipart and emoji images placed among them by a
# head learnt with `glimpse build --demo`.
#   Scripts/build-demo-space.sh GLIMPSE_BINARY CACHE_DIR OUTPUT_SPACE
set -euo pipefail
glimpse=$1 cache=$2 out=$3
mkdir -p "$(dirname "$out")"

inputs=("$cache/glove.6B.50d.txt" "$cache/openclipart.tsv" "$cache/emoji.tsv" "$glimpse")
stamp="$out.inputs"
key=$(for f in "${inputs[@]}"; do stat -c '%n %s %Y' "$f"; done | sha256sum | cut -d' ' -f1)
if [[ -f $out && -f $stamp && $(cat "$stamp") == "$key" ]] && "$glimpse" -c 'words 1 king' --space "$out" >/dev/null 2>&1; then
    exit 0
fi

echo "build-demo-space: building the demo space (the first time it encodes about 5,000 images in three views: about 4 minutes on an idle 2-core machine, longer on a busy one)" >&2
GLIMPSE_CACHE="$cache" "$glimpse" build --demo -o "$out"
printf '%s\n' "$key" >"$stamp"
