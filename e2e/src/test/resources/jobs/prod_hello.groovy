// A production service (non-preemptible tier): admitted only within role www-data's quota.
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 5; done')

jobs = [Service(cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'prod_hello',
                tier: 'preferred', instances: 2,
                task: Task(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)))]
