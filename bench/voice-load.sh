#!/usr/bin/env bash
# Load benchmark of citizens' voice with 100,000 feedback items (60% published) on SQLite and (when
# PG_URL is given) PostgreSQL: the public answers page (HTML and JSON, newest and searched without
# diacritics, a deep page), and the Open311 `requests` query (default window, filtered, one request).
# Usage: PG_URL=postgres://postgres@127.0.0.1:5432/postgres bench/voice-load.sh [duration-seconds] [items]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
items=${2:-100000}
command -v wrk >/dev/null || { echo "Install wrk: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh
header
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  name=${targets[i]}
  p=$(run_server "$name" "${targets[i+1]}" MOTCUA_OUTBOX_SECONDS=0)
  base="http://127.0.0.1:$p"
  if [ "$name" = sqlite ]; then
    python3 bench/voice_data.py --sqlite "$work/bench.sqlite" --count "$items" >"$work/data-$name.log"
  else
    python3 bench/voice_data.py --pg "${PG_URL%/*}/$db" --count "$items" >"$work/data-$name.log"
  fi
  echo "| ($name: $(cat "$work/data-$name.log")) | | | | | |"
  one=$(curl -s "$base/open311/v2/requests.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["service_request_id"])')
  measure "$name: GET /phan-anh/tra-loi (HTML, newest 20)" "$base/phan-anh/tra-loi"
  measure "$name: GET /phan-anh/tra-loi?q=den chieu sang" "$base/phan-anh/tra-loi?q=den%20chieu%20sang"
  measure "$name: GET /phan-anh/tra-loi?trang=200" "$base/phan-anh/tra-loi?trang=200"
  measure "$name: GET /api/v1/feedback/answers?q=o ga" "$base/api/v1/feedback/answers?q=o%20ga"
  measure "$name: Open311 requests.json (90 days, 1,000)" "$base/open311/v2/requests.json"
  measure "$name: Open311 requests.xml (90 days, 1,000)" "$base/open311/v2/requests.xml"
  measure "$name: Open311 requests.json?service_code&status" "$base/open311/v2/requests.json?service_code=moi-truong&status=closed"
  measure "$name: Open311 requests/{id}.json" "$base/open311/v2/requests/$one.json"
  CLIENTS=1 measure "$name: requests.json, one client at a time" "$base/open311/v2/requests.json"
  CLIENTS=1 measure "$name: answers search, one client at a time" "$base/phan-anh/tra-loi?q=den%20chieu%20sang"
  stop_servers
done
