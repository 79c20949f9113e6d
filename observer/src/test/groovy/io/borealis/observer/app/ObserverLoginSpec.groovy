package io.borealis.observer.app

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import org.apache.shiro.authc.credential.DefaultPasswordService
import spock.lang.Specification
import spock.lang.TempDir

/** The observer behind the scheduler's login ({@code --shiro-ini}). */
class ObserverLoginSpec extends Specification {
    @TempDir
    Path dir
    ObserverServer server
    HttpClient http = HttpClient.newHttpClient()

    def setup() {
        Path ini = dir.resolve('security.ini')
        Files.writeString(ini, "[users]\ndev = \"${new DefaultPasswordService().encryptPassword('dev-pw')}\", developer\n" +
                "[roles]\ndeveloper = thrift.SchedulerManager:*:www-data\n")
        server = new ObserverServer(Files.createDirectories(dir.resolve('work')), 0, ini).start()
    }

    def cleanup() {
        server?.stop()
    }

    int get(String path, String user = null, String password = null) {
        def request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.port()}$path"))
        if (user != null) {
            request.header('Authorization', 'Basic ' + "$user:$password".bytes.encodeBase64())
        }
        http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
    }

    def "pages need a user of the INI; wrong or no credentials get 401"() {
        expect:
        get('/') == 401
        get('/', 'dev', 'wrong') == 401
        get('/', 'nobody', 'dev-pw') == 401
        get('/', 'dev', 'dev-pw') == 200
        get('/task/nope', 'dev', 'dev-pw') == 404
    }

    def "an INI Shiro refuses is named"() {
        given:
        Path bad = dir.resolve('bad.ini')
        Files.writeString(bad, "[main]\nx = no.such.Class\n")

        when:
        new ObserverServer(dir, 0, bad)

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("--shiro-ini ${bad}: ")
    }
}
