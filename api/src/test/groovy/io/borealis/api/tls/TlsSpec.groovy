package io.borealis.api.tls

import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.testing.TestCertificates
import io.borealis.api.thrift.AgentControl
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import javax.net.ssl.SSLContext
import org.apache.thrift.TMultiplexedProcessor
import org.apache.thrift.transport.TTransportException
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * TLS from PEM files: a real HTTPS server (the JDK's) with the identity {@link Tls#server}
 * reads, and Thrift calls through {@link ThriftHttp} that trust the test CA, another CA, or
 * nothing. Bad files are refused with messages that name them.
 */
class TlsSpec extends Specification {
    @Shared
    @TempDir
    Path dir

    @Shared
    TestCertificates.Files certs

    @Shared
    TestCertificates.Files otherCa

    @Shared
    HttpsServer server

    def setupSpec() {
        certs = TestCertificates.create(dir.resolve('ca'))
        otherCa = TestCertificates.create(dir.resolve('other'))
        def processor = new TMultiplexedProcessor()
        processor.registerProcessor('AgentControl', new AgentControl.Processor<>(new Reporting()))
        server = HttpsServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
        server.httpsConfigurator = new HttpsConfigurator(Tls.server(certs.cert(), certs.key()))
        server.createContext('/api') { exchange ->
            def out = new ByteArrayOutputStream()
            ThriftHttp.process(processor, exchange.requestBody, out)
            exchange.sendResponseHeaders(200, out.size())
            exchange.responseBody.withCloseable { it.write(out.toByteArray()) }
        }
        server.start()
    }

    /** An AgentControl that answers reportTasks with OK. */
    static class Reporting implements AgentControl.Iface {
        Response launchTasks(List tasks) { new Response().setResponseCode(ResponseCode.ERROR) }

        Response killTasks(List<String> taskIds, String message) { new Response().setResponseCode(ResponseCode.ERROR) }

        Response reportTasks() { new Response().setResponseCode(ResponseCode.OK) }
    }

    def cleanupSpec() {
        server?.stop(0)
    }

    Response call(SSLContext tls, String host = 'localhost') {
        ThriftHttp.client("https://${host}:${server.address.port}/api", 'AgentControl',
                AgentControl.Client::new, [:], Duration.ofSeconds(10), tls).reportTasks()
    }

    def "a client that trusts the CA calls over HTTPS"() {
        expect:
        call(Tls.trusting(certs.ca())).responseCode == ResponseCode.OK
        call(Tls.trusting(certs.ca()), '127.0.0.1').responseCode == ResponseCode.OK
    }

    def "a client that trusts another CA is refused, and the failure says why"() {
        when:
        call(Tls.trusting(otherCa.ca()))

        then:
        def e = thrown(TTransportException)
        Tls.handshakeFailure(e).get() == 'its certificate is not signed by a trusted CA'
    }

    def "without a CA the JVM's trust store does not know the test CA"() {
        when:
        call(null)

        then:
        def e = thrown(TTransportException)
        Tls.handshakeFailure(e).get() == 'its certificate is not signed by a trusted CA'
    }

    def "a failure that is not TLS is not described as one"() {
        expect:
        !Tls.handshakeFailure(new IOException('Connection refused')).present
    }

    def "a CA bundle with several certificates trusts each of them"() {
        given:
        Path bundle = dir.resolve('bundle.pem')
        Files.writeString(bundle, Files.readString(otherCa.ca()) + Files.readString(certs.ca()))

        expect:
        call(Tls.trusting(bundle)).responseCode == ResponseCode.OK
    }

    def "#what is refused naming the file: #message"() {
        given:
        Path bad = dir.resolve("bad-${what.replace(' ', '-')}.pem")
        if (content != null) {
            Files.writeString(bad, content)
        }
        Path named = [bad: bad, key: certs.key(), cert: certs.cert()][offending]

        when:
        use.call(bad)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(named.toString())
        e.message.contains(message)

        where:
        what                    | content  | use                                         | offending | message
        'a missing CA file'     | null     | { Tls.trusting(it) }                        | 'bad'     | 'no such file'
        'an empty CA file'      | ''       | { Tls.trusting(it) }                        | 'bad'     | 'no PEM certificate in it'
        'a broken CA file'      | BROKEN   | { Tls.trusting(it) }                        | 'bad'     | 'not a valid PEM certificate'
        'a key as certificate'  | null     | { Tls.server(certs.key(), certs.key()) }    | 'key'     | 'no PEM certificate in it'
        'a PKCS#1 key'          | PKCS1    | { Tls.server(certs.cert(), it) }            | 'bad'     | 'RSA PRIVATE KEY is not supported'
        'a certificate as key'  | null     | { Tls.server(certs.cert(), certs.cert()) }  | 'cert'    | 'no PEM private key in it'
        'a key of another cert' | null     | { Tls.server(otherCa.cert(), certs.key()) } | 'key'     | 'does not belong to certificate'
    }

    static final String BROKEN = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'
    static final String PKCS1 = '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n'
}
