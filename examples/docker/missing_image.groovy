// A job naming an image that no engine holds: its task ends FAILED at once, and the task's
// events carry the engine's reason ("no such image: ...").
//   borealis job create devcluster/www-data/prod/missing_image examples/docker/missing_image.groovy
hello = Process(name: 'hello', cmdline: 'echo never runs')

jobs = [Job(
  task: Task(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'missing_image',
  container: Docker(image: 'localhost/borealis-no-such-image:latest'))]
