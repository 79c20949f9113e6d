// Where and how a service is scheduled: constraints (one instance per host, avoid a rack),
// tier and priority, metadata, contact, announcer (under its own ZooKeeper path), partition and
// SLA policies.
//   borealis job inspect devcluster/www-data/prod/placed examples/scheduling.groovy
app = Process(name: 'app', cmdline: 'while true; do sleep 10; done')

jobs = [Service(
  task: Task(processes: [app], resources: Resources(cpu: 0.02, ram: 4*MB, disk: 4*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'placed',
  instances: 2,
  contact: 'www-data@localhost',
  tier: 'preemptible', priority: 1,
  constraints: [host: 'limit:2', rack: '!r9'],
  metadata: [Metadata(key: 'team', value: 'web'), Metadata(key: 'owner', value: '{{role}}')],
  announce: Announcer(primary_port: 'http', portmap: [aurora: 'http'],
                      zk_path: '/services/{{role}}/{{name}}'),
  partition_policy: PartitionPolicy(reschedule: true, delay_secs: 30),
  sla_policy: PercentageSlaPolicy(percentage: 50, duration_secs: 60),
  update_config: UpdateConfig(sla_aware: true))]
