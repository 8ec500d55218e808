#!/usr/bin/env bash
# Times whole-book commands on a generated book of N complaints (default 100,000).
#   benches/big_book.sh [N]
# Builds in release mode, generates the book once under target/bench-book-N, then times each
# command three times and prints the best. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
cargo build --release --quiet --bin complaint --example generate
bin=target/release/complaint
book=target/bench-book-$n
if [ ! -f "$book/complaint.yaml" ]; then
  rm -rf "$book"
  /usr/bin/env time -f "generate $n: %es" target/release/examples/generate "$book" "$n" >/dev/null
fi
export COMPLAINT_DIR=$book COMPLAINT_NOW=2027-01-01T09:00:00+08:00
best() {
  local label=$1; shift
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N); "$@" >/dev/null || true; end=$(date +%s.%N)
    local t; t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '%-40s %6.2f s\n' "$label" "$best"
}
best "list (all, table)" $bin list
best "list --open --category CQ01 (json)" $bin list --open --category CQ01 --format json
best "list --from/--to one month (csv)" $bin list --from 2026-03-01 --to 2026-03-31 --format csv
best "sla (all clocks, table)" $bin sla
best "sla --format json" $bin sla --format json
best "show one complaint by suffix" $bin show "$(ls "$book"/records/2026/03 | head -1 | cut -c12-17)"
best "report one month (table)" $bin report --period 2026-03
best "report one month (html)" $bin report --period 2026-03 --format html
best "export (all, csv)" $bin export
