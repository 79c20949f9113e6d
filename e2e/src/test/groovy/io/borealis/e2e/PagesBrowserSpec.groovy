package io.borealis.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import org.openqa.selenium.By
import org.openqa.selenium.Dimension
import org.openqa.selenium.OutputType
import org.openqa.selenium.chrome.ChromeDriver
import org.openqa.selenium.chrome.ChromeDriverService
import org.openqa.selenium.chrome.ChromeOptions
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The pages in a real browser (headless Chromium driven by Selenium through Debian's
 * chromedriver) on a running local cluster: from {@code /scheduler} down to a task's growing
 * stdout on the observer, then an update page and {@code /maintenance}. Every page visited is
 * saved as a screenshot at phone and desktop widths under {@code target/screenshots/}. Runs only
 * where {@code /usr/bin/chromedriver} is installed (.ci/run installs it).
 */
@Stepwise
@Requires({ Files.isExecutable(Path.of('/usr/bin/chromedriver')) })
class PagesBrowserSpec extends Specification {
    static final String JOB = 'devcluster/www-data/prod/ticker'
    static final Path SHOTS = Path.of('target', 'screenshots')
    static final Dimension PHONE = new Dimension(390, 844)
    static final Dimension DESKTOP = new Dimension(1366, 900)

    @Shared @TempDir Path home
    @Shared @TempDir Path profile
    @Shared LocalCluster cluster
    @Shared ChromeDriver browser

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        Files.createDirectories(SHOTS)
        cluster = new LocalCluster(home).start()
        ChromeOptions options = new ChromeOptions()
        options.setBinary('/usr/bin/chromium')
        options.addArguments('--headless', '--no-sandbox', '--disable-gpu',
                '--disable-dev-shm-usage', "--user-data-dir=$profile".toString())
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File('/usr/bin/chromedriver'))
                .usingAnyFreePort().build()
        browser = new ChromeDriver(service, options)
    }

    def cleanupSpec() {
        browser?.quit()
        cluster?.close()
    }

    Path jobFile(String version) {
        Path file = home.resolve("ticker-${version}.groovy")
        Files.writeString(file, """
            tick = Process(name: 'tick',
              cmdline: 'while true; do echo "${version} tick \$(date +%s%N)"; sleep 1; done')
            jobs = [Service(
              task: Task(processes: [tick], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'ticker',
              update_config: UpdateConfig(batch_size: 1, watch_secs: 30))]
            """.stripIndent())
        file
    }

    /** Saves what the browser shows as NAME-phone.png and NAME-desktop.png. */
    void screenshots(String name) {
        [phone: PHONE, desktop: DESKTOP].each { String width, Dimension size ->
            browser.manage().window().setSize(size)
            File shot = browser.getScreenshotAs(OutputType.FILE)
            Files.copy(shot.toPath(), SHOTS.resolve("${name}-${width}.png"),
                    StandardCopyOption.REPLACE_EXISTING)
        }
    }

    String h1() {
        browser.findElement(By.tagName('h1')).text
    }

    def "from /scheduler to the role and the job page, where the instance runs"() {
        given:
        assert cluster.borealis('job', 'create', JOB, jobFile('v1').toString()).exit == 0

        when:
        browser.get(cluster.schedulerUrl + '/scheduler')
        screenshots('scheduler')
        browser.findElement(By.linkText('www-data')).click()

        then:
        h1() == 'Role www-data'

        when:
        screenshots('role')
        browser.findElement(By.linkText('prod/ticker')).click()

        then:
        h1() == 'Job www-data/prod/ticker'
        conditions.eventually {
            browser.navigate().refresh()
            assert browser.findElement(By.cssSelector('tr.task .state')).text == 'RUNNING'
        }

        and: 'times show in local time, with the UTC text on hover (the script ran under the CSP)'
        browser.findElement(By.cssSelector('tr.task time')).getAttribute('title').endsWith(' UTC')
        !browser.findElement(By.cssSelector('tr.task time')).text.endsWith(' UTC')
        screenshots('job')
    }

    def "the instance's host link leads to the observer's task page, then to its process"() {
        when:
        browser.findElement(By.cssSelector('tr.task a.host')).click()

        then:
        browser.currentUrl.startsWith(cluster.observerUrl + '/task/')
        h1().contains('www-data-prod-ticker-0')
        screenshots('observer-task')

        when:
        browser.findElement(By.linkText('tick')).click()

        then:
        browser.currentUrl.contains('/process/')
        h1().contains('tick')
        screenshots('observer-process')
    }

    def "the process's stdout, followed, grows while the page is open"() {
        when:
        browser.findElement(By.linkText('follow')).click()
        int before = browser.findElement(By.tagName('pre')).text.readLines().size()

        then: 'the page refreshes itself and shows new lines'
        browser.currentUrl.contains('follow=1')
        conditions.eventually {
            assert browser.findElement(By.tagName('pre')).text.readLines().size() > before
        }
        browser.findElement(By.tagName('pre')).text.contains('v1 tick')
        screenshots('observer-stdout')
    }

    def "the job page links its update, whose page shows per-instance progress and events"() {
        given:
        def started = cluster.borealis('update', 'start', JOB, jobFile('v2').toString(),
                '--message', 'to v2')
        assert started.exit == 0, started.err
        String id = started.out.readLines()[0].trim()

        when:
        browser.get(cluster.schedulerUrl + '/scheduler/www-data/prod/ticker')
        browser.findElement(By.linkText(id)).click()

        then:
        h1() == "Update $id"
        browser.findElements(By.cssSelector('tr.update-instance')).size() == 1
        browser.findElement(By.cssSelector('tr.update-instance')).text.contains('change')
        !browser.findElements(By.cssSelector('tr.update-event')).isEmpty()
        browser.findElement(By.id('progress')).text ==~ /\d of 1 instances done, \d in flight/
        screenshots('update')
    }

    def "/maintenance shows a host an operator put into maintenance"() {
        given: 'a host with no agent yet, so the job keeps running'
        assert cluster.admin('host_deactivate', '--hosts=spare-host', 'devcluster').exit == 0

        when:
        browser.get(cluster.schedulerUrl + '/maintenance')

        then:
        h1() == 'Host maintenance'
        browser.findElement(By.cssSelector('tr.host')).text.contains('spare-host')
        browser.findElement(By.cssSelector('tr.host .state')).text == 'SCHEDULED'
        screenshots('maintenance')

        when: 'the other operators views render too'
        browser.get(cluster.schedulerUrl + '/agents')
        screenshots('agents')
        browser.get(cluster.schedulerUrl + '/quotas')
        screenshots('quotas')

        then:
        h1() == 'Quotas'
    }
}
