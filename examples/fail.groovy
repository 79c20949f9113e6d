// A batch job whose only process fails: shows FAILED tasks and max_task_failures.
//   borealis job create devcluster/www-data/prod/fail examples/fail.groovy
fail = Process(name: 'fail', cmdline: 'echo about to fail; exit 1')

jobs = [Job(
  task: Task(processes: [fail], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'fail')]
