#!/usr/bin/env bash
# Times `show` of records at the size limits (a description of 64 KiB, the field limit, and a
# record near 1 MiB, the record limit, made of many notes), and of a 50 MB record edited by
# hand past the limit, which must be refused at once, naming the file.
#   benches/big_record.sh
# Builds in release mode; works in a temporary book. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin complaint
bin=$PWD/target/release/complaint
book=$(mktemp -d)
trap 'rm -rf "$book"' EXIT
cd "$book"
export COMPLAINT_USER=王芳 COMPLAINT_NOW=2026-12-01T10:00:00+08:00
$bin init -q . >/dev/null 2>&1 || $bin init . >/dev/null
python3 -c "
import json
print(json.dumps({'channel':'hotline','category':'CQ01','customer':{'name':'张三','phone':'13812345678'},
  'subject':{'kind':'product','name':'手机'},'description':'很长的描述。'*(65000//18),'demand':'退货'}))" > intake.json
$bin new --from intake.json >/dev/null
id=$(ls records/2026/12 | head -1 | sed 's/.yaml//')
time_it() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
  printf '%-52s %6.3f s\n' "$label" "$(echo "$end - $start" | bc)"
}
time_it "show, 64 KiB description (table)" $bin show "$id"
time_it "show, 64 KiB description (json)" $bin show "$id" --format json
python3 - "$book/records/2026/12/$id.yaml" <<'PY'
import sys
path = sys.argv[1]
with open(path, 'a') as f:
    for i in range(15):
        f.write(f"- at: 2026-12-01T10:{i:02d}:30+08:00\n  by: 王芳\n  event: note\n  text: {'记录'*10000}\n")
PY
ls -l "records/2026/12/$id.yaml" | awk '{print "record size: " $5 " bytes"}'
time_it "show, record near 1 MiB (table)" $bin show "$id"
python3 -c "print('x: ' + 'y'*50000000)" >> "records/2026/12/$id.yaml"
time_it "show, 50 MB record (refused)" $bin show "$id"
