#!/usr/bin/env bash
# Load benchmark of the foundation: requests/s and latency percentiles with wrk against
#   1. GET /api/v1/health          (framework + one tiny query)
#   2. GET /api/v1/units?kind=ward (a database-backed JSON list: 45 of the demo's 127 units)
#   3. GET /quan-tri/don-vi        (a signed-in, database-backed HTML page: 127 units, staff counts)
#   4. GET /api/v1/deadline        (an appointment date: loads the declared days, builds the calendar)
# on SQLite (the embedded default) and, when PG_URL is given, PostgreSQL.
# Usage: bench/http-load.sh [duration-seconds]   (needs: wrk, a release build, python3)
#        PG_URL=postgres://postgres@127.0.0.1:5432/postgres bench/http-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh
header
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  name=${targets[i]}
  p=$(run_server "$name" "${targets[i+1]}")
  cookie=$(cookie_for "$p")
  measure "$name: GET /api/v1/health" "http://127.0.0.1:$p/api/v1/health"
  measure "$name: GET /api/v1/units?kind=ward" "http://127.0.0.1:$p/api/v1/units?kind=ward"
  measure "$name: GET /quan-tri/don-vi (signed in)" "http://127.0.0.1:$p/quan-tri/don-vi" "$cookie"
  measure "$name: GET /api/v1/deadline (5 working days)" "http://127.0.0.1:$p/api/v1/deadline?received=2026-02-13T10:00:00%2B07:00&value=5&unit=working_days"
  stop_servers
done
