// Rolling update strategies (UpdateConfig): one job per strategy.
//   queue:    keep batch_size instances updating at all times (the default)
//   batch:    update batch_size instances, wait for the whole batch, then the next
//   variable: batch sizes grow per step, the last one repeats (1, 2, 3, 3, ...)
//   borealis job inspect devcluster/www-data/prod/queue examples/rolling_updates.groovy
echo = Process(name: 'echo', cmdline: 'while true; do echo v1; sleep 10; done')
base = Service(
  task: Task(processes: [echo], resources: Resources(cpu: 0.02, ram: 4*MB, disk: 4*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', instances: 4)

jobs = [
  base(name: 'queue', update_config: UpdateConfig(
    watch_secs: 10, update_strategy: QueueUpdateStrategy(batch_size: 2))),
  base(name: 'batch', update_config: UpdateConfig(
    watch_secs: 10, max_per_shard_failures: 1, max_total_failures: 1, rollback_on_failure: false,
    update_strategy: BatchUpdateStrategy(batch_size: 2, autopause_after_batch: true))),
  base(name: 'variable', update_config: UpdateConfig(
    watch_secs: 10, update_strategy: VariableBatchUpdateStrategy(batch_sizes: [1, 2, 3])))
]
