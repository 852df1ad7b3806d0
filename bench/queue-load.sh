#!/usr/bin/env bash
# Load benchmark of the queue, on SQLite and (when PG_URL is given) PostgreSQL with two server
# processes sharing the database:
#   1. POST /api/v1/queue/tickets from the kiosk: tickets issued per second (gap-free numbers)
#   2. with 1,000 tickets waiting: the board's JSON, the ticket's position and wait on a phone
#   3. board update latency: a counter calls the next number (on process 1), the board listening
#      to process 2 receives the change event and reads the board again (bench/queue_latency.py)
# Usage: PG_URL=postgres://postgres@127.0.0.1:5432/postgres bench/queue-load.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh
unit=10301008
header
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  name=${targets[i]}
  # wrk and the bench scripts stand for the center's kiosk: no per-address limit.
  p=$(run_server "$name" "${targets[i+1]}" MOTCUA_OUTBOX_SECONDS=0 MOTCUA_KIOSK_ADDRESSES=127.0.0.1)
  base="http://127.0.0.1:$p"
  board_base=$base
  if [ "$name" = postgresql ]; then
    q=$(run_server "$name-2" "${targets[i+1]}" MOTCUA_OUTBOX_SECONDS=0 MOTCUA_KIOSK_ADDRESSES=127.0.0.1)
    board_base="http://127.0.0.1:$q"
  fi
  group=$(curl -s "$base/api/v1/queue/units/$unit" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lines"][0]["groupID"])')
  cat >"$work/ticket.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"groupID":"$group","channel":"kiosk"}'
LUA
  CLIENTS=8 measure "$name: POST /api/v1/queue/tickets, 8 clients" "$base/api/v1/queue/tickets" "" "$work/ticket.lua"
  CLIENTS=1 measure "$name: ticket, one client at a time" "$base/api/v1/queue/tickets" "" "$work/ticket.lua"
  waiting=$(curl -s "$base/api/v1/queue/units/$unit" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lines"][0]["waiting"])')
  # Top up to at least 1,000 waiting.
  for ((n = waiting; n < 1000; n++)); do curl -s -o /dev/null -X POST -H "Content-Type: application/json" --data "{\"groupID\":\"$group\"}" "$base/api/v1/queue/tickets"; done
  cookie=$(cookie_for "$p" hongbang.tiepnhan1)
  page=$(curl -s -H "Cookie: motcua-session=$cookie" "$base/quay")
  token=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"//')
  counter=$(grep -o '/quay/[0-9A-F-]*/nhan' <<<"$page" | head -1 | cut -d/ -f3)
  curl -s -o /dev/null -X POST -H "Cookie: motcua-session=$cookie" -H "X-CSRF-Token: $token" "$base/api/v1/queue/counters/$counter/take"
  echo "| ($name: $(curl -s "$base/api/v1/queue/units/$unit" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lines"][0]["waiting"])') tickets waiting in group A) | | | | | |"
  last=$(curl -s -X POST -H "Content-Type: application/json" --data "{\"groupID\":\"$group\"}" "$base/api/v1/queue/tickets" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  measure "$name: GET /api/v1/queue/units/{unit} (board)" "$base/api/v1/queue/units/$unit"
  measure "$name: GET /api/v1/queue/tickets/{id} (phone)" "$base/api/v1/queue/tickets/$last"
  CLIENTS=1 measure "$name: board, one client at a time" "$base/api/v1/queue/units/$unit"
  echo
  printf '| %-44s | %8s | %8s | %8s |\n' "$name: board update latency (ms), 50 calls" "p50" "p90" "max"
  printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "----------" "----------" "----------"
  python3 bench/queue_latency.py "$base" "$board_base" "$unit" "$cookie" "$token" "$counter" 50
  echo
  header
  stop_servers
done
