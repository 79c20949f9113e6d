// Port of Apache Aurora's examples/jobs/hello_world.aurora: only call syntax and quoting changed.
hello = Process(
  name: 'hello',
  cmdline: '''
    while true; do
      echo hello world
      sleep 10
    done
  ''')

task = SequentialTask(
  processes: [hello],
  resources: Resources(cpu: 1.0, ram: 128*MB, disk: 128*MB))

jobs = [Service(
  task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'hello')]
