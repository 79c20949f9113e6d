package io.borealis.scheduler.http;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.ScheduledTask;
import io.borealis.api.model.TaskEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the scheduler's pages as plain HTML: no JavaScript, a refresh every 5 seconds, every
 * value escaped. Pure functions of their arguments.
 */
final class Pages {
    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Pages() {}

    /** {@code /scheduler}: every role with its job counts. */
    static String roles(String cluster, Map<String, Integer> jobsByRole) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Cluster ").append(e(cluster)).append("</h1>\n");
        if (jobsByRole.isEmpty()) {
            body.append("<p>No jobs.</p>\n");
        } else {
            body.append("<table>\n<tr><th>role</th><th>jobs</th></tr>\n");
            jobsByRole.forEach((role, count) -> body.append("<tr><td><a href=\"/scheduler/")
                    .append(e(role)).append("\">").append(e(role)).append("</a></td><td>")
                    .append(count).append("</td></tr>\n"));
            body.append("</table>\n");
        }
        return page("Borealis " + cluster, body.toString());
    }

    /** {@code /scheduler/ROLE}: the role's jobs. */
    static String role(String role, List<JobConfiguration> jobs) {
        StringBuilder body = new StringBuilder();
        body.append("<p><a href=\"/scheduler\">all roles</a></p>\n");
        body.append("<h1>Role ").append(e(role)).append("</h1>\n");
        if (jobs.isEmpty()) {
            body.append("<p>No jobs.</p>\n");
        } else {
            body.append("<table>\n<tr><th>job</th><th>instances</th><th>kind</th></tr>\n");
            for (JobConfiguration job : jobs) {
                JobKey key = job.key();
                body.append("<tr><td><a href=\"").append(e(jobPath(key))).append("\">")
                        .append(e(key.environment() + "/" + key.name())).append("</a></td><td>")
                        .append(job.instanceCount()).append("</td><td>")
                        .append(job.taskConfig().isService() ? "service" : "job")
                        .append("</td></tr>\n");
            }
            body.append("</table>\n");
        }
        return page("Borealis " + role, body.toString());
    }

    /** {@code /scheduler/ROLE/ENV/JOB}: the job's instances, active first, then ended ones. */
    static String job(JobKey key, Optional<JobConfiguration> job, List<ScheduledTask> tasks) {
        StringBuilder body = new StringBuilder();
        body.append("<p><a href=\"/scheduler\">all roles</a> / <a href=\"/scheduler/")
                .append(e(key.role())).append("\">").append(e(key.role())).append("</a></p>\n");
        body.append("<h1>Job ").append(e(key.toString())).append("</h1>\n");
        if (job.isPresent()) {
            JobConfiguration config = job.get();
            body.append("<p>").append(config.taskConfig().isService() ? "service" : "job")
                    .append(", owner ").append(e(config.owner())).append(", ")
                    .append(config.instanceCount()).append(" instances, each cpu ")
                    .append(config.taskConfig().resources().cpu()).append(", ram ")
                    .append(config.taskConfig().resources().ramMb()).append(" MB, disk ")
                    .append(config.taskConfig().resources().diskMb()).append(" MB</p>\n");
        } else if (!tasks.isEmpty()) {
            body.append("<p>This job is no longer scheduled; its tasks remain.</p>\n");
        }
        if (tasks.isEmpty()) {
            body.append("<p>No tasks.</p>\n");
        }
        List<ScheduledTask> active = tasks.stream().filter(t -> t.status().isActive()).toList();
        List<ScheduledTask> ended = tasks.stream().filter(t -> t.status().isTerminal()).toList();
        if (!active.isEmpty()) {
            body.append("<h2>Active tasks</h2>\n");
            table(body, active);
        }
        if (!ended.isEmpty()) {
            body.append("<h2>Ended tasks</h2>\n");
            table(body, ended);
        }
        return page("Borealis " + key, body.toString());
    }

    private static void table(StringBuilder body, List<ScheduledTask> tasks) {
        body.append("<table>\n<tr><th>instance</th><th>status</th><th>task id</th><th>host</th>"
                + "<th>latest event</th></tr>\n");
        for (ScheduledTask task : tasks) {
            body.append("<tr><td>").append(task.assignedTask().instanceId()).append("</td><td>")
                    .append(task.status()).append("</td><td>")
                    .append(e(task.assignedTask().taskId())).append("</td><td>");
            String host = task.assignedTask().agentHost();
            if (host != null && task.observerUrl() != null) {
                body.append("<a href=\"").append(e(task.observerUrl())).append("\">")
                        .append(e(host)).append("</a>");
            } else if (host != null) {
                body.append(e(host));
            }
            body.append("</td><td>");
            if (!task.taskEvents().isEmpty()) {
                TaskEvent last = task.taskEvents().get(task.taskEvents().size() - 1);
                body.append(TIME.format(Instant.ofEpochMilli(last.timestamp()))).append(' ')
                        .append(last.status());
                if (last.message() != null) {
                    body.append(": ").append(e(last.message()));
                }
            }
            body.append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    static String jobPath(JobKey key) {
        return "/scheduler/" + key.role() + "/" + key.environment() + "/" + key.name();
    }

    /** {@code /agents}: every registered agent with its resources and attributes. */
    static String agents(List<AgentInfo> agents) {
        StringBuilder body = new StringBuilder();
        body.append("<p><a href=\"/scheduler\">all roles</a></p>\n");
        body.append("<h1>Agents</h1>\n");
        if (agents.isEmpty()) {
            body.append("<p>No agent has registered.</p>\n");
        } else {
            body.append("<table>\n<tr><th>agent</th><th>host</th><th>cpu</th><th>ram</th>"
                    + "<th>disk</th><th>attributes</th><th>observer</th></tr>\n");
            for (AgentInfo agent : agents) {
                String attributes = agent.attributes().stream()
                        .map(a -> a.name() + "=" + String.join(",", a.values()))
                        .collect(Collectors.joining(" "));
                body.append("<tr class=\"agent\"><td>").append(e(agent.agentId()))
                        .append("</td><td>").append(e(agent.host()))
                        .append("</td><td>").append(agent.resources().cpu())
                        .append("</td><td>").append(agent.resources().ramMb()).append(" MB")
                        .append("</td><td>").append(agent.resources().diskMb()).append(" MB")
                        .append("</td><td>").append(e(attributes)).append("</td><td>");
                if (agent.observerUrl() != null) {
                    body.append("<a href=\"").append(e(agent.observerUrl())).append("\">")
                            .append(e(agent.observerUrl())).append("</a>");
                }
                body.append("</td></tr>\n");
            }
            body.append("</table>\n");
        }
        return page("Borealis agents", body.toString());
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"refresh\" content=\"5\">\n<title>" + e(title)
                + "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>\n"
                + "</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String e(String text) {
        return HTML.escape(text);
    }
}
