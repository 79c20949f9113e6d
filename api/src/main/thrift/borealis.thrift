/*
 * Borealis RPC contract.
 *
 * Every call is Thrift's JSON protocol over HTTP POST to /api, multiplexed by service name
 * (TMultiplexedProtocol): the method "SchedulerManager:createJob" is authorized as the Shiro
 * permission "thrift.SchedulerManager:createJob:ROLE:ENV:JOB".
 *
 * Services served by the scheduler: ReadOnlyScheduler, SchedulerManager, Admin, AgentService.
 * Service served by each agent:     AgentControl (called by the scheduler only).
 *
 * Rules for changing this file: add fields, never renumber or retype one; new fields are
 * optional or have a default. Regenerate with api/bin/thrift-gen; the build checks that
 * the committed Java matches this file.
 */
namespace java io.borealis.api.thrift

const string API_VERSION = "1"

// ---------------------------------------------------------------------------------------------
// Responses

enum ResponseCode {
  OK = 0,
  INVALID_REQUEST = 1,   // the caller's mistake: bad configuration, unknown job, duplicate
  ERROR = 2,             // the scheduler's failure
  WARNING = 3,
  AUTH_FAILED = 4,       // unauthenticated or not permitted
  ERROR_TRANSIENT = 6,   // try again (for example while the scheduler is starting)
  NOT_LEADER = 7         // this replica does not lead; details name the leader
}

struct ResponseDetail {
  1: string message
}

// ---------------------------------------------------------------------------------------------
// Identity and configuration

struct JobKey {
  1: string role
  2: string environment
  3: string name
}

struct Resources {
  1: double cpu
  2: i64 ramMb
  3: i64 diskMb
  4: i32 gpu = 0
}

enum LoggerDestination { FILE = 0, CONSOLE = 1, BOTH = 2, NONE = 3 }
enum LoggerMode { STANDARD = 0, ROTATE = 1 }

struct Logger {
  1: LoggerDestination destination = LoggerDestination.FILE
  2: LoggerMode mode = LoggerMode.STANDARD
  3: i64 rotateLogSizeBytes = 104857600
  4: i32 rotateBackups = 5
}

/** One process of a task: Thermos's Process. */
struct Process {
  1: string name
  2: string cmdline
  3: i32 maxFailures = 1
  4: bool daemon = false
  5: bool ephemeral = false
  6: i32 minDurationSecs = 5
  7: bool isFinal = false
  8: Logger logger
}

struct HttpHealthChecker {
  1: string endpoint = "/health"
  2: string expectedResponse = "ok"
  3: i32 expectedResponseCode = 0
}

struct ShellHealthChecker {
  1: string shellCommand
}

struct HealthCheckConfig {
  1: optional HttpHealthChecker http
  2: optional ShellHealthChecker shell
  3: double initialIntervalSecs = 15.0
  4: double intervalSecs = 10.0
  5: i32 maxConsecutiveFailures = 0
  6: i32 minConsecutiveSuccesses = 1
  7: double timeoutSecs = 1.0
}

struct HttpLifecycleConfig {
  1: string port = "health"
  2: list<string> gracefulShutdownEndpoints = ["/quitquitquit"]
  3: list<string> shutdownEndpoints = ["/abortabortabort"]
  4: i32 gracefulShutdownWaitSecs = 5
  5: i32 shutdownWaitSecs = 5
}

/** What the executor runs: Thermos's Task. */
struct TaskSpec {
  1: string name
  2: list<Process> processes
  /** Each inner list is one order(...) constraint: its processes run in that order. */
  3: list<list<string>> orderConstraints = []
  4: i32 maxFailures = 1
  5: i32 maxConcurrency = 0
  6: i32 finalizationWaitSecs = 30
  7: optional HealthCheckConfig healthCheck
  8: optional HttpLifecycleConfig lifecycle
}

