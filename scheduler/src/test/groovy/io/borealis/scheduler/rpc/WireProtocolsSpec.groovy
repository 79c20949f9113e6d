package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.TaskQuery
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/**
 * The scheduler's /api speaks Thrift's JSON protocol (the contract of spec/http.md) and the
 * compact protocol (what Borealis's programs send), answering each in its own encoding; both
 * give the same answer, and job status's call leaves the processes out.
 */
class WireProtocolsSpec extends Specification {
    Path home = Files.createTempDirectory('wire-rpc')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    ReadOnlyScheduler.Client reader(ThriftHttp.Wire wire) {
        ThriftHttp.client("${scheduler.localUrl()}/api", 'ReadOnlyScheduler',
                { new ReadOnlyScheduler.Client(it) }, [:], Duration.ofSeconds(10), wire, null)
    }

    def "JSON and compact callers get the same tasks; without configs leaves out the processes"() {
        given:
        new Clients(scheduler.localUrl()).manager().createJob(
                ThriftCodec.toThrift(Fixtures.job(instances: 3)))
        def query = new TaskQuery().setRole('www-data').setJobName('hello')

        when:
        def json = reader(ThriftHttp.Wire.JSON).getTasksStatus(query)
        def compact = reader(ThriftHttp.Wire.COMPACT).getTasksStatus(query)
        def lean = reader(ThriftHttp.Wire.COMPACT).getTasksWithoutConfigs(query)

        then:
        [json, compact, lean]*.responseCode == [ResponseCode.OK] * 3
        json.result.scheduleStatusResult.tasks == compact.result.scheduleStatusResult.tasks
        json.result.scheduleStatusResult.tasks.size() == 3
        json.result.scheduleStatusResult.tasks.every { !it.assignedTask.task.task.processes.isEmpty() }
        lean.result.scheduleStatusResult.tasks*.assignedTask*.taskId ==
                json.result.scheduleStatusResult.tasks*.assignedTask*.taskId
        lean.result.scheduleStatusResult.tasks.every {
            it.assignedTask.task.task.processes.isEmpty() &&
                    it.assignedTask.task.task.name == 'hello' &&
                    it.assignedTask.task.resources != null
        }
    }

    def "a reply carries the content type of the request's encoding; garbage is a 400"() {
        given:
        def http = HttpClient.newHttpClient()
        def api = URI.create("${scheduler.localUrl()}/api")

        when: 'a JSON getRoleSummary written by hand, as a script would'
        def json = http.send(HttpRequest.newBuilder(api)
                .header('Content-Type', ThriftHttp.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(
                        '[1,"ReadOnlyScheduler:getRoleSummary",1,0,{}]')).build(),
                HttpResponse.BodyHandlers.ofString())

        then:
        json.statusCode() == 200
        json.headers().firstValue('Content-Type').get().startsWith(ThriftHttp.CONTENT_TYPE)
        json.body().startsWith('[1,"getRoleSummary",2,0,') // a reply names the method alone

        when:
        def garbage = http.send(HttpRequest.newBuilder(api)
                .POST(HttpRequest.BodyPublishers.ofByteArray([0x82, 0xff, 0xff, 0x01] as byte[])).build(),
                HttpResponse.BodyHandlers.ofString())

        then:
        garbage.statusCode() == 400
    }
}
