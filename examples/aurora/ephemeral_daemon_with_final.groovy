// Port of Apache Aurora's src/test/sh/org/apache/aurora/e2e/ephemeral_daemon_with_final.aurora:
// only call syntax and quoting changed; getpass.getuser() is Java's user.name.
// Needs --bind stop_file=PATH, as Aurora's end-to-end test gives it.
ephemeral_daemon_process = Process(
  name: 'ephemeral_daemon',
  daemon: true,
  ephemeral: true,
  cmdline: 'echo "ephemeral daemon started"; sleep 3600')

main_process = Process(
  name: 'main',
  cmdline: 'while [[ ! -e {{stop_file}} ]]; do sleep 1; done; echo "main OK"')

final_process = Process(
  name: 'final',
  final: true,
  cmdline: 'rm {{stop_file}}; echo "final OK"')

test_task = Task(
  name: 'ephemeral_daemon_with_final',
  resources: Resources(cpu: 0.4, ram: 32*MB, disk: 64*MB),
  processes: [ephemeral_daemon_process, main_process, final_process])

job = Job(
  cluster: 'devcluster',
  task: test_task,
  role: System.getProperty('user.name'),
  environment: 'test',
  contact: '{{role}}@localhost'
)

jobs = [
  job(name: 'ephemeral_daemon_with_final')
]
