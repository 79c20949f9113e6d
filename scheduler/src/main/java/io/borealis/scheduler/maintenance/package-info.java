/**
 * Host maintenance (aurora-features §3.5): hosts taken out of service without losing a task.
 *
 * <pre>
 *   Admin.startMaintenance --> MaintenanceManager: host SCHEDULED (placement puts tasks there last)
 *   Admin.drainHosts       --> host DRAINING, its tasks DRAINING in the same write (killed,
 *                              replaced elsewhere by the state machine); DRAINED when empty
 *   Admin.slaDrainHosts    --> host DRAINING with the drain stored; DrainDriver, every interval:
 *                              each task whose SLA policy allows (SlaCheck; a Coordinator over
 *                              HTTP) goes DRAINING, all of them once the timeout has passed;
 *                              the host goes DRAINED once no active task is left on it
 *   Admin.endMaintenance   --> host back to NONE (no row)
 * </pre>
 *
 * Modes and drains are stored ({@code storage.MaintenanceStore}); {@link
 * io.borealis.scheduler.maintenance.MaintenanceManager} keeps the modes in memory for placement
 * ({@code scheduling.HostModes}). The driver is level-triggered: it decides from stored state
 * each round, so a restarted scheduler carries on with a drain where it was.
 */
package io.borealis.scheduler.maintenance;
