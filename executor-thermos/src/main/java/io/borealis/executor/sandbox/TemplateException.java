package io.borealis.executor.sandbox;

import java.util.List;

/** A command line refers to something the executor cannot bind; the message names each one. */
public final class TemplateException extends IllegalArgumentException {
    private final List<String> problems;

    TemplateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
