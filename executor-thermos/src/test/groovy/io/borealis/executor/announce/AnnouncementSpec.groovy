package io.borealis.executor.announce

import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import io.borealis.api.testing.TestZooKeeper
import io.borealis.executor.testing.Tasks
import org.apache.curator.framework.CuratorFramework
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/** Where a task is announced, against a real in-process ZooKeeper. */
class AnnouncementSpec extends Specification {
    @Shared
    @AutoCleanup
    TestZooKeeper zookeeper = TestZooKeeper.start()

    @Shared
    @AutoCleanup
    CuratorFramework reader = ZooKeepers.connect(zookeeper.connectString)

    def conditions = new PollingConditions(timeout: 20, delay: 0.1)

    def "a task is announced under #where, and the member goes when the announcement closes"() {
        given:
        def task = Tasks.task([ports: [http: 31001], portmap: [:], zkPath: zkPath],
                [Tasks.process('web', 'serve')])

        when:
        def announcement = Announcement.start(
                [(Announcement.ENSEMBLE_VARIABLE): zookeeper.connectString], task, 'host-1', 0)

        then:
        announcement.present
        conditions.eventually {
            def members = ServerSets.members(reader, expected)
            assert members*.serviceEndpoint()*.port() == [31001]
            assert members*.serviceEndpoint()*.host() == ['host-1']
        }

        when:
        announcement.get().close()

        then:
        conditions.eventually {
            assert ServerSets.members(reader, expected).isEmpty()
        }

        where:
        where                            | zkPath                     || expected
        "the announcer's zk_path"        | '/services/web/production' || '/services/web/production'
        '/borealis/ROLE/ENV/JOB without' | null                       || '/borealis/www-data/prod/hello'
    }
}
