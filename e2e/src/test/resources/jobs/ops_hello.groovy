// A service of role ops: SecuritySpec checks that dev, who may write www-data only, cannot create it.
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 5; done')

jobs = [Service(cluster: 'devcluster', role: 'ops', environment: 'prod', name: 'hello',
                tier: 'preemptible', instances: 1,
                task: Task(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)))]
