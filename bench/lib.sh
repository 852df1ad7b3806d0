# Shared by the bench/*.sh load scripts: a release server on a free port with the demo province,
# the province administrator's session, and one wrk measurement as a Markdown table row.
swift build -c release --product motcua >/dev/null
binary=.build/release/motcua
work=$(mktemp -d /tmp/motcua-bench.XXXXXX)
stop_servers() { for f in "$work"/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done; return 0; }
trap 'stop_servers; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_server() { # name, env…
  local name=$1; shift
  local p; p=$(port)
  # Development environment, logging only warnings: production refuses the demo's published
  # password (and needs MOTCUA_PUBLIC_URL), which is as it should be.
  env MOTCUA_DEMO_HISTORY=0 "$@" MOTCUA_DEMO=1 "$binary" serve --env development --log warning --hostname 127.0.0.1 --port "$p" >"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$p/api/v1/health" >/dev/null && break; sleep 0.2; done
  echo "$p"
}

cookie_for() { # port, [login] → session cookie (the province administrator by default)
  local base="http://127.0.0.1:$1" login=${2:-tinh.quantri} jar="$work/jar-$1-${2:-tinh.quantri}"
  local token; token=$(curl -s -c "$jar" -b "$jar" "$base/dang-nhap" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$token&identifier=$login&password=MotCua%402026" "$base/dang-nhap"
  awk '$6=="motcua-session"{print $7}' "$jar"
}

measure() { # label, url, [cookie], [wrk script]; CLIENTS=1 measures one request at a time
  local clients=${CLIENTS:-32} threads=2
  [ "$clients" -lt 2 ] && threads=1
  local out; out=$(wrk -t"$threads" -c"$clients" -d"${duration}s" --latency ${3:+-H "Cookie: motcua-session=$3"} ${4:+-s "$4"} "$2")
  local rps p50 p90 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out"); p90=$(awk '$1=="90%"{print $2}' <<<"$out"); p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/{print $5}' <<<"$out"); errors=${errors:-0}
  printf '| %-44s | %10s | %8s | %8s | %8s | %6s |\n' "$1" "$rps" "$p50" "$p90" "$p99" "$errors"
}

measure_together() { # label, then "url cookie script" triples run at once (3 clients each); summed req/s, worst percentiles
  local label=$1; shift
  local i=0 outs=()
  while [ $# -ge 3 ]; do
    wrk -t1 -c3 -d"${duration}s" --latency -H "Cookie: motcua-session=$2" -s "$3" "$1" >"$work/together-$i.out" &
    outs+=("$work/together-$i.out"); i=$((i + 1)); shift 3
  done
  wait
  local rps p50 p90 p99 errors
  rps=$(awk '/Requests\/sec/{s += $2} END {printf "%.2f", s}' "${outs[@]}")
  worst() { awk -v k="$1" '$1==k{print $2}' "${outs[@]}" | sort -h | tail -1; }
  p50=$(worst 50%); p90=$(worst 90%); p99=$(worst 99%)
  errors=$(awk '/Non-2xx/{s += $5} END {print s + 0}' "${outs[@]}")
  printf '| %-44s | %10s | %8s | %8s | %8s | %6s |\n' "$label" "$rps" "$p50" "$p90" "$p99" "$errors"
}

header() {
  printf '| %-44s | %10s | %8s | %8s | %8s | %6s |\n' "endpoint (wrk -t2 -c32 -d${duration}s)" "req/s" "p50" "p90" "p99" "non-2xx"
  printf '|%s|%s|%s|%s|%s|%s|\n' "----------------------------------------------" "------------" "----------" "----------" "----------" "--------"
}

# Targets: SQLite, and PostgreSQL in a fresh database when PG_URL is given.
targets=("sqlite" "MOTCUA_SQLITE_PATH=$work/bench.sqlite")
if [ -n "${PG_URL:-}" ]; then
  db="motcua_bench_$$"
  psql -q "$PG_URL" -c "CREATE DATABASE $db"
  trap 'stop_servers; psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS '"$db"' WITH (FORCE)"; rm -rf "$work"' EXIT
  targets+=("postgresql" "DATABASE_URL=${PG_URL%/*}/$db")
fi
