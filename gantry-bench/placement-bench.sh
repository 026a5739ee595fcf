#!/usr/bin/env bash
# The placement benchmark: 5,000 container instances in 3 zones, 100,000 tasks placed by RunTask
# calls of 10 with spread(zone) + binpack(memory) + one memberOf constraint, through the RunTask
# handler, the placement ledger, the plan applier and the durable embedded store (in process, no
# HTTP); then the pure placement function alone on the final snapshot. No Docker needed.
# Usage: gantry-bench/placement-bench.sh [--instances 5000] [--tasks 100000] [--threads 16] [--pure-calls 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
JAR=gantry-bench/target/gantry-bench.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  say "building the benchmark jar (mvn package -pl gantry-bench -am)"
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package -pl gantry-bench -am
fi
exec java -Xmx2g -cp "$JAR" io.gantry.bench.PlacementBench "$@"
