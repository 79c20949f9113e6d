// Port of Apache Aurora's examples/jobs/hello_world_variable_update.aurora: only call syntax and
// quoting changed.
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
  resources: Resources(cpu: 0.10, ram: 8*MB, disk: 8*MB))

jobs = [
  Service(
    task: task,
    cluster: 'devcluster',
    role: 'www-data',
    environment: 'prod',
    name: 'hello',
    instances: 6,
    update_config: UpdateConfig(
        update_strategy: VariableBatchUpdateStrategy(batch_sizes: [1, 2, 3]))
  )
]
