#!/usr/bin/env bash
# The index's benchmark: every figure beside a baseline measured in the same run, on generated
# books of N complaints with 1 % open (default sizes: 10000 100000).
#   benches/index.sh [N ...]
# Builds in release mode; generates each book once under $CARGO_TARGET_DIR (default target)
# as bench-index-N, and the same size under git as bench-index-N-git (every record in one
# commit, made with git fast-import). Past 300,000 complaints only the git book is made (a
# million records take 4 GB a copy) and every figure is taken on it. Times are the best of 5
# runs (wall, ms); "cold" runs start without the index; peak memory is the maximum resident set
# (MiB). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet --bin complaint --example generate
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
bin=$target/release/complaint
now=2027-01-01T09:00:00+08:00
export COMPLAINT_NOW=$now COMPLAINT_USER=bench COMPLAINT_LANG=en

# shellcheck source=benches/lib.sh
. benches/lib.sh
# An open complaint of the book $1 received by 2026-12-19, so that its events are all before
# $now and a note is accepted (a refused note would time the refusal).
open_id() {
  { grep -L 'event: close' "$1"/records/2026/12/C-2026121[0-9]-*.yaml || true; } | head -1 |
    xargs basename | cut -c12-17
}
cold() { rm -f "$COMPLAINT_DIR"/.complaint/index.sqlite*; "$@"; }
row() { printf '%-44s %9s %9s %7s\n' "$1" "$2" "$3" "$4"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
intake=(--channel hotline --category CQ01 --customer 张三 --phone 13812345678 --subject-kind
  product --subject 手机 --description 收到的手机屏幕碎裂 --demand 退货并赔偿)

declare -A show new note newgit notegit splitnew splitnote
for n in "${sizes[@]}"; do
  book=$target/bench-index-$n
  gitbook=$book-git
  if [ "$n" -gt 300000 ]; then book=$gitbook; fi
  for b in "$book" "$gitbook"; do
    if [ ! -f "$b/complaint.yaml" ]; then
      rm -rf "$b"
      flags=(); [ "$b" = "$gitbook" ] && flags=(--git)
      "$target"/release/examples/generate "$b" "$n" --open 1 "${flags[@]}" >/dev/null
    fi
  done
  export COMPLAINT_DIR=$book
  id=$(open_id "$book")
  echo
  echo "== $n complaints ($(grep -L 'event: close' -r "$book/records" | wc -l) open)"
  row "command" "ms" "baseline" "ratio"
  months=$(ms stat -c %Y "$book"/records/*/*)
  # Past 100,000 the runs that read every record once are taken once.
  slow=5; [ "$n" -le 100000 ] || slow=1
  floor=$(runs=$slow ms sh -c "find '$book/records' -name '*.yaml' -print0 | xargs -0 cat")
  python=$(runs=$slow ms python3 benches/naive_sla.py "$book" "$now")
  "$bin" sla >/dev/null 2>&1 || true
  warm=$(ms "$bin" sla)
  row "sla warm vs stat of the month folders" "$warm" "$months" "$(ratio "$warm" "$months")"
  row "sla warm vs PyYAML naive script" "$warm" "$python" "$(ratio "$warm" "$python")"
  coldsla=$(runs=$slow ms cold "$bin" sla)
  row "sla cold vs cat of every record" "$coldsla" "$floor" "$(ratio "$coldsla" "$floor")"
  scan=$(runs=$slow ms "$bin" sla --no-index)
  row "sla --no-index (every file) vs cat" "$scan" "$floor" "$(ratio "$scan" "$floor")"
  "$bin" sla >/dev/null 2>&1 || true
  show[$n]=$(ms "$bin" show "$id")
  new[$n]=$(ms "$bin" new --no-commit "${intake[@]}")
  note[$n]=$(ms "$bin" note "$id" 基准测试 --no-commit)
  row "show ID" "${show[$n]}" "" ""
  row "new --no-commit" "${new[$n]}" "" ""
  row "note --no-commit" "${note[$n]}" "" ""
  month=$(ms "$bin" list --from 2026-03-01 --to 2026-03-31 --format csv)
  row "list one month (csv)" "$month" "" ""
  report=$(ms "$bin" report --period 2026-03)
  row "report one month" "$report" "" ""
  # The book in git, each write a commit.
  export COMPLAINT_DIR=$gitbook
  id=$(open_id "$gitbook")
  "$bin" show "$id" >/dev/null 2>&1 || true
  newgit[$n]=$(ms "$bin" new "${intake[@]}")
  notegit[$n]=$(ms "$bin" note "$id" 基准测试)
  # Git's own part: bringing its index up to one changed file (touched, so that git writes
  # its index again), as every commit of a write must.
  path=$(cd "$gitbook" && git ls-files "records/2026/12" | sed -n 1p)
  floor=$(ms sh -c "cd '$gitbook' && touch '$path' && printf '%s\\0' '$path' | git update-index -z --stdin")
  row "new (with its git commit)" "${newgit[$n]}" "" ""
  row "note (with its git commit) vs git's index" "${notegit[$n]}" "$floor" \
    "$(ratio "${notegit[$n]}" "$floor")"
  # The same with git's index split in two (README: "Big books"), then put back.
  git -C "$gitbook" config core.splitIndex true
  git -C "$gitbook" update-index --split-index
  splitnew[$n]=$(ms "$bin" new "${intake[@]}")
  splitnote[$n]=$(ms "$bin" note "$id" 基准测试)
  floor=$(ms sh -c "cd '$gitbook' && touch '$path' && printf '%s\\0' '$path' | git update-index -z --stdin")
  row "new, git's index split" "${splitnew[$n]}" "" ""
  row "note, git's index split vs git's index" "${splitnote[$n]}" "$floor" \
    "$(ratio "${splitnote[$n]}" "$floor")"
  git -C "$gitbook" config --unset core.splitIndex
  git -C "$gitbook" update-index --no-split-index
  rm -f "$gitbook"/.git/sharedindex.*
  export COMPLAINT_DIR=$book
  row "peak MiB: sla warm / sla cold / report" \
    "$(mib "$bin" sla)" \
    "$(mib sh -c "rm -f '$book'/.complaint/index.sqlite*; exec '$bin' sla")" \
    "$(mib "$bin" report --period 2026-03)"
done
if [ ${#sizes[@]} -gt 1 ]; then
  first=${sizes[0]}
  echo
  echo "== one complaint, against $first complaints"
  for n in "${sizes[@]:1}"; do
    row "show ID at $n" "${show[$n]}" "${show[$first]}" "$(ratio "${show[$n]}" "${show[$first]}")"
    row "new --no-commit at $n" "${new[$n]}" "${new[$first]}" "$(ratio "${new[$n]}" "${new[$first]}")"
    row "note --no-commit at $n" "${note[$n]}" "${note[$first]}" "$(ratio "${note[$n]}" "${note[$first]}")"
    row "new with commit at $n" "${newgit[$n]}" "${newgit[$first]}" "$(ratio "${newgit[$n]}" "${newgit[$first]}")"
    row "note with commit at $n" "${notegit[$n]}" "${notegit[$first]}" "$(ratio "${notegit[$n]}" "${notegit[$first]}")"
    row "note, git's index split, at $n" "${splitnote[$n]}" "${splitnote[$first]}" \
      "$(ratio "${splitnote[$n]}" "${splitnote[$first]}")"
  done
fi
