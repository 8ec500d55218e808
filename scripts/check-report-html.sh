#!/usr/bin/env bash
# Renders the demo book's report as HTML and checks it in a real browser (headless Chromium):
# the page loads from a file with no network, the three SVG charts are in the rendered DOM, and
# a screenshot is written for a person to look at (Chinese text must show, not empty boxes).
#
#   scripts/check-report-html.sh [OUT_DIR]     # default OUT_DIR: target/report-check
#
# Needs /usr/bin/chromium (or $CHROMIUM) and a CJK font; on Debian/Ubuntu:
#   apt-get install -y chromium fonts-noto-cjk
# Not part of `cargo test`: the test suite never needs a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

if ! fc-list :lang=zh | grep -q .; then
    echo "warning: no CJK font installed (apt-get install -y fonts-noto-cjk): Chinese will show as boxes" >&2
fi

cargo build --quiet --bin complaint
target/debug/complaint --dir fixtures/demo --now "2026-11-25 20:00" \
    report --period 2026-11 --format html -o "$out/report.html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browse() {
    # No network, no first-run or background traffic: the page must stand on its own.
    timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" "file://$out/report.html" 2>/dev/null
}
browse --screenshot="$out/report.png" --window-size=1200,2000
browse --dump-dom > "$out/report.dom.html"

fail() { echo "check-report-html: $*" >&2; exit 1; }
[ -s "$out/report.png" ] || fail "no screenshot was written"
charts=$(grep -o '<svg class="chart"' "$out/report.dom.html" | wc -l)
[ "$charts" -eq 3 ] || fail "expected 3 SVG charts in the rendered DOM, found $charts"
grep -q '<rect class="bar"' "$out/report.dom.html" || fail "the charts have no bars"
grep -q '受理量趋势' "$out/report.dom.html" || fail "the Chinese headings are missing"
if grep -Eq '(src|href)="(https?:)?//' "$out/report.html"; then
    fail "the page refers to something on the network"
fi
echo "ok: $charts charts rendered; screenshot $out/report.png"
