// Prints what the executor resolved from the templates that only it can know. 'alias' is an
// announcer alias of 'http': the same port, and no port of its own.
report = Process(name: 'report', cmdline: '''
  echo "port={{thermos.ports[http]}} alias={{thermos.ports[alias]}} task={{thermos.task_id}} instance={{mesos.instance}} host={{mesos.hostname}}"
  sleep 600
''')

jobs = [Service(cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'ports',
                task: Task(processes: [report], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
                announce: Announcer(portmap: [alias: 'http']))]