/** A scheduling constraint on a host attribute: a value set (possibly negated) or a limit. */
struct Constraint {
  1: string attribute
  2: bool negated = false
  3: set<string> values = []
  /** When > 0: at most this many instances of the job per distinct attribute value. */
  4: i32 limit = 0
}

struct Metadata {
  1: string key
  2: string value
}

struct DockerParameter {
  1: string name
  2: string value
}

enum VolumeMode { RO = 1, RW = 2 }

struct Volume {
  1: string containerPath
  2: string hostPath
  3: VolumeMode mode = VolumeMode.RO
}

struct DockerContainer {
  1: string image
  2: list<DockerParameter> parameters = []
  3: list<Volume> volumes = []
}

struct Announcer {
  1: string primaryPort = "http"
  2: map<string, string> portmap = {}
  3: optional string zkPath
}

struct PartitionPolicy {
  1: bool reschedule = true
  2: i64 delaySecs = 0
}

struct CountSlaPolicy {
  1: i64 count
  2: i64 durationSecs
}

struct PercentageSlaPolicy {
  1: double percentage
  2: i64 durationSecs
}

struct CoordinatorSlaPolicy {
  1: string coordinatorUrl
  2: string statusKey = "drain"
}

union SlaPolicy {
  1: CountSlaPolicy count
  2: PercentageSlaPolicy percentage
  3: CoordinatorSlaPolicy coordinator
}

/** The configuration shared by every instance of a job. */
struct TaskConfig {
  1: JobKey job
  2: bool isService = false
  3: i32 priority = 0
  4: bool production = false
  5: optional string tier
  6: i32 maxTaskFailures = 1
  7: Resources resources
  8: list<Constraint> constraints = []
  /** Port names the executor will resolve through {{thermos.ports[NAME]}}. */
  9: set<string> requestedPorts = []
  10: TaskSpec task
  11: optional DockerContainer container
  12: list<Metadata> metadata = []
  13: optional string contact
  14: optional Announcer announce
  15: optional PartitionPolicy partitionPolicy
  16: optional SlaPolicy slaPolicy
}

enum CronCollisionPolicy { KILL_EXISTING = 0, CANCEL_NEW = 1, RUN_OVERLAP = 2 }

enum UpdateStrategyKind { QUEUE = 0, BATCH = 1, VARIABLE_BATCH = 2 }

struct UpdateSettings {
  1: i32 batchSize = 1
  2: i32 watchSecs = 45
  3: i32 maxPerInstanceFailures = 0
  4: i32 maxTotalFailures = 0
  5: bool rollbackOnFailure = true
  6: bool waitForBatchCompletion = false
  7: optional i32 pulseIntervalSecs
  8: bool slaAware = false
  9: UpdateStrategyKind strategy = UpdateStrategyKind.QUEUE
  10: list<i32> batchSizes = []
  11: bool autopauseAfterBatch = false
}

/**
 * What `job restart` sets; each field left unset comes from the job's UpdateSettings (or the
 * defaults when it has none).
 */
struct RestartSettings {
  1: optional i32 batchSize
  2: optional i32 watchSecs
  3: optional i32 maxPerInstanceFailures
  4: optional i32 maxTotalFailures
  5: optional bool rollbackOnFailure
}

struct JobConfiguration {
  1: JobKey key
  /** The user who submitted it; filled in by the scheduler from the authenticated subject. */
  2: string owner
  3: i32 instanceCount = 1
  4: TaskConfig taskConfig
  5: optional string cronSchedule
  6: CronCollisionPolicy cronCollisionPolicy = CronCollisionPolicy.KILL_EXISTING
  7: optional UpdateSettings updateSettings
  8: optional string cluster
  /** The IANA zone id cronSchedule is read in (java.time.ZoneId); unset means UTC. */
  9: optional string cronTimezone
}

// ---------------------------------------------------------------------------------------------
// Tasks

