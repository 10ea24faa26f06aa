#!/usr/bin/env bash
# Installs the Debian packages Glimpse builds and tests with, if any are missing.
# Idempotent and quiet when everything is there. Needs root (or sudo) only to install.
set -euo pipefail

PACKAGES=(
    libedit-dev        # line editing in the REPL
    libvips-dev        # image decoding, resizing and thumbnails
    libopenblas-dev    # sgemm for training and batched search
    tmux               # drives the REPL in a pseudo-terminal in the tests
    chromium           # the notebook tests open the HTML headless and check every picture decodes
    python3 python3-venv python3-pip   # set-up converts the downloaded assets
    unzip ca-certificates
)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/glimpse-apt.log 2>&1; then
    echo "install-deps: refreshing the package lists (apt-get update)" >&2
    "${sudo[@]}" apt-get update -q >>/tmp/glimpse-apt.log 2>&1 \
        || { tail -20 /tmp/glimpse-apt.log >&2; echo "install-deps: error: cannot reach the Debian mirror" >&2; exit 1; }
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/glimpse-apt.log 2>&1 \
        || { tail -20 /tmp/glimpse-apt.log >&2; echo "install-deps: error: apt-get install failed (log: /tmp/glimpse-apt.log)" >&2; exit 1; }
fi
