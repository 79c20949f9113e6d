#!/usr/bin/env bash
# Measures, on a running devcluster, the wall time from `borealis job create` (whole client
# process included) until instance 0 of hello_world is RUNNING, N times (default 10), and the
# resident memory of the executor process running the task. Prints each run and the median.
#
#   bin/borealis-devcluster start && e2e/bench/create-to-running.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
job=devcluster/www-data/prod/hello
borealis="$root/bin/borealis"
times=()
for ((i = 1; i <= runs; i++)); do
  "$borealis" job killall "$job" > /dev/null 2>&1 || true
  start=$(date +%s%N)
  "$borealis" job create "$job" "$root/examples/hello_world.groovy" > /dev/null
  until "$borealis" job status "$job" --write-json | grep -q '"status" *: *"RUNNING"'; do
    sleep 0.05
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "create -> RUNNING, median of $runs: ${median} ms (includes the client JVM start and status polling through the client)"
task=$("$borealis" job status "$job" --write-json | grep -o '"taskId" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
for dir in /proc/[0-9]*; do
  if tr '\0' ' ' < "$dir/cmdline" 2> /dev/null | grep -q "io.borealis.executor.app.ExecutorMain .*$task"; then
    rss=$(awk '/VmRSS/ {print $2, $3}' "$dir/status")
    echo "executor of $task: pid ${dir#/proc/}, VmRSS $rss"
  fi
done
"$borealis" job killall "$job" > /dev/null