enum ScheduleStatus {
  INIT = 11,
  THROTTLED = 16,
  PENDING = 0,
  ASSIGNED = 9,
  STARTING = 1,
  RUNNING = 2,
  FINISHED = 3,
  PREEMPTING = 13,
  RESTARTING = 12,
  DRAINING = 17,
  FAILED = 4,
  KILLED = 5,
  KILLING = 6,
  LOST = 7,
  PARTITIONED = 18
}

struct TaskEvent {
  1: i64 timestamp
  2: ScheduleStatus status
  3: optional string message
  4: optional string scheduler
}

struct AssignedTask {
  1: string taskId
  2: optional string agentId
  3: optional string agentHost
  4: TaskConfig task
  5: map<string, i32> assignedPorts = {}
  6: i32 instanceId
}

/**
 * What a task's processes use, as its executor last sampled it (TASK_ROOT/resources.json).
 * A gauge: the scheduler keeps only the latest sample per active task, in memory.
 */
struct TaskUsage {
  /** When the sample was taken, epoch millis. */
  1: i64 timestamp
  /** CPUs used on average since the previous sample (1.0 = one core busy). */
  2: double cpu
  /** Resident memory of every process of the task, summed. */
  3: i64 ramBytes
  /** Bytes of the files in the sandbox. */
  4: i64 diskBytes
  5: i32 processes = 0
}

struct ScheduledTask {
  1: AssignedTask assignedTask
  2: ScheduleStatus status
  3: i32 failureCount = 0
  4: list<TaskEvent> taskEvents = []
  5: optional string ancestorId
  /** Where this task's observer page is, when it has been placed. */
  6: optional string observerUrl
  /** Latest resource use reported by the task's agent; set only for active tasks. */
  7: optional TaskUsage usage
  /**
   * Why a PENDING task is not placed yet, in Aurora's veto words ("Insufficient: RAM",
   * "Limit not satisfied: host", "Constraint not satisfied: rack", "Host is dedicated", ...).
   */
  8: optional string pendingReason
}

/** Every set field narrows the query; an empty query matches every task. */
struct TaskQuery {
  1: optional string role
  2: optional string environment
  3: optional string jobName
  4: optional set<string> taskIds
  5: optional set<ScheduleStatus> statuses
  6: optional set<i32> instanceIds
  7: optional set<string> agentHosts
  8: optional set<JobKey> jobKeys
  9: optional i32 offset
  10: optional i32 limit
}

// ---------------------------------------------------------------------------------------------
// Agents

struct PortRange {
  1: i32 first
  2: i32 last
}

struct Attribute {
  1: string name
  2: set<string> values
}

struct AgentInfo {
  1: string agentId
  2: string host
  /** Base URL of the agent's AgentControl endpoint, e.g. http://host:port */
  3: string endpoint
  4: Resources resources
  5: list<PortRange> portRanges = []
  6: list<Attribute> attributes = []
  /** Base URL of the observer on the agent's host, e.g. http://host:1338 */
  7: optional string observerUrl
  /**
   * A secret the agent draws at each registration: the scheduler sends it as
   * `Authorization: Bearer TOKEN` with every AgentControl call, and the agent refuses calls
   * without it. Never stored by the scheduler (memory only).
   */
  8: optional string controlToken
  /**
   * The highest status-update seq the agent has assigned so far: the scheduler refuses updates
   * numbered far beyond it or beyond the last one it acked (forged seqs "from the future").
   */
  9: optional i64 lastSeq
}

/** A task's state as an agent sees it, sent with every heartbeat for reconciliation. */
struct AgentTaskState {
  1: string taskId
  2: ScheduleStatus status
  /** The executor's latest resource sample; unset when it has written none yet. */
  3: optional TaskUsage usage
}

struct TaskStatusUpdate {
  1: string taskId
  2: ScheduleStatus status
  3: i64 timestamp
  4: optional string message
  /** Per-agent sequence number; the scheduler applies each update at most once. */
  5: i64 seq
}

// ---------------------------------------------------------------------------------------------
// Results

