package io.borealis.agent.testing

import io.borealis.api.model.AssignedTask
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentControl
import io.borealis.api.thrift.Response
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger

/** Builds assigned tasks and calls an agent's AgentControl the way the scheduler does. */
class Tasks {
    private static final AtomicInteger COUNTER = new AtomicInteger()

    /** A fresh, valid task id in the scheduler's format. */
    static String newId() {
        "${System.currentTimeMillis()}-www-data-prod-hello-${COUNTER.getAndIncrement()}-" +
                UUID.randomUUID().toString().substring(0, 8)
    }

    static AssignedTask assigned(String taskId, String agentId = 'test-host', int finalizationWaitSecs = 0) {
        def process = new Process('hello', 'echo hello; sleep 60', 1, false, false, 0, false,
                new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 0, 0))
        def spec = new TaskSpec('hello', [process], [], 1, 0, finalizationWaitSecs, null, null)
        def config = new TaskConfig(new JobKey('www-data', 'prod', 'hello'), true, 0, false,
                'preferred', 1, new Resources(0.1, 16, 16, 0), [], [] as Set, spec, null, [],
                null, null, null, null)
        new AssignedTask(taskId, agentId, agentId, config, [:], 0)
    }

    /**
     * Endpoint -> the AgentControl token its agent last registered with (recorded by
     * {@link FakeScheduler}), sent as the real scheduler sends it.
     */
    static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>()

    /** A client as the scheduler's: waits (10 s at most) for the agent to have registered. */
    static AgentControl.Client control(String endpoint) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos()
        while (TOKENS[endpoint] == null && System.nanoTime() < deadline) {
            Thread.sleep(20) // polling with a deadline: registration runs on the agent's thread
        }
        String token = TOKENS[endpoint]
        ThriftHttp.client("${endpoint}/api", 'AgentControl', AgentControl.Client::new,
                token == null ? [:] : [Authorization: "Bearer $token".toString()],
                Duration.ofSeconds(10))
    }

    static Response launch(String endpoint, AssignedTask... tasks) {
        control(endpoint).launchTasks(tasks.collect { ThriftCodec.toThrift(it) })
    }

    static Response kill(String endpoint, String taskId, String message = 'killed by user') {
        control(endpoint).killTasks([taskId], message)
    }
}
