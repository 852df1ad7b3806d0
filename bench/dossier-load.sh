#!/usr/bin/env bash
# Load benchmark of dossiers, on SQLite and (when PG_URL is given) PostgreSQL:
#   1. POST /api/v1/dossiers with accept=true: counter intake — code, acceptance, appointment,
#      routing, events, audit and notices (one transaction per request), in one unit (the unit's
#      code counter row serialises its intakes) and in three units at once
#   2. GET /api/v1/dossiers/{code}/status: public tracking
#   3. with 100,000 more dossiers in the unit (PostgreSQL; copied in SQL): the specialist's box,
#      the one-stop officer's three boxes (JSON) and their workspace page (HTML)
# and, for comparison, the database's own commit rate for a transaction of the same shape
# (pgbench, 8 clients: update a counter row, insert a 2 kB row and an event row).
# With PG_LOG (the PostgreSQL server's log file, writable by this user), also the database's own rate
# for exactly one intake's work: its statements are logged once and replayed by pgbench.
# Usage: PG_URL=postgres://postgres@127.0.0.1:5432/postgres [PG_LOG=…] bench/dossier-load.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh
unit=10301008
intake_script() { # unit code, login (uses $p and $base of the running server) → session cookie and wrk script of that unit's one-stop officer
  local cookie token
  cookie=$(cookie_for "$p" "$2")
  token=$(curl -s -H "Cookie: motcua-session=$cookie" "$base/ho-so" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  cat >"$work/intake-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$token"
wrk.body = '{"unitCode":"$1","procedureCode":"1.001612","applicantName":"Nguyễn Văn Đo","applicantPhone":"0912345678","applicantEmail":"do@example.vn","applicantAddress":"Số 1 phố Thử","requestSummary":"Đăng ký hộ kinh doanh","accept":true}'
LUA
  echo "$cookie"
}
header
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  name=${targets[i]}
  p=$(run_server "$name" "${targets[i+1]}" MOTCUA_OUTBOX_SECONDS=0)
  base="http://127.0.0.1:$p"
  reception=$(intake_script $unit hongbang.tiepnhan2)
  specialist=$(cookie_for "$p" hongbang.diachinh)
  CLIENTS=8 measure "$name: intake (register + accept), 8 clients" "$base/api/v1/dossiers" "$reception" "$work/intake-$unit.lua"
  CLIENTS=1 measure "$name: intake, one client at a time" "$base/api/v1/dossiers" "$reception" "$work/intake-$unit.lua"
  measure_together "$name: intake in 3 units at once, 3 clients each" \
    "$base/api/v1/dossiers" "$reception" "$work/intake-$unit.lua" \
    "$base/api/v1/dossiers" "$(intake_script 10321041 vinhbao.tiepnhan2)" "$work/intake-10321041.lua" \
    "$base/api/v1/dossiers" "$(intake_script 10323049 cathai.tiepnhan2)" "$work/intake-10323049.lua"
  code=$(curl -s -H "Cookie: motcua-session=$specialist" "$base/api/v1/dossiers?box=to_process" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
  measure "$name: GET /api/v1/dossiers/{code}/status" "$base/api/v1/dossiers/$code/status"
  CLIENTS=1 measure "$name: status, one client at a time" "$base/api/v1/dossiers/$code/status"
  if [ "$name" = postgresql ]; then
    dburl="${PG_URL%/*}/$db"
    psql -q "$dburl" <<SQL
INSERT INTO dossiers (id, province_id, unit_id, handling_unit_id, code, procedure_id, procedure_code, procedure_name, procedure_version,
  snapshot, field_id, status, channel, result_delivery, applicant_name, applicant_id_number, applicant_phone, applicant_email,
  applicant_address, request_summary, submitted_at, received_at, legal_appointment_at, appointment_at, supplements, supplement_count,
  apology_count, assignee_id, assignee_name, holder, step_index, version, updated_at)
SELECT gen_random_uuid(), province_id, unit_id, handling_unit_id, 'SEED-' || g, procedure_id, procedure_code, procedure_name, procedure_version,
  snapshot, field_id, (ARRAY['returned','returned','returned','returned','processing','awaiting_approval','result_ready','submitted'])[1 + g % 8],
  channel, result_delivery, applicant_name || ' ' || g, applicant_id_number, applicant_phone, applicant_email, applicant_address,
  request_summary, submitted_at - make_interval(mins => g), received_at - make_interval(mins => g),
  legal_appointment_at + make_interval(hours => (g % 4000) - 2000), appointment_at + make_interval(hours => (g % 4000) - 2000),
  supplements, supplement_count, apology_count, assignee_id, assignee_name, holder, step_index, 1, updated_at
FROM dossiers d, generate_series(1, 100000) g WHERE d.code = '$code';
ANALYZE dossiers;
SQL
    total=$(psql -tA "$dburl" -c "SELECT count(*) FROM dossiers WHERE unit_id = (SELECT id FROM units WHERE code = '$unit')")
    echo "| ($name: $total dossiers in the unit) | | | | | |"
    measure "$name: specialist's box (JSON)" "$base/api/v1/dossiers?box=to_process" "$specialist"
    measure "$name: one-stop officer's 3 boxes (JSON)" "$base/api/v1/dossiers" "$reception"
    measure "$name: one-stop officer's workspace (HTML)" "$base/ho-so" "$reception"
    CLIENTS=1 measure "$name: specialist's box, one client at a time" "$base/api/v1/dossiers?box=to_process" "$specialist"
    measure "$name: status lookup among 100,000" "$base/api/v1/dossiers/SEED-54321/status"
    psql -q "$dburl" -c "CREATE TABLE bench_counter (unit int PRIMARY KEY, n int); INSERT INTO bench_counter VALUES (1, 0);
      CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload text); CREATE TABLE bench_events (id bigserial PRIMARY KEY, row_id bigint, note text);"
    cat >"$work/commit.sql" <<'PGB'
BEGIN;
UPDATE bench_counter SET n = n + 1 WHERE unit = 1;
WITH r AS (INSERT INTO bench_rows (payload) VALUES (repeat('x', 2000)) RETURNING id) INSERT INTO bench_events (row_id, note) SELECT id, 'tiếp nhận' FROM r;
COMMIT;
PGB
    tps=$(pgbench -n -c 8 -j 2 -T "$duration" -f "$work/commit.sql" "$dburl" 2>/dev/null | awk '/^tps/{print $3}')
    fsync=$(psql -tA "$dburl" -c "SHOW fsync")
    printf '| %-44s | %10s | %8s | %8s | %8s | %6s |\n' "postgresql: pgbench same-shape tx, 8 clients" "${tps%.*}" "" "" "" "fsync=$fsync"
    if [ -n "${PG_LOG:-}" ]; then
      # The database's own rate for exactly one intake's work: its statements, logged once, replayed.
      token=$(sed -n 's/.*X-CSRF-Token"\] = "\(.*\)"/\1/p' "$work/intake-$unit.lua")
      mark="motcua-bench-mark-$$"
      psql -q "$PG_URL" -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
      sleep 0.5
      echo "$mark" >>"$PG_LOG"
      curl -s -o /dev/null -X POST -H "Cookie: motcua-session=$reception" -H "Content-Type: application/json" -H "X-CSRF-Token: $token" \
        --data "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/intake-$unit.lua")" "$base/api/v1/dossiers"
      sleep 0.5
      psql -q "$PG_URL" -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
      awk -v m="$mark" '$0 == m {f = 1; next} f' "$PG_LOG" | grep -v "ALTER SYSTEM\|pg_reload_conf" >"$work/intake.log"
      python3 bench/replay_statements.py "$work/intake.log" >"$work/replay.sql"
      count=$(($(wc -l <"$work/replay.sql") - 1))
      for c in 8 1; do
        tps=$(pgbench -n -c $c -j $((c > 1 ? 2 : 1)) -T "$duration" -f "$work/replay.sql" "$dburl" 2>/dev/null | awk '/^tps/{print $3}')
        printf '| %-44s | %10s | %8s | %8s | %8s | %6s |\n' "postgresql: one intake's $count statements by pgbench, $c" "${tps%.*}" "" "" "" ""
      done
    fi
  fi
  stop_servers
done
