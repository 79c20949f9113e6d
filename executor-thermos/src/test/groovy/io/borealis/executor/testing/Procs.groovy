package io.borealis.executor.testing

/**
 * Looks at the host's processes independently of the executor's own code: reads
 * {@code /proc/PID/environ} directly, so that a bug in the executor's scan cannot hide survivors.
 */
final class Procs {
    private Procs() {}

    /** Pids of live (non-zombie) processes that carry {@code taskId} in BOREALIS_TASK_ID. */
    static List<Long> ofTask(String taskId) {
        byte[] tag = "BOREALIS_TASK_ID=${taskId}\u0000".getBytes('UTF-8')
        new File('/proc').listFiles().findAll { it.name ==~ /\d+/ }.findResults { File dir ->
            try {
                String stat = new File(dir, 'stat').text
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith('Z')) {
                    return null
                }
                byte[] environ = new File(dir, 'environ').bytes
                contains(environ, tag) ? (dir.name as Long) : null
            } catch (IOException ignored) {
                null // gone meanwhile, or not ours to read
            }
        }
    }

    /** SIGKILLs whatever a failed specification left behind. */
    static void killAll(String taskId) {
        ofTask(taskId).each { pid -> ProcessHandle.of(pid).ifPresent { it.destroyForcibly() } }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer
                }
            }
            return true
        }
        false
    }
}
