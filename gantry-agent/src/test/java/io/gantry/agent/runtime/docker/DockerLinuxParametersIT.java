package io.gantry.agent.runtime.docker;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerSpecs;
import io.gantry.agent.runtime.SpecOverrides;
import io.gantry.agent.runtime.SpecResult;
import io.gantry.model.taskdef.Device;
import io.gantry.model.taskdef.KernelCapabilities;
import io.gantry.model.taskdef.SystemControl;
import io.gantry.model.taskdef.Tmpfs;
import java.time.Duration;
import java.util.List;

/**
 * Linux parameters and security settings on the real Engine: capabilities, init, shared memory,
 * tmpfs, devices, privileged, read-only root, sysctls, security options and terminal settings.
 */
class DockerLinuxParametersIT extends DockerItSupport {
  @ConcurrentTest
  void capabilities_are_added_and_dropped() {
    Finished f = runToEnd(busybox("app").linuxParameters(linux(
        new KernelCapabilities(List.of("NET_ADMIN"), List.of("CHOWN")), null, null, null, null, null))
        .shell("grep CapEff /proc/self/status"));
    long caps = Long.parseUnsignedLong(f.output().replaceAll("(?s).*CapEff:\\s*([0-9a-f]+).*", "$1"), 16);
    assertThat(caps & (1L << 12)).as("CAP_NET_ADMIN").isNotZero();
    assertThat(caps & 1L).as("CAP_CHOWN").isZero();
  }

  @ConcurrentTest
  void init_process_runs_as_pid_1() {
    Finished f = runToEnd(busybox("app").linuxParameters(linux(null, null, true, null, null, null))
        .shell("echo pid1=$(cat /proc/1/comm)"));
    assertThat(f.output()).contains("pid1=docker-init");
    assertThat(raw(f.id()).getHostConfig().getInit()).isTrue();
  }

  @ConcurrentTest
  void shared_memory_size_sets_dev_shm() {
    Finished f = runToEnd(busybox("app").linuxParameters(linux(null, null, null, 16, null, null))
        .shell("df -k /dev/shm | tail -1"));
    assertThat(f.output()).contains("16384");
    assertThat(raw(f.id()).getHostConfig().getShmSize()).isEqualTo(16L << 20);
  }

  @ConcurrentTest
  void tmpfs_is_mounted_with_its_size_and_options() {
    Finished f = runToEnd(busybox("app").linuxParameters(linux(null, null, null, null,
        List.of(new Tmpfs("/scratch", 8, List.of("noexec"))), null)).shell("grep /scratch /proc/mounts"));
    assertThat(f.output()).contains("tmpfs /scratch tmpfs").contains("noexec").contains("size=8192k");
  }

  @ConcurrentTest
  void devices_are_exposed() {
    Finished f = runToEnd(busybox("app").linuxParameters(linux(null,
        List.of(new Device("/dev/null", "/dev/mynull", List.of("read", "write"))), null, null, null,
        null)).shell("[ -c /dev/mynull ] && echo device-ok"));
    assertThat(f.output()).contains("device-ok");
  }

  @ConcurrentTest
  void privileged_runs_only_when_the_agent_allows_it() {
    var def = busybox("app").privileged(true).command("true");
    assertThat(ContainerSpecs.from(bridge(), def.build(), SpecOverrides.NONE, random))
        .isInstanceOf(SpecResult.Refused.class);
    // Only created: a Docker Engine inside a restricted VM (like this project's CI) may not be
    // allowed to hand out every capability, so starting a privileged container can fail there.
    String id = create(task("bridge", List.of(), new AgentPolicy(true, Duration.ofSeconds(30))), def);
    assertThat(raw(id).getHostConfig().getPrivileged()).isTrue();
  }

  @ConcurrentTest
  void readonly_root_filesystem_refuses_writes() {
    Finished f = runToEnd(busybox("app").readonlyRootFilesystem(true)
        .shell("touch /should-fail && echo wrote || echo refused"));
    assertThat(f.output()).contains("Read-only file system").contains("refused");
  }

  @ConcurrentTest
  void sysctls_security_options_and_terminal_settings_are_applied() {
    Finished f = runToEnd(busybox("app").interactive(true).pseudoTerminal(true)
        .dockerSecurityOptions(List.of("no-new-privileges"))
        .systemControls(List.of(new SystemControl("net.core.somaxconn", "1234")))
        .shell("cat /proc/sys/net/core/somaxconn; grep NoNewPrivs /proc/self/status"));
    assertThat(f.output()).contains("1234").containsPattern("NoNewPrivs:\\s+1");
    var r = raw(f.id());
    assertThat(r.getConfig().getTty()).isTrue();
    assertThat(r.getConfig().getStdinOpen()).isTrue();
  }
}
