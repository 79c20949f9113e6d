/**
 * Cron jobs (aurora-features §3.4).
 *
 * <pre>
 *   CronJobs       schedule / deschedule / start now / show     (the API's calls)
 *   CronScheduler  every tick: for each cron job, is a trigger time due?  --> CronRunner
 *   CronRunner     one run, in one write: collision policy, quota, PENDING tasks,
 *                  the last trigger handled, the run's history
 *   Schedule       a five-field cron expression read in a zone: next / latest trigger times
 * </pre>
 *
 * Level-triggered like the lifecycle package: the scheduler decides from the stored last trigger
 * handled, so a restart changes only the moment of the next check, and a trigger that passed
 * while no scheduler ran is run once when one comes back.
 */
package io.borealis.scheduler.cron;
