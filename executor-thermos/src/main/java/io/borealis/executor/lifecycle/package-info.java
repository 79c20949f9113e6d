/**
 * Stopping a task gracefully before signals: {@link io.borealis.executor.lifecycle.HttpLifecycle}
 * POSTs the task's graceful-shutdown and shutdown endpoints on its named port and waits for its
 * processes to leave, as Aurora's executor does, before the runner sends SIGTERM and SIGKILL.
 * It plugs into the runner through {@link io.borealis.executor.runner.ShutdownLifecycle}.
 */
package io.borealis.executor.lifecycle;
