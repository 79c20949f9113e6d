package io.borealis.agent.testing

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A stand-in for the Borealis executor: a shell script run as {@code EXECUTOR_COMMAND TASK_ROOT}
 * that writes checkpoint lines as the real executor does (a header with its pid, then ACTIVE),
 * and then obeys one command the test writes to {@code TASK_ROOT/control}:
 * <ul>
 *   <li>{@code succeed} / {@code fail}: record SUCCESS / FAILED and exit 0 / 1</li>
 *   <li>{@code crash}: exit 3 without recording a terminal state</li>
 *   <li>{@code stubborn}: ignore SIGTERM from now on and start a child ({@code sleep}) that
 *       inherits the environment; its pid goes to {@code TASK_ROOT/child.pid}</li>
 * </ul>
 * SIGTERM (unless stubborn) records KILLED and exits 0, as the real executor does after a
 * graceful stop.
 */
class ExecutorStandIn {
    static final String SCRIPT = '''#!/bin/sh
root="$1"
ck="$root/runner.ckpt"
id=$(basename "$root")
seq=0
record() {
  seq=$((seq + 1))
  printf '{"type":"%s","seq":%d,"timestamp":%s,%s}\\n' "$1" "$seq" "$(date +%s%3N)" "$2" >> "$ck"
}
record header "\\"taskId\\":\\"$id\\",\\"hostname\\":\\"test\\",\\"user\\":\\"test\\",\\"executorPid\\":$$,\\"instance\\":0,\\"ports\\":{}"
on_term() {
  record task '"state":"KILLED","message":"killed on request"'
  exit 0
}
trap on_term TERM
record task '"state":"ACTIVE"'
while :; do
  if [ -f "$root/control" ]; then
    cmd=$(cat "$root/control")
    rm -f "$root/control"
    case "$cmd" in
      succeed) record task '"state":"SUCCESS","message":"all processes succeeded"'; exit 0 ;;
      fail) record task '"state":"FAILED","message":"process hello failed"'; exit 1 ;;
      crash) exit 3 ;;
      stubborn) trap '' TERM; sleep 1000 & echo $! > "$root/child.pid" ;;
    esac
  fi
  sleep 0.05
done
'''

    static Path write(Path dir) {
        Path script = dir.resolve('fake-executor')
        Files.writeString(script, SCRIPT)
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString('rwxr-xr-x'))
        script
    }

    /** Tells the stand-in running task {@code taskRoot} what to do next. */
    static void command(Path taskRoot, String command) {
        Path tmp = taskRoot.resolve('control.tmp')
        Files.writeString(tmp, command)
        Files.move(tmp, taskRoot.resolve('control'))
    }

    /** Whether {@code pid} is a live process (not gone, not a zombie). */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc/$pid/stat")
        if (!Files.exists(stat)) {
            return false
        }
        try {
            String text = Files.readString(stat)
            char state = text.charAt(text.lastIndexOf(')') + 2)
            return state != ('Z' as char) && state != ('X' as char)
        } catch (IOException ignored) {
            return false
        }
    }

    /** The session id of {@code pid} (field 6 of /proc/PID/stat). */
    static long session(long pid) {
        String text = Files.readString(Path.of("/proc/$pid/stat"))
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(' ')
        Long.parseLong(fields[3])
    }
}
