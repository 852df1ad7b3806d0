#!/usr/bin/env bash
# Monitoring at a province's scale on PostgreSQL: the demo province's 114 commune-level units with a
# generated year of DOSSIERS dossiers (default 2,000,000: `motcua seed --history`, with their events,
# ratings and tallies) and FEEDBACK feedback items (default 50,000: bench/voice_data.py), then, one
# request at a time (the latency a person waits) and with 8 clients (throughput):
#   - the province dashboard (HTML and JSON) for this month and the statistics of a month, a quarter,
#     a year and twelve months, per unit, field and procedure; a ward's by field, procedure and officer
#   - the Decision 766 scorecard and the ranking of all units for a month, a quarter and a year
# Usage: PG_URL=postgres://postgres@127.0.0.1:5432/postgres [DOSSIERS=…] [FEEDBACK=…] [REBUILD=1] bench/monitoring-load.sh [duration-seconds]
# With BENCH_DB=postgres://…/db the measurements run on that database as it is (one this script, or
# the same steps, filled before), skipping the set-up; REBUILD=1 also times `motcua tallies --rebuild`.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
dossiers=${DOSSIERS:-2000000}
feedback=${FEEDBACK:-50000}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
[ -n "${PG_URL:-}" ] || { echo "Set PG_URL (a PostgreSQL server this script may create a database on)" >&2; exit 1; }
source bench/lib.sh
dburl="${BENCH_DB:-${PG_URL%/*}/$db}"
export DATABASE_URL=$dburl

seconds() { local start=$SECONDS; "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log" >&2; exit 1; }; echo $((SECONDS - start)); }
if [ -z "${BENCH_DB:-}" ]; then
  t_demo=$(seconds env MOTCUA_DEMO_HISTORY=0 "$binary" seed --demo)
  t_history=$(seconds "$binary" seed --history "$dossiers" --days 365 --without-events)
  history_line=$(tail -1 "$work/step.log")
  t_feedback=$(seconds python3 bench/voice_data.py --pg "$dburl" --count "$feedback")
  psql -q "$dburl" -c "VACUUM ANALYZE"
  echo "Set-up: demo ${t_demo}s; history ${t_history}s ($history_line); feedback ${t_feedback}s."
fi
if [ -n "${REBUILD:-}" ]; then
  t_rebuild=$(seconds "$binary" tallies --rebuild)
  psql -q "$dburl" -c "VACUUM ANALYZE dossier_tallies"
  echo "Tallies rebuilt from the dossiers in ${t_rebuild}s."
fi
counts=$(psql -tA -F ' ' "$dburl" -c "SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM satisfaction_ratings),
  (SELECT count(*) FROM dossier_tallies), (SELECT count(*) FROM feedback_items), pg_size_pretty(pg_database_size(current_database())),
  pg_size_pretty(pg_total_relation_size('dossier_tallies'))")
read -r n_dossiers n_ratings n_tallies n_feedback db_size tally_size <<<"$counts"
echo "Data: $n_dossiers dossiers, $n_ratings ratings, $n_feedback feedback items, $n_tallies tally rows ($tally_size); database $db_size."

p=$(run_server postgresql DATABASE_URL="$dburl" MOTCUA_OUTBOX_SECONDS=0 MOTCUA_ALERT_SECONDS=0)
base="http://127.0.0.1:$p"
monitor=$(cookie_for "$p" tinh.giamsat)
director=$(cookie_for "$p" hongbang.giamdoc)
read -r year month quarter quarter_start first today <<<"$(python3 -c '
import datetime
t = datetime.date.today(); q = (t.month - 1) // 3
print(t.year, t.strftime("%Y-%m"), f"{t.year}-Q{q + 1}", datetime.date(t.year, 3 * q + 1, 1), t - datetime.timedelta(days=365), t)')"

echo
header
rows=(
  "province dashboard, this month (HTML)" "/giam-sat" "$monitor"
  "province dashboard, this month (JSON)" "/api/v1/statistics/dashboard" "$monitor"
  "statistics per unit, a month" "/api/v1/statistics/dossiers?from=$month-01&to=$today&groupBy=unit" "$monitor"
  "statistics per unit, a quarter" "/api/v1/statistics/dossiers?from=$quarter_start&to=$today&groupBy=unit" "$monitor"
  "statistics per unit, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&groupBy=unit" "$monitor"
  "statistics per field, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&groupBy=field" "$monitor"
  "statistics per procedure, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&groupBy=procedure" "$monitor"
  "statistics per unit, 17 days in mid-year" "/api/v1/statistics/dossiers?from=$year-06-09&to=$year-06-25&groupBy=unit" "$monitor"
  "statistics as Excel, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&format=xlsx" "$monitor"
  "ward dashboard per field, this month" "/giam-sat" "$director"
  "ward per procedure, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&groupBy=procedure" "$director"
  "ward per officer, twelve months" "/api/v1/statistics/dossiers?from=$first&to=$today&groupBy=officer" "$director"
  "766 ranking, this month (JSON)" "/api/v1/statistics/index-766?period=$month" "$monitor"
  "766 ranking, this quarter (JSON)" "/api/v1/statistics/index-766?period=$quarter" "$monitor"
  "766 ranking, this year (JSON)" "/api/v1/statistics/index-766?period=$year" "$monitor"
  "766 page with ranking, this year (HTML)" "/giam-sat/chi-so-766?ky=$year" "$monitor"
  "766 scorecard of the ward, this year" "/api/v1/statistics/index-766?period=$year" "$director"
)
for ((i = 0; i < ${#rows[@]}; i += 3)); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: motcua-session=${rows[i+2]}" "$base${rows[i+1]}")
  [ "$status" = 200 ] || { echo "${rows[i]}: HTTP $status" >&2; exit 1; }
  CLIENTS=1 measure "${rows[i]}, one at a time" "$base${rows[i+1]}" "${rows[i+2]}"
done
for ((i = 0; i < ${#rows[@]}; i += 3)); do
  CLIENTS=8 measure "${rows[i]}, 8 clients" "$base${rows[i+1]}" "${rows[i+2]}"
done