struct ScheduleStatusResult {
  1: list<ScheduledTask> tasks
}

struct GetJobsResult {
  1: list<JobConfiguration> configs
}

struct CreateJobResult {
  1: JobKey key
  /** The job's page in the scheduler's web UI. */
  2: optional string jobUrl
}

struct RoleSummary {
  1: string role
  2: i32 jobCount
  3: i32 cronJobCount
}

struct RoleSummaryResult {
  1: list<RoleSummary> summaries
}

struct RegisterAgentResult {
  1: string agentId
  /** How often the agent should heartbeat. */
  2: i32 heartbeatIntervalMillis
  /**
   * How long the scheduler waits for a silent agent before it declares the agent lost and
   * replaces its tasks elsewhere. Executors that cannot reach their agent for longer stop their
   * tasks on their own, so that no instance runs twice. 0: unknown (older scheduler).
   */
  3: i32 agentTimeoutMillis = 0
}

struct HeartbeatResult {
  /** Tasks the agent runs that the scheduler wants gone (unknown or terminal to it). */
  1: list<string> killTaskIds = []
  /** True when the scheduler does not know the agent any more and wants it to register. */
  2: bool reregister = false
}

/** One instance of a job. */
struct InstanceKey {
  1: JobKey jobKey
  2: i32 instanceId
}

/** A role's quota and what its active tasks hold (Aurora's GetQuotaResult). */
struct GetQuotaResult {
  1: Resources quota
  /** Production (non-preemptible), non-dedicated tasks: what quota is checked against. */
  2: Resources prodSharedConsumption
  3: Resources nonProdSharedConsumption
  4: Resources prodDedicatedConsumption
  5: Resources nonProdDedicatedConsumption
}

struct TierConfig {
  1: string name
  2: bool preemptible
  3: bool revocable
}

struct GetTierConfigResult {
  1: string defaultTierName
  2: list<TierConfig> tiers
}

struct PruneTasksResult {
  /** How many terminal tasks were deleted, with their events. */
  1: i32 pruned
}

struct ReconcileTasksResult {
  /** Agents asked for their tasks, and how many of them answered. */
  1: i32 agentsAsked
  2: i32 agentsAnswered
  /** Tasks whose state changed (or that were killed) because of what the agents said. */
  3: i32 tasksCorrected
}

struct AgentTasksResult {
  1: list<AgentTaskState> tasks
}

/** A host's maintenance mode (spec/http.md). */
enum MaintenanceMode { NONE = 1, SCHEDULED = 2, DRAINING = 3, DRAINED = 4 }

struct Hosts {
  1: set<string> hostNames
}

struct HostStatus {
  1: string host
  2: MaintenanceMode mode
}

struct MaintenanceStatusResult {
  1: list<HostStatus> statuses
}

/** One stored backup of the scheduler's state. */
struct BackupInfo {
  /** The backup's name: what stageRecovery takes. */
  1: string id
  /** When it was taken, epoch millis. */
  2: i64 timestamp
  3: i64 sizeBytes
}

struct ListBackupsResult {
  1: list<BackupInfo> backups
}

struct PerformBackupResult {
  1: BackupInfo backup
}

/** Tasks of a staged recovery (not yet committed). */
struct QueryRecoveryResult {
  1: list<ScheduledTask> tasks
}

/** What started a cron run. */
enum CronTrigger {
  /** The schedule, at its trigger time. */
  SCHEDULE = 0,
  /** The schedule, for a trigger time that passed while no scheduler was running. */
  MISSED = 1,
  /** A user's startCronJob. */
  MANUAL = 2
}

/** What a cron run did. */
enum CronRunOutcome {
  /** Its instances were created as PENDING tasks. */
  STARTED = 0,
  /** The previous run's active tasks were killed, then the instances created (KILL_EXISTING). */
  KILLED_PREVIOUS = 1,
  /** Nothing was started: the previous run was still active (CANCEL_NEW). */
  SKIPPED = 2,
  /** Nothing was started: the run was refused (e.g. the role's quota); message says why. */
  FAILED = 3
}

