// A task in a Docker container: the image, docker parameters and volumes.
// Container(docker: Docker(...)) is the older spelling of the same thing.
//   borealis job inspect devcluster/www-data/prod/boxed examples/docker.groovy
hello = Process(name: 'hello', cmdline: 'while true; do echo hello from a container; sleep 10; done')

jobs = [Service(
  task: Task(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'boxed',
  container: Docker(
    image: 'localhost/busybox:latest',
    parameters: [Parameter(name: 'env', value: 'GREETING=hello')],
    volumes: [Volume(container_path: '/data', host_path: '/tmp', mode: Mode('RO'))]))]
