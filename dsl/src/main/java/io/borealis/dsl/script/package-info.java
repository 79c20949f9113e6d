/**
 * Running a job file.
 *
 * <p>{@link io.borealis.dsl.script.JobFileEvaluator} is the entry point: it compiles the file with
 * {@link io.borealis.dsl.script.JobScript} as its base class (the schema verbs, {@code order},
 * units imported statically), runs it, converts Groovy's compilation and runtime errors into
 * diagnostics at the user's line, and hands the {@code jobs} list to
 * {@link io.borealis.dsl.spec.JobBuilder}. The result is an
 * {@link io.borealis.dsl.script.Evaluation}: jobs, or every problem of the file.
 */
package io.borealis.dsl.script;
