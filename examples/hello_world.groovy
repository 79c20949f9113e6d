// The smallest service: one process that says hello every few seconds, forever.
// Run it on the local cluster:
//   borealis job create devcluster/www-data/prod/hello examples/hello_world.groovy
hello = Process(name: 'hello', cmdline: '''
  while true; do echo hello world; sleep 5; done
''')

task = SequentialTask(
  processes: [hello],
  resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))

jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data',
                environment: 'prod', name: 'hello')]
