// A process graph (Thermos): order, daemon, ephemeral and final processes in one task.
//   fetch -> unpack -> serve      order(): each waits for the one before it
//   heartbeat                     daemon: re-run after each successful exit (min_duration apart)
//   sidecar                       ephemeral: does not keep the task alive, never fails it
//   flush                         final: runs once the regular processes are done (or killed)
// Rules checked when the file is read: nothing waits for a daemon, no regular process waits
// for an ephemeral one, an order never mixes final and regular processes, and no cycles.
//   borealis job create devcluster/www-data/prod/graph examples/process_graph.groovy
fetch = Process(name: 'fetch', cmdline: 'echo payload > data.txt')
unpack = Process(name: 'unpack', cmdline: 'cp data.txt unpacked.txt')
serve = Process(name: 'serve', cmdline: 'for i in 1 2 3; do cat unpacked.txt; sleep 5; done')
heartbeat = Process(name: 'heartbeat', daemon: true, max_failures: 0, min_duration: 5,
                    cmdline: 'date >> heartbeat.log')
sidecar = Process(name: 'sidecar', ephemeral: true, cmdline: 'sleep 3600')
flush = Process(name: 'flush', final: true, cmdline: 'echo flushed; ls')

task = Task(
  name: 'graph',
  processes: [fetch, unpack, serve, heartbeat, sidecar, flush],
  constraints: order(fetch, unpack, serve),
  max_concurrency: 4,
  finalization_wait: 10,
  resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))

jobs = [Job(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
            max_task_failures: 2)]