/** One run of a cron job, as its history keeps it. */
struct CronRun {
  /** The trigger time it ran for; for a MANUAL run, when it was asked for. */
  1: i64 triggerTimeMs
  /** When the scheduler handled it. */
  2: i64 runTimeMs
  3: CronTrigger trigger
  4: CronRunOutcome outcome
  5: string message
}

/** A cron job: its schedule, its next trigger times and its recent runs (newest first). */
struct CronJob {
  1: JobConfiguration job
  /** Effective zone id (UTC when the job names none). */
  2: string timezone
  3: list<i64> nextRunsMs
  4: list<CronRun> lastRuns
  /** The last trigger time handled by the schedule; unset before the first one. */
  5: optional i64 lastTriggerMs
}

struct GetCronJobResult {
  1: CronJob cronJob
}

struct StartCronJobResult {
  1: CronRun run
}

/** Which scheduler leads, as the scheduler itself knows it. */
struct GetSchedulerResult {
  /** Base URL of the leading scheduler, e.g. http://host:8081 */
  1: string leaderUrl
  /** True when the answering replica is the leader. */
  2: bool leading
}

struct StatusUpdateResult {
  /** The highest seq applied; the agent may forget every update up to it. */
  1: i64 ackedSeq
}

/** Where a rolling update is (spec/http.md); the first six are active. */
enum JobUpdateStatus {
  ROLLING_FORWARD = 0,
  ROLLING_BACK = 1,
  ROLL_FORWARD_PAUSED = 2,
  ROLL_BACK_PAUSED = 3,
  ROLL_FORWARD_AWAITING_PULSE = 4,
  ROLL_BACK_AWAITING_PULSE = 5,
  ROLLED_FORWARD = 6,
  ROLLED_BACK = 7,
  ABORTED = 8,
  ERROR = 9,
  FAILED = 10
}

/** One rolling update, without its instances and events. Times in epoch milliseconds. */
struct JobUpdateSummary {
  1: string id
  2: JobKey job
  3: string user
  4: JobUpdateStatus status
  /** Why it is in its status, e.g. which instance failed and how. */
  5: string statusMessage
  /** What the user said when starting it. */
  6: string message
  7: i64 createdAt
  8: i64 lastModifiedAt
  9: i32 instancesBefore
  10: i32 instancesAfter
}

/** One instance an update touches: PENDING, KILLING, WATCHING, SUCCEEDED, FAILED or SKIPPED. */
struct JobUpdateInstance {
  1: i32 instanceId
  2: string state
  /** False for an instance the update adds. */
  3: bool hadConfig
  /** False for an instance the update removes. */
  4: bool getsConfig
  5: i32 failures
  6: optional string taskId
  /** The batch it was started in, from 1; 0 while it has not started. */
  7: i32 batch = 0
}

/** One line of an update's history; instanceId absent for the update's own status changes. */
struct JobUpdateEvent {
  1: i64 timestamp
  2: optional i32 instanceId
  3: string status
  4: string message
}

struct JobUpdateDetails {
  1: JobUpdateSummary summary
  2: UpdateSettings settings
  3: list<JobUpdateInstance> instances = []
  4: list<JobUpdateEvent> events = []
}

/**
 * Which updates getJobUpdateSummaries returns: a job's, a role's, or (neither set) every role's;
 * empty statuses for all.
 */
struct JobUpdateQuery {
  1: optional JobKey job
  2: optional string role
  3: set<JobUpdateStatus> statuses = []
}

struct StartJobUpdateResult {
  1: string updateId
  /** How many instances it adds, changes and removes. */
  2: i32 added
  3: i32 changed
  4: i32 removed
}

struct GetJobUpdateSummariesResult {
  /** Newest first. */
  1: list<JobUpdateSummary> updates = []
}

struct GetJobUpdateDetailsResult {
  1: JobUpdateDetails details
}

