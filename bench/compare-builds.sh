#!/usr/bin/env bash
# Compares the load benchmark of two builds of Undersign on this machine, alternating them so that
# drift in the machine (other work, the page cache, checkpoints) falls on both alike:
#
#   bench/compare-builds.sh <checkout-before> <checkout-after> [rounds]
#
# Each checkout is a git worktree with its dependencies installed and built with the benchmark's
# baselines (`BENCH_BASELINES=1 NODE_ENV=production npm run build`). Each round runs before, after,
# after, before (so every position in the order is taken by both); BENCH_SECONDS (default 15) as in
# `npm run bench load`. Prints the sign, confirm and form rows of every run, and their means per build.
set -euo pipefail
before=$(cd "$1" && pwd)
after=$(cd "$2" && pwd)
rounds=${3:-2}
export BENCH_SECONDS=${BENCH_SECONDS:-15}
out=$(mktemp -d)
declare -A sum count
row() { grep -m1 -F "$2" "$1" | awk -F'|' '{gsub(/ /, "", $3); print $3}'; }
for ((r = 1; r <= rounds; r++)); do
  for build in before after after before; do
    dir=$before
    [[ $build == after ]] && dir=$after
    log="$out/$r-$build-$RANDOM.log"
    echo "== round $r, $build ($(git -C "$dir" rev-parse --short HEAD)), $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$dir" && npm run --silent bench load >"$log" 2>&1)
    for what in 'sign: POST' 'confirm: POST' 'sign: the form'; do
      v=$(row "$log" "$what")
      echo "   $what: $v/s"
      sum[$build,$what]=$((${sum[$build,$what]:-0} + ${v%.*}))
      count[$build,$what]=$((${count[$build,$what]:-0} + 1))
    done
  done
done
for what in 'sign: POST' 'confirm: POST' 'sign: the form'; do
  b=$((${sum[before,$what]} / ${count[before,$what]}))
  a=$((${sum[after,$what]} / ${count[after,$what]}))
  echo "$what: before $b/s, after $a/s, after ÷ before $((100 * a / b)) %"
done
echo "logs: $out"
