package io.borealis.dsl.script;

import groovy.lang.Binding;
import io.borealis.dsl.diagnostic.SourceLocation;
import io.borealis.dsl.spec.StructFactory;

/**
 * The job file's global variables. Remembers the line where {@code jobs} was assigned, so that a
 * problem with the list itself ("is empty") points there.
 */
final class JobBinding extends Binding {
    private final StructFactory factory;
    private SourceLocation jobsAssignedAt;

    JobBinding(StructFactory factory) {
        this.factory = factory;
    }

    @Override
    public void setVariable(String name, Object value) {
        if ("jobs".equals(name)) {
            jobsAssignedAt = factory.callerLocation();
        }
        super.setVariable(name, value);
    }

    /** The {@code jobs} value, or null when the file never assigned one. */
    Object jobs() {
        return hasVariable("jobs") ? getVariable("jobs") : null;
    }

    /** Where {@code jobs} was assigned; the file's first line when it never was. */
    SourceLocation jobsAssignedAt(String fileName) {
        return jobsAssignedAt != null ? jobsAssignedAt : SourceLocation.fileLevel(fileName);
    }
}
