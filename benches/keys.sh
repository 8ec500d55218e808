#!/usr/bin/env bash
# What keys and encryption cost, on a generated book of N complaints with 1 % open (default
# 100000): `list --open` and `sla` on the same book in clear and after `complaint encrypt`,
# measured in turns (they never decrypt, so the two should be equal within noise), the one-off
# `encrypt` itself, and `export --reveal` (every record opened with a key) of the open
# complaints and of the whole book.
#   benches/keys.sh [N]
# Builds in release mode; the books are generated under $CARGO_TARGET_DIR (default target) as
# bench-keys-N and bench-keys-N-clear, without git: the figures are the cryptography's and the
# files', not git's. Times are wall-clock ms, the best of 5 runs where a run changes nothing;
# peak memory in MiB. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
cargo build --release --quiet --bin complaint --example generate
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
bin=$target/release/complaint
keys=$PWD/fixtures/keys
book=$target/bench-keys-$n
export COMPLAINT_DIR=$book COMPLAINT_NOW=2027-01-01T09:00:00+08:00 COMPLAINT_LANG=en
export COMPLAINT_USER=王芳 COMPLAINT_IDENTITY=$keys/wangfang

# shellcheck source=benches/lib.sh
. benches/lib.sh
row() { printf '%-46s %9s %9s\n' "$1" "$2" "$3"; }

clear=$book-clear
rm -rf "$book" "$clear"
"$target"/release/examples/generate "$book" "$n" --open 1 >/dev/null
"$bin" staff add 王芳 --role admin --key-file "$keys/wangfang.pub" >/dev/null
"$bin" staff add 李娜 --role dept_head --key-file "$keys/lina.pub" >/dev/null
"$bin" staff add 赵敏 --key-file "$keys/zhaomin.pub" >/dev/null
cp -a "$book" "$clear"
echo "== $n complaints, $(grep -L 'event: close' -r "$book/records" | wc -l) open"
row "command" "ms" "peak MiB"
row "encrypt (once: every record sealed to 3 keys)" "$(runs=1 ms "$bin" encrypt)" "-"
grep -q "sealed: " -r "$book/records" --include='*.yaml' -m1 || { echo "encrypt sealed nothing" >&2; exit 1; }
# The same book in clear and encrypted, measured in turns so that the machine's load falls on
# both alike (each with its index built first).
for dir in "$clear" "$book"; do COMPLAINT_DIR=$dir "$bin" sla >/dev/null 2>&1 || true; done
for command in "list --open" "sla"; do
  for dir in "$clear" "$book"; do
    what=encrypted; [ "$dir" = "$clear" ] && what=clear
    # shellcheck disable=SC2086 # the command's words
    row "$command ($what)" "$(COMPLAINT_DIR=$dir ms "$bin" $command)" \
      "$(COMPLAINT_DIR=$dir mib "$bin" $command)"
  done
done
# Each reveal is recorded in every record shown, so these runs change the book: taken once.
row "export --reveal --open (opened with a key)" "$(runs=1 ms "$bin" export --reveal --open)" "-"
row "export --open (masked, for comparison)" "$(ms "$bin" export --open)" "-"
row "export --reveal (all $n)" "$(runs=1 ms "$bin" export --reveal)" "-"
row "export (all $n, masked)" "$(runs=1 ms "$bin" export)" "-"
