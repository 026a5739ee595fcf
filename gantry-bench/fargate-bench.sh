#!/usr/bin/env bash
# The Fargate-style task-start benchmark: RunTask with launch type FARGATE (awsvpc, pause
# container + app container on the managed agent of `gantry up`) until DescribeTasks shows
# RUNNING, against `docker run -d` of a pause container and then the app container with
# `--network container:<pause>` on the same machine, one at a time, interleaved. Starts
# `gantry up` itself on a free port with a temporary data dir and its own subnet
# (10.209.93.0/24; the docker side uses a bridge on 10.209.94.0/24).
# Needs the Docker Engine, gantry-test/busybox and gantry/pause (built here when missing).
# Usage: gantry-bench/fargate-bench.sh [--runs 20] [--warmup 3] [--poll-ms 20] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_docker
ensure_test_image
ensure_pause_image
JAR=gantry-bench/target/gantry-bench.jar
if [ ! -f "$JAR" ] || [ -n "$(find . -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  say "building the benchmark jar (mvn package -pl gantry-bench -am)"
  mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true package -pl gantry-bench -am
fi
exec java -cp "$JAR" io.gantry.bench.FargateStartBench "$@"
