#!/usr/bin/env bash
# The control-plane API benchmark, as whole processes: a Gantry server and a bare-Jetty peer,
# each driven by wrk with one SigV4-signed request replayed (signature checked every time).
#   sequential: 1 thread, 1 keep-alive connection;   loaded: 2 threads, 32 connections.
# Usage: gantry-bench/api-bench.sh [seconds]     (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-10}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f gantry-bench/target/gantry-bench.jar ] || mvn -B -q -Dmaven.test.skip=true package -pl gantry-bench -am
JAR=gantry-bench/target/gantry-bench.jar
KEY=AKGABENCHACCESSKEY01 SECRET=bench/secret/key/0123456789abcdefghijklm
GPORT=18710 PPORT=18711
DATA="$(mktemp -d)"
trap 'kill $GPID $PPID2 2>/dev/null || true; rm -rf "$DATA"' EXIT
GANTRY_ACCESS_KEY_ID=$KEY GANTRY_SECRET_ACCESS_KEY=$SECRET java -cp $JAR io.gantry.cli.Main server --port $GPORT --data-dir "$DATA" >"$DATA/server.log" 2>&1 &
GPID=$!
java -cp $JAR io.gantry.bench.BarePeer $PPORT >"$DATA/peer.log" 2>&1 &
PPID2=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$GPORT/health" >/dev/null && grep -q listening "$DATA/peer.log" && break; sleep 0.2; done
G=http://127.0.0.1:$GPORT P=http://127.0.0.1:$PPORT
script() { java -cp $JAR io.gantry.bench.WrkScript "$1" $KEY $SECRET "$2" "$3" > "$DATA/$4.lua"; }
script $G CreateCluster '{"clusterName":"bench"}' create
wrk -t1 -c1 -d1s -s "$DATA/create.lua" $G >/dev/null
script $G DescribeClusters '{"clusters":["bench"]}' g-read
script $P DescribeClusters '{"clusters":["bench"]}' p-read
script $G RegisterTaskDefinition '{"family":"bench","containerDefinitions":[{"name":"app","image":"busybox","memory":64}]}' g-write
run() { # name threads conns script url
  local out; out=$(wrk -t"$2" -c"$3" -d"${SECS}s" --latency -s "$DATA/$4.lua" "$5")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out"); p50=$(awk '$1=="50%"{print $2}' <<<"$out"); p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  local errs; errs=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  printf '%-40s c=%-3s %10s req/s  p50 %8s  p99 %8s  non-2xx %s\n' "$1" "$3" "$rps" "$p50" "$p99" "${errs:-0}"
  echo "$rps" > "$DATA/$1.rps"
}
# JIT warm-up of both servers (not measured).
wrk -t2 -c32 -d10s -s "$DATA/g-read.lua" $G >/dev/null
wrk -t2 -c32 -d10s -s "$DATA/p-read.lua" $P >/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, ${SECS}s per run"
for c in 1 4 32; do
  t=$([ $c = 1 ] && echo 1 || echo 2)
  wrk -t$t -c$c -d2s -s "$DATA/g-read.lua" $G >/dev/null   # warm-up
  run "gantry-read-c$c DescribeClusters" $t $c g-read $G
  wrk -t$t -c$c -d2s -s "$DATA/p-read.lua" $P >/dev/null
  run "peer-read-c$c bare Jetty" $t $c p-read $P
  awk -v a="$(cat "$DATA/gantry-read-c$c DescribeClusters.rps")" -v b="$(cat "$DATA/peer-read-c$c bare Jetty.rps")" \
    'BEGIN{printf "  ratio gantry/peer at c=%s: %.2f\n", "'$c'", a/b}'
done
for c in 1 32; do
  t=$([ $c = 1 ] && echo 1 || echo 2)
  run "gantry-write-c$c RegisterTaskDefinition" $t $c g-write $G
done
