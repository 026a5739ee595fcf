#!/usr/bin/env bash
# The service controller benchmark: 1,000 services x 10 tasks on 200 simulated agents (real
# control plane in process, agents over the real WebSocket protocol), time to steady state, then
# the controller thread's CPU time at rest per service. No Docker needed.
# Usage: gantry-bench/service-bench.sh [--services 1000] [--tasks 10] [--agents 200] [--window 60]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
JAR=gantry-bench/target/gantry-bench.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  say "building the benchmark jar (mvn package -pl gantry-bench -am)"
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package -pl gantry-bench -am
fi
exec java -Xmx3g -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -cp "$JAR" io.gantry.bench.ServiceBench "$@"
