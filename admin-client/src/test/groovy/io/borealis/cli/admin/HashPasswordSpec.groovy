package io.borealis.cli.admin

import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import java.nio.file.Path
import java.time.Duration
import org.apache.shiro.authc.credential.DefaultPasswordService
import spock.lang.Specification
import spock.lang.TempDir

/** {@code borealis-admin hash_password}, reading standard input (not a terminal here). */
class HashPasswordSpec extends Specification {
    @TempDir
    Path dir
    InputStream stdin = System.in

    def cleanup() {
        System.setIn(stdin)
    }

    Map run(String input) {
        System.setIn(new ByteArrayInputStream(input.getBytes('UTF-8')))
        def out = new StringWriter()
        def err = new StringWriter()
        def context = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment([BOREALIS_CONFIG_ROOT: dir.toString()], dir), false,
                Duration.ofSeconds(5), Duration.ofMillis(20))
        int code = AdminMain.commandLine(context).execute('hash_password')
        [code: code, out: out.toString(), err: err.toString()]
    }

    def "prints a \$shiro2\$ hash of each line that Shiro verifies, and never the password"() {
        when:
        def result = run('s3cret pass\nsecond\n')
        List<String> hashes = result.out.readLines()

        then:
        result.code == 0
        hashes.size() == 2
        hashes.every { it.startsWith('$shiro2$argon2id$') }
        new DefaultPasswordService().passwordsMatch('s3cret pass', hashes[0])
        new DefaultPasswordService().passwordsMatch('second', hashes[1])
        !new DefaultPasswordService().passwordsMatch('second', hashes[0])
        !result.out.contains('s3cret') && !result.err.contains('s3cret')
    }

    def "the same password hashes differently each time (salted)"() {
        expect:
        run('same\n').out != run('same\n').out
    }

    def "bad input exits 6 naming the problem: #why"() {
        when:
        def result = run(input)

        then:
        result.code == 6
        result.err.contains(message)
        result.out.isEmpty()

        where:
        why          | input              || message
        'nothing'    | ''                 || 'no password on standard input (one a line)'
        'empty line' | 'a\n\nb\n'         || 'line 2 is empty'
        'too long'   | 'x' * 1025 + '\n'  || 'line 1 is longer than 1024 characters'
    }
}
