# Shared set-up steps for ./gantry and ./run-tests. Each step installs what is missing, from
# Debian's packages, and does nothing when it is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'gantry: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if [ -z "${GANTRY_APT_UPDATED:-}" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    export GANTRY_APT_UPDATED=1
  fi
  say "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Java 17+ and Maven build Gantry.
ensure_build_tools() {
  local need=()
  if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
    need+=(openjdk-17-jdk-headless)
  fi
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
}

# The tests drive Gantry with the AWS CLI v2 from Debian's awscli package (/usr/bin/aws).
ensure_aws_cli() {
  if [ ! -x /usr/bin/aws ] || ! /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2'; then
    apt_install awscli
  fi
}

# The gantry jar, rebuilt when any source or pom is newer than it.
GANTRY_JAR="$ROOT/gantry-cli/target/gantry.jar"
ensure_built() {
  if [ ! -f "$GANTRY_JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.json' \) -newer "$GANTRY_JAR" -print -quit)" ]; then
    say "building (mvn package)"
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl gantry-cli -am install)
  fi
}
