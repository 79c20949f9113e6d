package io.borealis.scheduler.testing

import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.Admin
import io.borealis.api.thrift.AgentService
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.SchedulerManager
import java.time.Duration

/** Thrift clients of a scheduler at {@code baseUrl}, built the way real callers build them. */
final class Clients {
    final String baseUrl

    Clients(String baseUrl) {
        this.baseUrl = baseUrl
    }

    SchedulerManager.Client manager() {
        ThriftHttp.client("$baseUrl/api", 'SchedulerManager',
                { new SchedulerManager.Client(it) }, [:], Duration.ofSeconds(10))
    }

    ReadOnlyScheduler.Client reader() {
        ThriftHttp.client("$baseUrl/api", 'ReadOnlyScheduler',
                { new ReadOnlyScheduler.Client(it) }, [:], Duration.ofSeconds(10))
    }

    Admin.Client admin() {
        ThriftHttp.client("$baseUrl/api", 'Admin', { new Admin.Client(it) }, [:],
                Duration.ofSeconds(30))
    }

    AgentService.Client agents() {
        ThriftHttp.client("$baseUrl/api", 'AgentService',
                { new AgentService.Client(it) }, [:], Duration.ofSeconds(10))
    }
}
