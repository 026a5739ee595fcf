#!/usr/bin/env bash
# The control-plane restart benchmark: fills an embedded store with 100,000 tasks through the real
# RunTask handler (in process), then starts a real `gantry server` on it, SIGKILLs it and starts it
# again; prints the time from each launch to the first answered API call, ListTasks and
# DescribeTasks. No Docker needed.
# Usage: gantry-bench/restart-bench.sh [--tasks 100000] [--instances 200] [--rounds 3] [--keep] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
JAR=gantry-bench/target/gantry-bench.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  say "building the benchmark jar (mvn package -pl gantry-bench -am)"
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package -pl gantry-bench -am
fi
exec java -Xmx2g -cp "$JAR" io.gantry.bench.RestartBench "$@"
