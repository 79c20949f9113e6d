// Port of Apache Aurora's src/test/sh/org/apache/aurora/e2e/http/http_example_docker.aurora:
// only call syntax and quoting changed; getpass.getuser() is Java's user.name.
run_server = Process(
  name: 'run_server',
  cmdline: 'python http_example.py {{thermos.ports[http]}}')

stage_server = Process(
  name: 'stage_server',
  cmdline: 'cp /tmp/http_example.py .'
)

test_task = Task(
  name: 'http_example',
  resources: Resources(cpu: 0.5, ram: 32*MB, disk: 64*MB),
  processes: [stage_server, run_server],
  constraints: order(stage_server, run_server))

update_config = UpdateConfig(watch_secs: 10, batch_size: 2)
health_check_config = HealthCheckConfig(initial_interval_secs: 5, interval_secs: 1)

job = Service(
  name: 'http_example_docker',
  cluster: 'devcluster',
  instances: 2,
  update_config: update_config,
  health_check_config: health_check_config,
  task: test_task,
  role: System.getProperty('user.name'),
  environment: 'test',
  contact: '{{role}}@localhost',
  // Since there is only one slave in devcluster allow all instances to run there.
  constraints: [
    'host': 'limit:2'
  ],
  announce: Announcer(),
  container: Container(docker: Docker(image: 'http_example'))
)

jobs = [ job ]
