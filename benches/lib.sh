# Shared by the benchmark scripts (sourced, not run): timing and memory of one command.

ms() { # best wall time of $runs runs of the command (default 5), in ms
  local best=""
  for _ in $(seq "${runs:-5}"); do
    local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    local t=$(( (e - s) / 1000000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}
mib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", $1/1024}'; }
