// hello_world in a Docker container of the busybox test image (.ci/podman-setup builds it):
// no Java, Python or bash in the image; the executor drives the container from the host.
//   export DOCKER_HOST="$(.ci/podman-setup /tmp/borealis-podman)"   (before starting the agent)
//   borealis job create devcluster/www-data/prod/hello_docker examples/docker/hello.groovy
hello = Process(name: 'hello', cmdline: '''
  while true; do echo "hello world from $(readlink /bin/sh)"; sleep 5; done
''')

jobs = [Service(
  task: SequentialTask(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'hello_docker',
  container: Docker(image: 'localhost/borealis-busybox:latest'))]
