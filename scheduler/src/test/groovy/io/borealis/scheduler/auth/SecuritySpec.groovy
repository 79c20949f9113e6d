package io.borealis.scheduler.auth

import java.nio.file.Files
import java.nio.file.Path
import org.apache.shiro.authc.credential.DefaultPasswordService
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/** The Shiro realm built from an INI file: hashed passwords, case-sensitive permissions. */
class SecuritySpec extends Specification {
    @Shared
    String adminHash = new DefaultPasswordService().encryptPassword('admin-secret')
    @Shared
    String devHash = new DefaultPasswordService().encryptPassword('dev-secret')
    @TempDir
    Path dir

    Security security(String text) {
        Path file = dir.resolve('security.ini')
        Files.writeString(file, text)
        Security.fromIni(file)
    }

    String ini() {
        """\
        [users]
        admin = "$adminHash", admin
        dev = "$devHash", developer

        [roles]
        admin = *
        developer = thrift.SchedulerManager:*:www-data
        """.stripIndent()
    }

    static String basic(String user, String password) {
        'Basic ' + "$user:$password".toString().bytes.encodeBase64()
    }

    def "hashes are Shiro's \$shiro2\$ format (Argon2id by default)"() {
        expect:
        adminHash.startsWith('$shiro2$argon2id$')
        println "hash: $adminHash"
    }

    def "an unquoted hash (its parameters hold commas) is refused with a hint"() {
        when:
        security("[users]\ndev = $devHash, developer\n")

        then:
        IllegalArgumentException e = thrown()
        e.message.contains("user 'dev': put the password hash in double quotes")
    }

    def "a user with the right password is authenticated; the wrong one, another user or no header is not"() {
        given:
        Security security = security(ini())

        expect:
        security.enabled()
        security.authenticate(basic('dev', 'dev-secret')).caller().principal() == 'dev'
        with(security.authenticate(basic('dev', 'admin-secret'))) {
            caller() == null
            claimedUser() == 'dev'
            failure() == 'wrong user name or password'
        }
        security.authenticate(basic('nobody', 'dev-secret')).caller() == null
        security.authenticate(null).failure() == 'no credentials (HTTP Basic required)'
        security.authenticate('Bearer xyz').failure() == 'only HTTP Basic credentials are accepted'
        security.authenticate('Basic !!!').failure() == 'malformed Basic credentials'
        security.authenticate('Basic ' + 'no-colon'.bytes.encodeBase64()).failure() ==
                'malformed Basic credentials'
    }

    def "a remembered successful check still refuses a different password"() {
        given:
        Security security = security(ini())

        expect:
        security.authenticate(basic('dev', 'dev-secret')).caller() != null
        security.authenticate(basic('dev', 'dev-secret')).caller() != null
        security.authenticate(basic('dev', 'dev-secret!')).caller() == null
        security.authenticate(basic('admin', 'dev-secret')).caller() == null
    }

    def "permissions follow spec/http.md and compare case-sensitively"() {
        given:
        Security security = security(ini())
        Caller dev = security.authenticate(basic('dev', 'dev-secret')).caller()
        Caller admin = security.authenticate(basic('admin', 'admin-secret')).caller()

        expect:
        dev.isPermitted('thrift.SchedulerManager:createJob:www-data:prod:hello')
        dev.isPermitted('thrift.SchedulerManager:killTasks:www-data:devel:x')
        !dev.isPermitted('thrift.SchedulerManager:createJob:WWW-DATA:prod:hello')
        !dev.isPermitted('thrift.SchedulerManager:createJob:other:prod:hello')
        !dev.isPermitted('thrift.SchedulerManager:createJob')
        !dev.isPermitted('thrift.Admin:setQuota')
        !dev.isPermitted('thrift.AgentService:registerAgent:agent-0')
        admin.isPermitted('thrift.Admin:setQuota')
        admin.isPermitted('thrift.SchedulerManager:createJob:other:prod:hello')
        Caller.OPEN.isPermitted('thrift.Admin:setQuota')
    }

    def "a password in clear or an INI without users stops startup with a message naming the file"() {
        when:
        security(text)

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("Shiro INI file ${dir.resolve('security.ini')}: ")
        e.message.contains(message)

        where:
        text                                          | message
        '[users]\nbob = secret, admin\n'              | "user 'bob' has a password in clear; store its hash instead (borealis-admin hash_password)"
        '[roles]\nadmin = *\n'                        | 'it defines no [users] and no realm in [main]'
        "[main]\nx = no.such.Class\n[users]\n"        | 'no.such.Class'
    }

    def "an unreadable file is named"() {
        when:
        Security.fromIni(dir.resolve('missing.ini'))

        then:
        IllegalArgumentException e = thrown()
        e.message.startsWith("cannot read Shiro INI file ${dir.resolve('missing.ini')}")
    }

    def "without an INI file everyone is the open caller"() {
        expect:
        !Security.open().enabled()
        Security.open().authenticate(null).caller().is(Caller.OPEN)
    }
}
