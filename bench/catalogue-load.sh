#!/usr/bin/env bash
# Load benchmark of the procedure catalogue with 2,000 procedures in the province (the demo's 186
# real ones plus variants, imported through the API as the province administrator):
#   1. GET /api/v1/procedures?q=…   (search, diacritics-free query, ranked; JSON)
#   2. GET /don-vi/…/thu-tuc?q=…    (a unit's catalogue page with search; HTML)
#   3. GET /thu-tuc/1.000894        (a procedure page; HTML)
#   4. GET /thu-tuc/1.000894/qr.svg (its QR code, encoded per request)
#   5. GET /                        (the home page: search, tiles and the most filed procedures,
#                                    from 2,000 generated dossiers' tallies)
# with 32 connections, then one request at a time (latency without queueing), on SQLite and,
# when PG_URL is given, PostgreSQL.
# Usage: bench/catalogue-load.sh [duration-seconds]   (needs: wrk, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh
python3 bench/synthetic_catalogue.py 2000 >"$work/catalogue.csv"
header
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  name=${targets[i]}
  p=$(run_server "$name" "${targets[i+1]}" MOTCUA_DEMO_HISTORY=2000)
  base="http://127.0.0.1:$p"
  cookie=$(cookie_for "$p")
  token=$(curl -s -H "Cookie: motcua-session=$cookie" "$base/tai-khoan" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  report=$(curl -s -H "Cookie: motcua-session=$cookie" -H "X-CSRF-Token: $token" -H "Content-Type: text/csv" \
    --data-binary @"$work/catalogue.csv" "$base/api/v1/catalogue/import")
  grep -q '"created":1814' <<<"$report" || { echo "import failed: $report" >&2; exit 1; }
  measure "$name: search ?q=dang ky ket hon (JSON)" "$base/api/v1/procedures?q=dang%20ky%20ket%20hon"
  measure "$name: search ?q=giay phep (JSON)" "$base/api/v1/procedures?q=giay%20phep"
  measure "$name: unit page ?q=khai sinh (HTML)" "$base/don-vi/10301008/thu-tuc?q=khai+sinh"
  measure "$name: procedure page 1.000894 (HTML)" "$base/thu-tuc/1.000894?don-vi=10301008"
  measure "$name: QR code SVG" "$base/thu-tuc/1.000894/qr.svg?don-vi=10301008"
  measure "$name: home page (HTML)" "$base/"
  CLIENTS=1 measure "$name: search, one client at a time" "$base/api/v1/procedures?q=dang%20ky%20ket%20hon"
  CLIENTS=1 measure "$name: procedure page, one client at a time" "$base/thu-tuc/1.000894?don-vi=10301008"
  CLIENTS=1 measure "$name: home page, one client at a time" "$base/"
  stop_servers
done