struct JobUpdateCommandResult {
  /** The update after the command. */
  1: JobUpdateSummary update
}

union Result {
  1: ScheduleStatusResult scheduleStatusResult
  2: GetJobsResult getJobsResult
  3: CreateJobResult createJobResult
  4: RoleSummaryResult roleSummaryResult
  5: RegisterAgentResult registerAgentResult
  6: HeartbeatResult heartbeatResult
  7: StatusUpdateResult statusUpdateResult
  8: GetQuotaResult getQuotaResult
  9: GetTierConfigResult getTierConfigResult
  10: PruneTasksResult pruneTasksResult
  11: ReconcileTasksResult reconcileTasksResult
  12: AgentTasksResult agentTasksResult
  13: MaintenanceStatusResult maintenanceStatusResult
  14: ListBackupsResult listBackupsResult
  15: PerformBackupResult performBackupResult
  16: QueryRecoveryResult queryRecoveryResult
  17: GetSchedulerResult getSchedulerResult
  18: GetCronJobResult getCronJobResult
  19: StartCronJobResult startCronJobResult
  20: StartJobUpdateResult startJobUpdateResult
  21: GetJobUpdateSummariesResult getJobUpdateSummariesResult
  22: GetJobUpdateDetailsResult getJobUpdateDetailsResult
  23: JobUpdateCommandResult jobUpdateCommandResult
}

struct ServerInfo {
  1: string clusterName
  2: optional string leaderUrl
}

struct Response {
  1: ResponseCode responseCode
  2: list<ResponseDetail> details = []
  3: optional Result result
  4: optional ServerInfo serverInfo
}

// ---------------------------------------------------------------------------------------------
// Services

/** Calls that change nothing; open to any authenticated user. */
service ReadOnlyScheduler {
  Response getTasksStatus(1: TaskQuery query)
  /**
   * As getTasksStatus, but each task's configuration leaves out what the executor runs
   * (TaskConfig.task keeps its name, with no processes): the reply of a 10,000-instance job
   * stays small. `job status` uses it (Aurora's getTasksWithoutConfigs).
   */
  Response getTasksWithoutConfigs(1: TaskQuery query)
  /** ownerRole "" means every role. */
  Response getJobs(1: string ownerRole)
  Response getRoleSummary()
  /** The role's quota and its production / non-production, shared / dedicated consumption. */
  Response getQuota(1: string ownerRole)
  /** The tiers a job may name, and the default one. */
  Response getTierConfigs()
  /** The leading scheduler (result getSchedulerResult). */
  Response getScheduler()
  /** A cron job's schedule, next run times and recent runs (result getCronJobResult). */
  Response getCronJob(1: JobKey job)
  /** Rolling updates of a job or a role, newest first (result getJobUpdateSummariesResult). */
  Response getJobUpdateSummaries(1: JobUpdateQuery query)
  /**
   * One update with its instances and events; an empty id means the job's newest update
   * (result getJobUpdateDetailsResult).
   */
  Response getJobUpdateDetails(1: JobKey job, 2: string updateId)
}

