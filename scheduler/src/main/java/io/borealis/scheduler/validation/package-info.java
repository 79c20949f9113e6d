/**
 * Re-validation of what clients submit. The scheduler never trusts the client's checks (the
 * client evaluates job files; the scheduler never runs user code). Every problem is reported at
 * once, each as a sentence that names the field. These rules move to {@code api.validation} once
 * the client shares them.
 */
package io.borealis.scheduler.validation;
