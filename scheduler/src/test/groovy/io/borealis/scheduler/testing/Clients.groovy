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
    /** Sent with every call, e.g. {@code Authorization}. */
    final Map<String, String> headers

    Clients(String baseUrl, Map<String, String> headers = [:]) {
        this.baseUrl = baseUrl
        this.headers = headers
    }

    /** Clients that authenticate as {@code user} with HTTP Basic. */
    Clients as(String user, String password) {
        new Clients(baseUrl, [Authorization: 'Basic '
                + "$user:$password".toString().bytes.encodeBase64().toString()])
    }

    SchedulerManager.Client manager() {
        ThriftHttp.client("$baseUrl/api", 'SchedulerManager',
                { new SchedulerManager.Client(it) }, headers, Duration.ofSeconds(10))
    }

    ReadOnlyScheduler.Client reader() {
        ThriftHttp.client("$baseUrl/api", 'ReadOnlyScheduler',
                { new ReadOnlyScheduler.Client(it) }, headers, Duration.ofSeconds(10))
    }

    Admin.Client admin() {
        ThriftHttp.client("$baseUrl/api", 'Admin', { new Admin.Client(it) }, headers,
                Duration.ofSeconds(30))
    }

    AgentService.Client agents() {
        ThriftHttp.client("$baseUrl/api", 'AgentService',
                { new AgentService.Client(it) }, headers, Duration.ofSeconds(10))
    }
}
