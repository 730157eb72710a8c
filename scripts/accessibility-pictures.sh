#!/usr/bin/env bash
# Regenerates the pictures in docs/accessibility/ (hall display, read-back, form, queue window and the
# large layouts at 48×14): runs the AccessibilityPicturesTests (real binary in tmux) with FAYUAN_PICTURES set, then renders each capture with Unifont (ansi2png.py).
# Usage: scripts/accessibility-pictures.sh [path/to/ansi2png.py]
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${1:-/work/shared/tools/ansi2png.py}
out=docs/accessibility
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FAYUAN_PICTURES=$tmp swift test --skip-build --filter AccessibilityPicturesTests
for f in "$tmp"/*.ansi; do
  name=$(basename "$f" .ansi)
  size=${name##*-}; cols=${size%x*}; rows=${size#*x}
  scale=2; [ "$cols" -gt 120 ] && scale=1
  /usr/bin/python3 "$tool" "$f" "$out/$name.png" "$cols" "$rows" "$scale"
done
ls -l "$out"
