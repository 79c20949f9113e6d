package io.borealis.scheduler.http;

import io.borealis.api.model.TaskStatus;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which tasks one job page shows: {@code ?state=} {@code active} (the default), {@code ended}
 * or one task state, and {@code ?page=} from 1; {@link #PAGE_SIZE} tasks a page, so that a job
 * of 10,000 instances renders one page of rows, not 10,000.
 */
record JobFilter(String state, int page) {
    static final int PAGE_SIZE = 50;
    static final String ACTIVE = "active";
    static final String ENDED = "ended";

    static final JobFilter DEFAULT = new JobFilter(ACTIVE, 1);

    /**
     * Reads the two query parameters (absent means the default).
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    static JobFilter parse(@Nullable String state, @Nullable String page) {
        String chosen = state == null || state.isEmpty() ? ACTIVE : state;
        if (!chosen.equals(ACTIVE) && !chosen.equals(ENDED) && status(chosen) == null) {
            throw new IllegalArgumentException("bad state '" + chosen + "': one of active, ended, "
                    + Arrays.stream(TaskStatus.values()).map(Enum::name)
                            .collect(Collectors.joining(", ")));
        }
        int number = 1;
        if (page != null && !page.isEmpty()) {
            try {
                number = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                throw new IllegalArgumentException(
                        "bad page '" + page + "': a page number from 1");
            }
        }
        return new JobFilter(chosen, number);
    }

    /** The one task state chosen, null for {@code active} and {@code ended}. */
    @Nullable TaskStatus status() {
        return status(state);
    }

    int offset() {
        return (page - 1) * PAGE_SIZE;
    }

    /** The query string of this filter on another page. */
    String query(int otherPage) {
        return "?state=" + state + "&page=" + otherPage;
    }

    private static @Nullable TaskStatus status(String name) {
        return Arrays.stream(TaskStatus.values()).filter(s -> s.name().equals(name))
                .findFirst().orElse(null);
    }
}
