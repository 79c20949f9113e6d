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
scheduler=${BOREALIS_SCHEDULER:-http://localhost:8081}
query='[1,"ReadOnlyScheduler:getTasksStatus",1,0,{"1":{"rec":{"1":{"str":"www-data"},"2":{"str":"prod"},"3":{"str":"hello"},"5":{"set":["i32",1,2]}}}}]'

times=()
for ((i = 1; i <= runs; i++)); do
  "$borealis" job killall "$job" > /dev/null 2>&1 || true
  start=$(date +%s%N)
  "$borealis" job create "$job" "$root/examples/hello_world.groovy" > /dev/null
  # Poll the scheduler's Thrift API directly (ReadOnlyScheduler.getTasksStatus for RUNNING
  # tasks of the job), so that the client JVM's start is counted once, not once per poll.
  until curl -fsS -X POST -H 'Content-Type: application/x-thrift' --data "$query" "$scheduler/api" \
      | grep -q -- '-www-data-prod-hello-0-'; do
    sleep 0.02
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "create -> RUNNING, median of $runs: ${median} ms (whole client process included)"
task=$("$borealis" job status "$job" --write-json | grep -o '"taskId" *: *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
for dir in /proc/[0-9]*; do
  if tr '\0' ' ' < "$dir/cmdline" 2> /dev/null | grep -q "io.borealis.executor.app.ExecutorMain .*$task"; then
    rss=$(awk '/VmRSS/ {print $2, $3}' "$dir/status")
    echo "executor of $task: pid ${dir#/proc/}, VmRSS $rss"
  fi
done
"$borealis" job killall "$job" > /dev/null
