#!/usr/bin/env bash
# Writes a job file defining N services (default 200), each with three processes, an order
# constraint, a health check and its own bound profile: the input of the `job inspect`
# timing in dsl/README.md.
#   examples/bench/generate_jobs.sh 200 > /tmp/jobs200.groovy
#   bin/borealis job inspect devcluster/www-data/prod/svc199 /tmp/jobs200.groovy
set -euo pipefail
count="${1:-200}"
cat <<'HEAD'
fetch = Process(name: 'fetch', cmdline: 'echo fetching {{profile.package}}')
serve = Process(name: 'serve', cmdline: 'exec serve --port {{thermos.ports[http]}} --v {{profile.version}}')
watch = Process(name: 'watch', daemon: true, cmdline: 'date >> watch.log')
task = Task(processes: [fetch, serve, watch], constraints: order(fetch, serve),
            resources: Resources(cpu: 0.01, ram: 4*MB, disk: 4*MB))
base = Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
               update_config: UpdateConfig(batch_size: 2, watch_secs: 10),
               health_check_config: HealthCheckConfig(interval_secs: 5))
jobs = []
HEAD
for ((i = 0; i < count; i++)); do
  echo "jobs << base(name: 'svc$i', instances: $((i % 5 + 1))).bind(profile: [package: 'pkg$i', version: '1.$i'])"
done
