// Port of Apache Aurora's src/test/sh/org/apache/aurora/e2e/http/http_example.aurora (the
// version that binds {{cmd}} per job): only call syntax and quoting changed; getpass.getuser()
// is Java's user.name.
DEFAULT_CMD = 'cp /vagrant/src/test/sh/org/apache/aurora/e2e/http_example.py .'

run_server = Process(
  name: 'run_server',
  cmdline: 'python http_example.py {{thermos.ports[http]}}')

stage_server = Process(
  name: 'stage_server',
  cmdline: '{{cmd}}'
)

test_task = Task(
  name: 'http_example',
  resources: Resources(cpu: 0.4, ram: 32*MB, disk: 64*MB),
  processes: [stage_server, run_server],
  constraints: order(stage_server, run_server))

update_config = UpdateConfig(watch_secs: 10, batch_size: 2)
health_check_config = HealthCheckConfig(initial_interval_secs: 5, interval_secs: 1)

job = Service(
  cluster: 'devcluster',
  instances: 2,
  update_config: update_config,
  health_check_config: health_check_config,
  task: test_task,
  role: System.getProperty('user.name'),
  environment: 'test',
  contact: '{{role}}@localhost',
  announce: Announcer()
)

jobs = [
  job(
    name: 'http_example'
  ).bind(
    cmd: DEFAULT_CMD
  ),
  job(
    name: 'http_example_revocable',
    tier: 'revocable'
  ).bind(
    cmd: DEFAULT_CMD
  ),
  job(
    name: 'http_example_docker',
    container: Container(docker: Docker(image: 'http_example'))
  ).bind(
    cmd: 'cp /tmp/http_example.py .'
  )
]
