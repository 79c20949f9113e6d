// A cron job: runs every five minutes on weekdays; a run still going when the next is due is
// killed first (KILL_EXISTING, the default) or the new one is skipped (CANCEL_NEW).
// The schedule is crontab's five fields, MIN HOUR DOM MON DOW, checked when the file is read.
//   borealis job inspect devcluster/www-data/prod/tick examples/cron_job.groovy
tick = Process(name: 'tick', cmdline: 'date; echo tick')

jobs = [Job(
  task: Task(processes: [tick], resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'tick',
  cron_schedule: '*/5 * * * MON-FRI',
  cron_collision_policy: 'CANCEL_NEW')]
