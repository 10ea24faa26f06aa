#!/usr/bin/env bash
# OPTIONAL: fetches the labelled photo set that `glimpse eval --photos` measures photo
# retrieval on (docs/photos.md), and encodes it into the feature cache. Not run by
# `make`, `make test` or CI.
#
#   Scripts/fetch-photo-eval.sh
#   glimpse eval --photos ~/.cache/glimpse/photo-eval/photo-eval.tsv
#
# Downloads two pinned Debian packages with apt-get download (not installed), checks
# their sha256, unpacks them with dpkg -x into $GLIMPSE_CACHE/photo-eval/.work, and
# runs Scripts/photo_eval_labels.py to copy the photos and write their one-word
# labels to $GLIMPSE_CACHE/photo-eval/photo-eval.tsv:
#   - tuxpaint-stamps-default (GPL-2): photographic PNG stamps in category folders;
#   - darknet (GPL-3.0+ or MIT or WTFPL): its sample photos (dog, eagle, giraffe, horses, person).
# The images stay in the cache: their licence asks that they are not copied into
# this repository. `glimpse eval --photos` encodes them into the feature cache (as
# `photo-eval-fit` and its views) on its first run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE="${GLIMPSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/glimpse}"
OUT="$CACHE/photo-eval"
DL="$OUT/downloads"
WORK="$OUT/.work"
mkdir -p "$DL" "$WORK"

# Exact versions and the sha256 of their .deb files, so every machine gets the same photos.
declare -A VERSION=(
    [tuxpaint-stamps-default]=2022.06.04-1
    [darknet]=0.0.0+git20180914.61c9d02e-2+b4
)
declare -A SHA256=(
    [tuxpaint-stamps-default]=6db6c1bfc870a47f1499d6203b083522eacb57c5f9c87d468f2e92eb6d9d5f34
    [darknet]=9ca14d36112d242a782bfed4104fa5adcd2ae8bc599ab610f42eb609ee125a01
)

say() { printf '%s\n' "fetch-photo-eval: $*" >&2; }
die() { printf '%s\n' "fetch-photo-eval: error: $*" >&2; exit 1; }

# fetch PACKAGE: the verified .deb's path (downloaded once).
fetch() {
    local pkg=$1 deb
    deb=$(ls "$DL/${pkg}_"*.deb 2>/dev/null | head -n1 || true)
    if [[ -z $deb ]]; then
        say "downloading $pkg ${VERSION[$pkg]} from Debian"
        (cd "$DL" && apt-get download -q "$pkg=${VERSION[$pkg]}" >&2) \
            || die "cannot download $pkg=${VERSION[$pkg]} (try 'apt-get update' as root, then re-run)"
        deb=$(ls "$DL/${pkg}_"*.deb | head -n1)
    fi
    local got; got=$(sha256sum "$deb" | cut -d' ' -f1)
    if [[ $got != "${SHA256[$pkg]}" ]]; then
        rm -f "$deb"; die "$pkg: sha256 $got does not match the pinned ${SHA256[$pkg]} (deleted; re-run to download again)"
    fi
    printf '%s\n' "$deb"
}

unpack() {  # unpack DEB: the folder it is unpacked in
    local deb=$1 dest; dest="$WORK/$(basename "${deb%.deb}")"
    if [[ ! -f $dest/.unpacked ]]; then
        rm -rf "$dest"; mkdir -p "$dest"; dpkg -x "$deb" "$dest"; touch "$dest/.unpacked"
    fi
    printf '%s\n' "$dest"
}

stamps=$(unpack "$(fetch tuxpaint-stamps-default)")/usr/share/tuxpaint/stamps
darknet=$(unpack "$(fetch darknet)")/usr/share/darknet/data
python3 "$HERE/photo_eval_labels.py" "$stamps" "$darknet" "$OUT/photo-eval.tsv"
say "done: $OUT/photo-eval.tsv; measure with: glimpse eval --photos $OUT/photo-eval.tsv"
