/**
 * Errors the scheduler reports to its callers.
 *
 * <p>Every failure a caller should see is a {@link io.borealis.scheduler.error.PlatformException}
 * carrying an {@link io.borealis.scheduler.error.ErrorCode}; the code says whose fault it is
 * ({@link io.borealis.scheduler.error.ErrorType}). {@code rpc.Responses} is the one place that
 * turns them into Thrift responses.
 */
package io.borealis.scheduler.error;
