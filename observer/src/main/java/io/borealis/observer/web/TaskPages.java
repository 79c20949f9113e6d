package io.borealis.observer.web;

import static java.util.Objects.requireNonNull;

import io.borealis.observer.checkpoint.ObservedTask;
import io.borealis.observer.checkpoint.Sandbox;
import io.borealis.observer.checkpoint.WorkDir;
import io.borealis.observer.view.ProcessPage;
import io.borealis.observer.view.ProcessView;
import io.borealis.observer.view.RunView;
import io.borealis.observer.view.TaskList;
import io.borealis.observer.view.TaskPage;
import io.borealis.observer.view.TaskSummary;
import io.borealis.observer.view.TaskView;
import io.borealis.observer.view.TaskViews;
import java.util.List;
import java.util.Map;

/**
 * The task pages: {@code /} (all tasks), {@code /task/ID}, {@code /process/ID/NAME[/RUN]}, and
 * their JSON twins {@code /api/tasks} and {@code /api/task/ID}. Called concurrently by the
 * handler; every call reads the task directories afresh.
 */
final class TaskPages {
    /** Finished tasks a page of {@code /}: enough for a glance, few enough to render fast. */
    static final int FINISHED_PAGE = 100;

    private final WorkDir workDir;
    private final TaskViews views;
    private final Templates templates;
    private final String hostname;
    private final TaskList taskList;

    TaskPages(WorkDir workDir, TaskViews views, Templates templates, String hostname) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.views = requireNonNull(views, "views is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.hostname = requireNonNull(hostname, "hostname is null");
        this.taskList = new TaskList(workDir, views);
    }

    /**
     * {@code /?page=N}: every active task (a host runs few), and page N (from 1) of the finished
     * ones, newest first, {@link #FINISHED_PAGE} a page.
     *
     * @throws HttpError 400 when {@code pageText} is not a page number from 1
     */
    Reply index(String pageText) {
        int page = pageNumber(pageText);
        List<TaskSummary> tasks = taskList.summaries();
        List<TaskSummary> finished = tasks.stream().filter(t -> !t.active()).toList();
        int from = Math.min((page - 1) * FINISHED_PAGE, finished.size());
        int to = Math.min(from + FINISHED_PAGE, finished.size());
        Map<String, Object> model = model("Tasks on " + hostname, "10");
        model.put("active", tasks.stream().filter(TaskSummary::active).toList());
        model.put("finished", finished.subList(from, to));
        model.put("finishedTotal", finished.size());
        model.put("page", page);
        model.put("from", from + 1);
        model.put("to", to);
        model.put("previous", page > 1 ? "/?page=" + (page - 1) : null);
        model.put("next", to < finished.size() ? "/?page=" + (page + 1) : null);
        model.put("workDir", workDir.root().toString());
        return new Reply.Html(200, templates.render("tasks", model));
    }

    private static int pageNumber(String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(text);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpError.badRequest("page '" + text + "' is not a page number from 1");
    }

    Reply task(String taskId) {
        ObservedTask observed = find(taskId);
        TaskView task = views.task(observed);
        Sandbox sandbox = observed.sandbox();
        List<TaskPage.Output> outputs = task.processes().stream().map(p -> {
            RunView latest = p.latestRun();
            return latest == null ? new TaskPage.Output(p.name(), null, null)
                    : new TaskPage.Output(p.name(), latest.run(),
                            LogTails.brief(sandbox, "stdout", latest.stdout()));
        }).toList();
        Map<String, Object> model = model("Task " + taskId, task.summary().active() ? "5" : null);
        model.put("page", new TaskPage(task, outputs));
        return new Reply.Html(200, templates.render("task", model));
    }

    Reply process(String taskId, String processName, String runText) {
        ObservedTask observed = find(taskId);
        TaskView task = views.task(observed);
        ProcessView process = task.process(processName);
        if (process == null) {
            throw HttpError.notFound("task " + taskId + " has no process '" + processName + "'");
        }
        RunView run = runOf(process, runText, taskId);
        Sandbox sandbox = observed.sandbox();
        ProcessPage page = new ProcessPage(task.summary(), process, run,
                run == null ? null : LogTails.full(sandbox, "stdout", run.stdout()),
                run == null ? null : LogTails.full(sandbox, "stderr", run.stderr()));
        Map<String, Object> model = model("Process " + processName + " of " + taskId,
                run != null && run.live() ? "5" : null);
        model.put("page", page);
        return new Reply.Html(200, templates.render("process", model));
    }

    Reply apiTasks() {
        return new Reply.Json(200, taskList.summaries());
    }

    Reply apiTask(String taskId) {
        return new Reply.Json(200, views.task(find(taskId)));
    }

    private ObservedTask find(String taskId) {
        return workDir.find(taskId).orElseThrow(
                () -> HttpError.notFound("unknown task '" + taskId + "' on " + hostname));
    }

    private static RunView runOf(ProcessView process, String runText, String taskId) {
        if (runText == null) {
            return process.latestRun();
        }
        int number;
        try {
            number = Integer.parseInt(runText);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("run '" + runText + "' is not a run number");
        }
        return process.runs().stream().filter(r -> r.run() == number).findFirst()
                .orElseThrow(() -> HttpError.notFound("process '" + process.name() + "' of task "
                        + taskId + " has no run " + number));
    }

    private Map<String, Object> model(String title, String refreshSeconds) {
        return Templates.pageModel(title, hostname, refreshSeconds);
    }
}
