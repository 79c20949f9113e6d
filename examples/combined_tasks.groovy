// Building a task from others: Tasks.concat runs each task's processes after the previous
// task's (resources: the largest of each; finalization waits add up); Tasks.combine runs them
// side by side (resources add up; the largest finalization wait).
//   borealis job inspect devcluster/www-data/prod/pipeline examples/combined_tasks.groovy
setup = Task(name: 'setup', processes: [Process(name: 'prepare', cmdline: 'mkdir -p out')],
             resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB))
work = SequentialTask(name: 'pipeline',
                      processes: [Process(name: 'produce', cmdline: 'date > out/now'),
                                  Process(name: 'consume', cmdline: 'cat out/now')],
                      resources: Resources(cpu: 0.1, ram: 16*MB, disk: 8*MB))
logger = Task(name: 'logger', processes: [Process(name: 'log', ephemeral: true, cmdline: 'sleep 60')],
              resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB))

jobs = [
  Job(task: Tasks.concat(setup, work), cluster: 'devcluster', role: 'www-data',
      environment: 'prod'),
  Job(task: Tasks.combine(Tasks.concat(setup, work), logger), cluster: 'devcluster',
      role: 'www-data', environment: 'prod', name: 'pipeline_with_logger')
]
