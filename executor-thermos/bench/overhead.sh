#!/usr/bin/env bash
# Measures the executor's own overhead: N executors (default 20) each run a tiny task
# (`sleep 600`); prints each executor's resident memory (RSS), proportional set size (PSS, from
# /proc/PID/smaps_rollup: pages shared with the other executors, such as the class-data-sharing
# archive, count once across them) and its launch latency, from exec of bin/borealis-executor to
# the checkpoint's RUNNING record of the task's process; then medians. Every executor and task is
# stopped at the end (SIGTERM, as the agent does).
#
#   executor-thermos/bench/overhead.sh [N]        (after: mvn -o -pl executor-thermos package -DskipTests)
#
# Extra JVM options for a trial: BOREALIS_EXECUTOR_JAVA_OPTS="-Xint" executor-thermos/bench/overhead.sh
set -euo pipefail
N=${1:-20}
MODULE="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
EXECUTOR="$MODULE/bin/borealis-executor"
WORK=$(mktemp -d /tmp/borealis-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 200); do kill -0 "$pid" 2> /dev/null || break; sleep 0.05; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

task_json() { # TASK_ID CMDLINE
  cat <<JSON
{"taskId":"$1","agentId":"bench","agentHost":"localhost","instanceId":0,"assignedPorts":{},
 "task":{"job":{"role":"www-data","environment":"prod","name":"tiny"},"isService":false,
  "priority":0,"production":false,"maxTaskFailures":1,
  "resources":{"cpu":0.1,"ramMb":64,"diskMb":64,"gpu":0},
  "constraints":[],"requestedPorts":[],"metadata":[],
  "task":{"name":"tiny","orderConstraints":[],"maxFailures":1,"maxConcurrency":0,
   "finalizationWaitSecs":0,
   "processes":[{"name":"tiny","cmdline":"$2","maxFailures":1,"daemon":false,
    "ephemeral":false,"minDurationSecs":0,"isFinal":false,
    "logger":{"destination":"FILE","mode":"STANDARD","rotateLogSizeBytes":0,"rotateBackups":0}}]}}}
JSON
}

# Starts one executor in the background; sets LAUNCHED_PID and LAUNCHED_ROOT, START_MS.
launch() { # NAME CMDLINE
  local id root
  id="$(date +%s%3N)-www-data-prod-tiny-0-$1"
  root="$WORK/tasks/$id"
  mkdir -p "$root/sandbox"
  task_json "$id" "$2" > "$root/task.json"
  START_MS=$(date +%s%3N)
  BOREALIS_TASK_ID=$id BOREALIS_TASK_USER=executor setsid "$EXECUTOR" "$root" \
    > "$root/executor.log" 2>&1 < /dev/null &
  LAUNCHED_PID=$!
  LAUNCHED_ROOT=$root
}

# Waits for the RUNNING record of the task under ROOT; prints its timestamp (epoch ms).
running_at() {
  for _ in $(seq 1 2000); do
    local line
    line=$(grep -m1 '"state":"RUNNING"' "$1/runner.ckpt" 2> /dev/null || true)
    if [ -n "$line" ]; then
      sed -E 's/.*"timestamp":([0-9]+).*/\1/' <<< "$line"
      return
    fi
    sleep 0.005
  done
  echo "borealis bench: no RUNNING record in $1/runner.ckpt" >&2
  cat "$1/executor.log" >&2
  exit 1
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Warm-up: the first executor after a build records the class-data-sharing archive at its exit.
launch warmup0 "true"
wait "$LAUNCHED_PID" || true

LATENCIES=()
for i in $(seq 1 "$N"); do
  launch "$(printf '%08x' "$i")" "sleep 600"
  PIDS+=("$LAUNCHED_PID")
  at=$(running_at "$LAUNCHED_ROOT")
  LATENCIES+=($((at - START_MS)))
done
sleep 3 # let every executor settle (first samples taken, start-up garbage collected)

printf '%-4s %8s %9s %9s %12s\n' '#' pid 'RSS(MB)' 'PSS(MB)' 'latency(ms)'
RSS=(); PSS=()
for i in $(seq 0 $((N - 1))); do
  pid=${PIDS[$i]}
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  RSS+=("$rss"); PSS+=("$pss")
  printf '%-4s %8s %9.1f %9.1f %12s\n' "$((i + 1))" "$pid" "$(bc -l <<< "$rss/1024")" \
    "$(bc -l <<< "$pss/1024")" "${LATENCIES[$i]}"
done
echo "median of $N: RSS $(printf '%s\n' "${RSS[@]}" | median | awk '{printf "%.1f", $1/1024}') MB," \
  "PSS $(printf '%s\n' "${PSS[@]}" | median | awk '{printf "%.1f", $1/1024}') MB," \
  "latency $(printf '%s\n' "${LATENCIES[@]}" | median) ms (exec -> first process RUNNING)"
echo "JVM options: ${BOREALIS_EXECUTOR_JAVA_OPTS:-(launcher defaults)}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
