#!/usr/bin/env bash
# Builds the demo space from the fetched assets, unless it is already up to date.
#   Scripts/build-demo-space.sh GLIMPSE_BINARY CACHE_DIR OUTPUT_SPACE
set -euo pipefail
glimpse=$1 cache=$2 out=$3
mkdir -p "$(dirname "$out")"

inputs=("$cache/glove.6B.50d.txt" "$glimpse")
stamp="$out.inputs"
key=$(for f in "${inputs[@]}"; do stat -c '%n %s %Y' "$f"; done | sha256sum | cut -d' ' -f1)
if [[ -f $out && -f $stamp && $(cat "$stamp") == "$key" ]] && "$glimpse" -c 'words 1 king' --space "$out" >/dev/null 2>&1; then
    exit 0
fi

echo "build-demo-space: importing GloVe 6B 50d (400,000 words)" >&2
"$glimpse" import --glove "$cache/glove.6B.50d.txt" --model glove.6B.50d -o "$out"
printf '%s\n' "$key" >"$stamp"
