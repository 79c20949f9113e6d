// An http server in a Docker container: busybox httpd on the port the scheduler assigned.
// The container shares the host's network, so {{thermos.ports[http]}} is reachable as it is.
//   borealis job create devcluster/www-data/prod/http_docker examples/docker/http_server.groovy
serve = Process(name: 'httpd', cmdline: '''
  mkdir -p www && echo "hello from instance {{mesos.instance}}" > www/index.html &&
  exec httpd -f -p {{thermos.ports[http]}} -h www
''')

jobs = [Service(
  task: Task(processes: [serve], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'http_docker',
  container: Docker(image: 'localhost/borealis-busybox:latest'))]
