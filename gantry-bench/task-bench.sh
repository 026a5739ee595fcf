#!/usr/bin/env bash
# The task-start benchmark: RunTask until DescribeTasks shows RUNNING, against raw `docker run -d`
# of the same local image on the same machine (start latency one at a time, interleaved; and
# throughput of 100 tasks). Starts `gantry up` itself on a free port with a temporary data dir.
# Needs the Docker Engine (started here if it is installed but not running) and builds the
# local image gantry-test/busybox when it is missing.
# Usage: gantry-bench/task-bench.sh [--runs 30] [--warmup 3] [--poll-ms 20] [--rounds 3] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_docker
ensure_test_image
JAR=gantry-bench/target/gantry-bench.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  say "building the benchmark jar (mvn package -pl gantry-bench -am)"
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package -pl gantry-bench -am
fi
exec java -cp "$JAR" io.gantry.bench.TaskStartBench "$@"
