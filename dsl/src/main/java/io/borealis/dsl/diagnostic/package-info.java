/**
 * Problems found in a job file, reported all at once and never thrown.
 *
 * <p>A {@link io.borealis.dsl.diagnostic.Diagnostic} names where ({@link
 * io.borealis.dsl.diagnostic.SourceLocation}: file and line), what (the field path, e.g.
 * {@code jobs[0].task.processes[1].cmdline}) and why. {@link
 * io.borealis.dsl.diagnostic.Diagnostics} collects them during one evaluation (the "did you
 * mean" hints come from {@code io.borealis.api.validation.Suggestions}). Everything here is a
 * plain value or a single-threaded collector; nothing refers to Groovy.
 */
package io.borealis.dsl.diagnostic;