/** Calls that change jobs; authorized against the job's key. */
service SchedulerManager {
  Response createJob(1: JobConfiguration description)
  /** An empty instances set kills every active instance of the job. */
  Response killTasks(1: JobKey job, 2: set<i32> instances, 3: string message)
  /**
   * Adds {@code count} instances, numbered after the job's highest, each a copy of the
   * configuration of instance {@code key.instanceId} (which must be active). Quota is checked.
   */
  Response addInstances(1: InstanceKey key, 2: i32 count)
  /**
   * Stores a cron job (description.cronSchedule set), or replaces the configuration of a stored
   * one from its next run on. Creates no task: the schedule (or startCronJob) does.
   */
  Response scheduleCronJob(1: JobConfiguration description)
  /** Removes a cron job and its schedule; a run in progress keeps running. */
  Response descheduleCronJob(1: JobKey job)
  /** Runs a cron job now, with its collision policy (result startCronJobResult). */
  Response startCronJob(1: JobKey job)
  /**
   * Starts a rolling update of the job to this configuration, carried out by the scheduler per
   * its updateSettings (result startJobUpdateResult). Quota is checked first.
   */
  Response startJobUpdate(1: JobConfiguration description, 2: string message)
  /**
   * A rolling restart: every selected instance (an empty set: every active one) is killed and
   * started again with the configuration it runs, by the update machinery (result
   * startJobUpdateResult). It is stored and shown as an update.
   */
  Response restartJob(1: JobKey job, 2: set<i32> instances, 3: RestartSettings settings,
      4: string message)
  /** The next five act on the job's active update (result jobUpdateCommandResult). */
  Response pauseJobUpdate(1: JobKey job, 2: string message)
  Response resumeJobUpdate(1: JobKey job, 2: string message)
  Response abortJobUpdate(1: JobKey job, 2: string message)
  Response rollbackJobUpdate(1: JobKey job, 2: string message)
  Response pulseJobUpdate(1: JobKey job, 2: string message)
}

/** Operators' calls, authorized as thrift.Admin:METHOD. Later admin commands extend it. */
service Admin {
  /** Replaces the role's quota (cpu, ramMb, diskMb; gpu ignored). */
  Response setQuota(1: string ownerRole, 2: Resources quota)
  /** Deletes terminal tasks matching the query (active ones are never touched), with events. */
  Response pruneTasks(1: TaskQuery query)
  /** Asks every registered agent for its tasks now and reconciles (as a heartbeat does). */
  Response reconcileTasks()

  // Host maintenance (Aurora's startMaintenance / drainHosts / slaDrainHosts / endMaintenance).
  /** NONE -> SCHEDULED: new tasks avoid the hosts. Result maintenanceStatusResult. */
  Response startMaintenance(1: Hosts hosts)
  /** -> DRAINING: their active tasks are killed and rescheduled elsewhere; then DRAINED. */
  Response drainHosts(1: Hosts hosts)
  /**
   * -> DRAINING, but each task is drained only when its job's SLA policy (or
   * {@code defaultSlaPolicy} for jobs without one) allows; after {@code timeoutSecs} > 0 the
   * rest are drained regardless.
   */
  Response slaDrainHosts(1: Hosts hosts, 2: SlaPolicy defaultSlaPolicy, 3: i64 timeoutSecs)
  Response maintenanceStatus(1: Hosts hosts)
  /** Back to NONE. */
  Response endMaintenance(1: Hosts hosts)

  // Backups and recovery (Aurora's performBackup ... unloadRecovery).
  /** Writes the storage's pending changes to disk now (a checkpoint). */
  Response snapshot()
  /** Takes a consistent backup now (result performBackupResult). */
  Response performBackup()
  Response listBackups()
  /** Loads a backup beside the live state, for inspection; nothing live changes yet. */
  Response stageRecovery(1: string backupId)
  Response queryRecovery(1: TaskQuery query)
  /** Removes matching tasks from the staged recovery. */
  Response deleteRecoveryTasks(1: TaskQuery query)
  /** Replaces the live state with the staged recovery, while the scheduler keeps serving. */
  Response commitRecovery()
  /** Drops the staged recovery. */
  Response unloadRecovery()
}

/** Served by the scheduler, called by agents. */
service AgentService {
  Response registerAgent(1: AgentInfo agent)
  Response heartbeat(1: string agentId, 2: list<AgentTaskState> tasks)
  Response statusUpdate(1: string agentId, 2: list<TaskStatusUpdate> updates)
}

/** Served by every agent, called by the scheduler. */
service AgentControl {
  Response launchTasks(1: list<AssignedTask> tasks)
  Response killTasks(1: list<string> taskIds, 2: string message)
  /** The tasks this agent runs, as a heartbeat would report them (result agentTasksResult). */
  Response reportTasks()
}
