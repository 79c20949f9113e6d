// A cron job: runs every five minutes on weekdays; a run still going when the next is due is
// killed first (KILL_EXISTING, the default) or the new one is skipped (CANCEL_NEW).
// The schedule is crontab's five fields, MIN HOUR DOM MON DOW, checked when the file is read,
// and read in cron_timezone (an IANA zone id; UTC when left out).
//   borealis cron schedule devcluster/www-data/prod/tick examples/cron_job.groovy
//   borealis cron show devcluster/www-data/prod/tick
//   borealis cron start devcluster/www-data/prod/tick      (run now)
//   borealis cron deschedule devcluster/www-data/prod/tick
tick = Process(name: 'tick', cmdline: 'date; echo tick')

jobs = [Job(
  task: Task(processes: [tick], resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'tick',
  cron_schedule: '*/5 * * * MON-FRI', cron_timezone: 'Europe/Paris',
  cron_collision_policy: 'CANCEL_NEW')]
