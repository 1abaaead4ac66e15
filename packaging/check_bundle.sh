#!/usr/bin/env bash
# The built bundle on its own: no project Python packages, no virtualenv, a clean environment
# (env -i, a minimal PATH). It must answer --version, validate a filing, check a scan and open
# its window (--smoke, offscreen). Usage: packaging/check_bundle.sh [dist/icpdesk/icpdesk]
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE="$(realpath "${1:-dist/icpdesk/icpdesk}")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# a sample filing with its scans (made by the source install: the data, not the program under test)
python3 -c "import sys; from pathlib import Path; from icpdesk.demo import make_demo; print(make_demo(Path(sys.argv[1])))" \
  "$WORK/sample" > "$WORK/filing-path"
FILING="$(cat "$WORK/filing-path")"
SCAN="$(ls "$WORK"/sample/scans/*.jpg | head -1)"
mkdir -p "$WORK/home"
clean() {  # no PYTHONPATH, no VIRTUAL_ENV, no python3 on PATH: only the bundle
  (cd "$WORK" && env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@")
}
fail() { echo "bundle check failed: $*" >&2; exit 1; }

out="$(clean "$BUNDLE" --version)" || fail "--version"
[ "$out" = "icpdesk $(python3 -c 'import icpdesk; print(icpdesk.__version__)')" ] || fail "--version said: $out"
echo "ok  --version: $out"

set +e
clean "$BUNDLE" validate "$FILING" > "$WORK/validate.txt" 2>&1; rc=$?
set -e
[ $rc -le 1 ] && grep -q "个错误" "$WORK/validate.txt" || { cat "$WORK/validate.txt"; fail "validate (exit $rc)"; }
echo "ok  validate (exit $rc): $(tail -1 "$WORK/validate.txt")"

clean "$BUNDLE" check-image --json "$SCAN" > "$WORK/check.json" 2> "$WORK/check.err" || {
  cat "$WORK/check.err"; fail "check-image"; }
grep -q '"findings"' "$WORK/check.json" || fail "check-image printed no report"
echo "ok  check-image: $(basename "$SCAN")"

clean "$BUNDLE" check-image "$WORK/sample/scans" > "$WORK/many.txt" 2>&1 || { cat "$WORK/many.txt"; fail "check-image (a folder: worker processes)"; }
echo "ok  check-image on a folder: $(tail -1 "$WORK/many.txt")"

if [ -d "$(dirname "$BUNDLE")/_internal/rapidocr" ]; then  # built with the ocr extra: its models read a card
  ID="$WORK/sample/scans/leader_id_front-principal.jpg"
  clean "$BUNDLE" check-image --ocr --kind leader_id_front "$ID" > "$WORK/ocr.txt" 2>&1 || {
    cat "$WORK/ocr.txt"; fail "check-image --ocr"; }
  grep -q "cert_number" "$WORK/ocr.txt" || { cat "$WORK/ocr.txt"; fail "OCR read no ID number"; }
  echo "ok  check-image --ocr: the ID card's fields read"
fi

out="$(clean timeout 120 "$BUNDLE" --smoke --workspace "$WORK/workspace" 2>/dev/null)" || fail "--smoke"
echo "$out" | grep -q "window ready" || fail "--smoke printed: $out"
echo "ok  --smoke: $(echo "$out" | grep "window ready")"

# no Python of the project's, nor a test or build tool, inside
for forbidden in pytest _pytest hypothesis PyInstaller mypy setuptools pip; do
  [ ! -e "$(dirname "$BUNDLE")/_internal/$forbidden" ] || fail "$forbidden is in the bundle"
done
echo "bundle check passed: $(du -sh "$(dirname "$BUNDLE")" | cut -f1) in $(dirname "$BUNDLE")"
