package io.borealis.cli.admin.command;

import io.borealis.api.model.AssignedTask;
import io.borealis.cli.transport.InstanceTask;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -l} format of {@code borealis-admin query}: text with {@code %field%} placeholders,
 * one line per task (Aurora's {@code --listformat}). Fields: taskId, role, environment, name,
 * instanceId (alias shardId), status, host (alias slaveHost), agentId, failureCount, ancestorId,
 * priority, tier, cpu, ramMb, diskMb. Immutable.
 */
final class TaskFormat {
    static final String DEFAULT = "%role%/%name%/%instanceId% %status%";

    private static final Pattern FIELD = Pattern.compile("%([A-Za-z]*)%");
    private static final Map<String, Function<InstanceTask, Object>> FIELDS = fields();

    private final String format;

    private TaskFormat(String format) {
        this.format = format;
    }

    /**
     * @throws IllegalArgumentException naming an unknown field and listing the known ones
     */
    static TaskFormat parse(String format) {
        Objects.requireNonNull(format, "format is null");
        Matcher m = FIELD.matcher(format);
        while (m.find()) {
            if (!FIELDS.containsKey(m.group(1))) {
                throw new IllegalArgumentException("unknown field %" + m.group(1) + "% in '"
                        + format + "'; fields: " + String.join(", ", FIELDS.keySet()));
            }
        }
        return new TaskFormat(format);
    }

    String format(InstanceTask task) {
        Matcher m = FIELD.matcher(format);
        StringBuilder line = new StringBuilder();
        while (m.find()) {
            Object value = FIELDS.get(m.group(1)).apply(task);
            m.appendReplacement(line, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(line);
        return line.toString();
    }

    private static Map<String, Function<InstanceTask, Object>> fields() {
        Map<String, Function<InstanceTask, Object>> fields = new LinkedHashMap<>();
        fields.put("taskId", t -> assigned(t).taskId());
        fields.put("role", t -> assigned(t).task().job().role());
        fields.put("environment", t -> assigned(t).task().job().environment());
        fields.put("name", t -> assigned(t).task().job().name());
        fields.put("instanceId", InstanceTask::instance);
        fields.put("shardId", InstanceTask::instance);
        fields.put("status", t -> t.task().status());
        fields.put("host", t -> orDash(assigned(t).agentHost()));
        fields.put("slaveHost", t -> orDash(assigned(t).agentHost()));
        fields.put("agentId", t -> orDash(assigned(t).agentId()));
        fields.put("failureCount", t -> t.task().failureCount());
        fields.put("ancestorId", t -> orDash(t.task().ancestorId()));
        fields.put("priority", t -> assigned(t).task().priority());
        fields.put("tier", t -> orDash(assigned(t).task().tier()));
        fields.put("cpu", t -> assigned(t).task().resources().cpu());
        fields.put("ramMb", t -> assigned(t).task().resources().ramMb());
        fields.put("diskMb", t -> assigned(t).task().resources().diskMb());
        return Collections.unmodifiableMap(fields);
    }

    private static AssignedTask assigned(InstanceTask task) {
        return task.task().assignedTask();
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }

    /** Every field name, in the order listed in messages. */
    static List<String> fieldNames() {
        return List.copyOf(FIELDS.keySet());
    }
}
