package io.borealis.api.model

import io.borealis.api.validation.JobConfigurationValidator
import io.borealis.api.validation.Problem
import spock.lang.Specification

/** An announcer's zk_path: through Thrift, and checked wherever a job configuration is. */
class AnnouncerSpec extends Specification {
    static final JobKey KEY = new JobKey('www-data', 'prod', 'hello')

    def "an announcer keeps its zk_path through Thrift, and has none on the wire without one"() {
        given:
        def announcer = new Announcer('http', [admin: 'http'], zkPath)

        expect:
        ThriftCodec.fromThrift(ThriftCodec.toThrift(announcer)) == announcer
        ThriftCodec.toThrift(announcer).isSetZkPath() == (zkPath != null)

        where:
        zkPath << ['/services/www-data/hello', null]
    }

    def "a job announcing under #zkPath is refused: #message"() {
        expect:
        JobConfigurationValidator.problems(job(zkPath)).findAll { it.path() == 'announce.zkPath' }
                == [new Problem('announce.zkPath', message)]

        where:
        zkPath               || message
        'services'           || "'services' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (Path must start with / character)"
        '/services/'         || "'/services/' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (Path must not end with / character)"
        '/a/./b'             || "'/a/./b' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (relative paths not allowed)"
        '/a/\u0001'          || "'/a/\u0001' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (invalid character)"
        ''                   || "'' is not an absolute ZooKeeper path such as /services/www-data/prod/hello (Path length must be > 0)"
        '/my services'       || "'/my services' holds whitespace, which no Borealis program reads in a ZooKeeper path"
        '/zookeeper'         || "'/zookeeper' is under /zookeeper, which ZooKeeper keeps for itself"
        '/' + 'x' * 600      || 'must be at most 512 characters, got 601'
    }

    def "a job announcing under an absolute path, or the default one, has no announcer problem"() {
        expect:
        JobConfigurationValidator.problems(job(zkPath)).every { !it.path().startsWith('announce') }

        where:
        zkPath << ['/services/www-data/prod/hello', '/zookeeperish/x', '/' + 'x' * 511, null]
    }

    static JobConfiguration job(String zkPath) {
        def process = new Process('web', 'serve', 1, false, false, 5, false,
                new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 1024, 1))
        def config = new TaskConfig(KEY, true, 0, false, null, 1, new Resources(0.1d, 16, 16, 0),
                [], ['http'] as Set, new TaskSpec('web', [process], [], 1, 0, 30, null, null),
                null, [], null, new Announcer('http', [:], zkPath), null, null)
        new JobConfiguration(KEY, '', 1, config, null, CronCollisionPolicy.KILL_EXISTING, null,
                null)
    }
}
