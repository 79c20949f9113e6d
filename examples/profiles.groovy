// Profiles: values bound with .bind(...) fill {{...}} templates in everything the object holds.
// A binding closer to the object wins; the client's --bind overrides any bound value:
//   borealis job inspect devcluster/www-data/prod/profiled examples/profiles.groovy
//   borealis job inspect devcluster/www-data/prod/profiled examples/profiles.groovy \
//       --bind profile.version=2.0 --bind profile.instances=3
server = Process(name: 'server',
                 cmdline: 'echo serving {{profile.package}} {{profile.version}} on {{thermos.ports[http]}}')

task = Task(processes: [server], resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB))

base = Service(task: task, cluster: 'devcluster', role: 'www-data', environment: '{{profile.env}}',
               name: 'profiled', instances: '{{profile.instances}}')

PROD = [env: 'prod', package: 'web', version: '1.0', instances: 1]

jobs = [
  base.bind(profile: PROD),
  base.bind(profile: PROD + [env: 'devel', version: '1.1-rc'])
]
