// Health checks. A task is RUNNING once healthy: an http checker asks GET /health on the port
// named 'health' and wants 'ok'; a shell checker runs a command and wants exit 0. A task with
// neither (no 'health' port, no shell checker) is healthy as soon as it runs.
// {{thermos.ports[NAME]}} requests a port named NAME; the executor fills it in.
//   borealis job create devcluster/www-data/prod/web examples/health_checks.groovy
web = Process(name: 'web', cmdline: '''
  exec python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok" if self.path == "/health" else b"hello"
        self.send_response(200); self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        self.send_response(200); self.end_headers()
http.server.HTTPServer(("", int(sys.argv[1])), H).serve_forever()
' {{thermos.ports[health]}}
''')

task = Task(processes: [web], resources: Resources(cpu: 0.1, ram: 32*MB, disk: 16*MB))

http = Service(
  task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'web',
  health_check_config: HealthCheckConfig(
    health_checker: HealthCheckerConfig(http: HttpHealthChecker(endpoint: '/health',
                                                                expected_response: 'ok')),
    initial_interval_secs: 5, interval_secs: 2, max_consecutive_failures: 2))

worker = Process(name: 'worker', cmdline: 'touch ready; while true; do sleep 5; done')

shell = Service(
  task: Task(processes: [worker], resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'worker',
  health_check_config: HealthCheckConfig(
    health_checker: HealthCheckerConfig(shell: ShellHealthChecker(shell_command: 'test -e ready')),
    interval_secs: 5, min_consecutive_successes: 2),
  lifecycle: LifecycleConfig())

jobs = [http, shell]
