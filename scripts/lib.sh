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

# Debian's etcd-server (/usr/bin/etcd): the etcd store's integration tests start their own etcd
# processes on loopback ports, so only the binary is needed. A policy-rc.d that denies service
# starts keeps the package from starting its system service (where one could start) meanwhile.
ensure_etcd() {
  [ -x /usr/bin/etcd ] && return 0
  local policy=/usr/sbin/policy-rc.d rc=0
  if [ -e "$policy" ]; then
    apt_install etcd-server
    return
  fi
  as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
  apt_install etcd-server || rc=$?
  as_root rm -f "$policy"
  return "$rc"
}

# The gantry jar, rebuilt when any source or pom is newer than it.
GANTRY_JAR="$ROOT/gantry-cli/target/gantry.jar"
ensure_built() {
  if [ ! -f "$GANTRY_JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.json' \) -newer "$GANTRY_JAR" -print -quit)" ]; then
    say "building (mvn package)"
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -pl gantry-cli -am install)
  fi
}

# The Docker Engine from Debian's docker.io, started directly when no daemon answers (CI and
# containers have no init system to start it).
ensure_docker() {
  if ! command -v dockerd >/dev/null 2>&1; then
    apt_install docker.io
  fi
  if docker info >/dev/null 2>&1; then return 0; fi
  if command -v systemctl >/dev/null 2>&1 && systemctl start docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    return 0
  fi
  say "starting dockerd (log: /var/log/gantry-dockerd.log)"
  as_root sh -c 'nohup dockerd >/var/log/gantry-dockerd.log 2>&1 &'
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  say "dockerd did not start; see /var/log/gantry-dockerd.log"
  return 1
}

# Debian's docker-registry: the pull tests start their own registry on loopback.
ensure_registry() {
  command -v docker-registry >/dev/null 2>&1 || apt_install docker-registry
}

# A local busybox image (no registry needed): busybox-static's binary and its applet links.
TEST_IMAGE="gantry-test/busybox:latest"
ensure_test_image() {
  if docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then return 0; fi
  [ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 && ldd /bin/busybox 2>&1 | grep -q "not a dynamic" \
    || apt_install busybox-static
  local root; root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/var/www"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  tar -C "$root" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - "$TEST_IMAGE" >/dev/null
  rm -rf "$root"
  say "built $TEST_IMAGE"
}

# The pause container of awsvpc tasks: it holds the task's network namespace (address, MAC) and
# the task's containers join it. Debian's catatonit is a static init whose -P mode only pauses.
PAUSE_IMAGE="gantry/pause:latest"
ensure_pause_image() {
  if docker image inspect "$PAUSE_IMAGE" >/dev/null 2>&1; then return 0; fi
  [ -x /usr/bin/catatonit ] || apt_install catatonit
  local root; root="$(mktemp -d)"
  mkdir -p "$root/bin"
  cp /usr/bin/catatonit "$root/bin/catatonit"
  tar -C "$root" -c . | docker import -c 'ENTRYPOINT ["/bin/catatonit", "-P"]' - "$PAUSE_IMAGE" >/dev/null
  rm -rf "$root"
  say "built $PAUSE_IMAGE"
}
