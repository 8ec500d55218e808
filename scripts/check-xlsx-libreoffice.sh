#!/usr/bin/env bash
# Opens the demo book's export, revealed, as a spreadsheet in a real office suite (LibreOffice,
# headless) and checks what a manager would see: the phone number keeps `+86` and its leading
# digits, the rulebook version `2026.1` stays text, IDs stay as written, and the price is a
# number. LibreOffice reads the .xlsx and writes it back as CSV, with every cell as shown.
#
#   scripts/check-xlsx-libreoffice.sh [OUT_DIR]     # default OUT_DIR: target/xlsx-check
#
# Needs soffice (or $SOFFICE); on Debian/Ubuntu: apt-get install -y libreoffice-calc
# Not part of `cargo test`: the test suite reads the workbook back with calamine instead.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/xlsx-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
soffice=${SOFFICE:-soffice}

cargo build --quiet --bin complaint
book=$(mktemp -d)
trap 'rm -rf "$book"' EXIT
cp -r fixtures/demo/. "$book"
complaint() { target/debug/complaint --dir "$book" --now "2026-11-27 09:00" "$@"; }
# A customer whose number a spreadsheet would otherwise turn into 8613812345678.
complaint --no-commit new --channel hotline --category CQ01 --customer 张三 \
    --phone "+86 138 1234 5678" --subject-kind product --subject 手机 \
    --description 屏幕碎裂 --demand 退货 --price 1299.50 --format json >"$out/new.json"
complaint --no-commit export --reveal --format xlsx -o "$out/export.xlsx"

# LibreOffice's own profile, so that a desktop session is neither needed nor touched.
profile=$(mktemp -d)
trap 'rm -rf "$book" "$profile"' EXIT
timeout 120 "$soffice" -env:UserInstallation="file://$profile" --headless \
    --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir "$out" "$out/export.xlsx" >/dev/null
csv="$out/export.csv"
test -s "$csv" || { echo "LibreOffice wrote no CSV" >&2; exit 1; }

fail=0
check() {
    if grep -qF -- "$1" "$csv"; then
        echo "ok: $2"
    else
        echo "FAILED: $2 (no $1 in $csv)" >&2
        fail=1
    fi
}
check '+86 138 1234 5678' "the phone number keeps +86 and its digits"
check '2026.1' "the rulebook version stays 2026.1"
check "$(sed -n 's/.*"id": "\(C-[0-9A-Z-]*\)".*/\1/p' "$out/new.json" | head -1)" "the new complaint's ID is as written"
check '1299.50' "the price shows with two decimals"
if grep -qE '(^|,)8613812345678(,|$)' "$csv"; then
    echo "FAILED: the phone number became a number" >&2
    fail=1
fi
exit $fail
