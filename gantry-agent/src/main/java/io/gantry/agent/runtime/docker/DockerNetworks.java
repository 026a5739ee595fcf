package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import io.gantry.agent.runtime.BridgeNetworkSpec;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.PauseSpec;
import java.util.List;
import java.util.Optional;

/**
 * The Docker side of awsvpc tasks: a bridge network per Gantry subnet (created on demand with the
 * subnet's block and gateway, reused when it exists with the same block) and the pause container
 * that holds a task's address and MAC on it. Blocking; thread-safe (docker-java's client is).
 */
final class DockerNetworks {
  static final String NETWORK_ERROR = "ResourceInitializationError: ";

  private final DockerClient calls;

  DockerNetworks(DockerClient calls) {
    this.calls = calls;
  }

  Optional<String> ensure(BridgeNetworkSpec spec) {
    Optional<String> found = check(spec);
    if (found != null) {
      return found;
    }
    try {
      calls.createNetworkCmd()
          .withName(spec.name())
          .withDriver("bridge")
          .withCheckDuplicate(true)
          .withLabels(spec.labels())
          .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
              .withSubnet(spec.cidrBlock()).withGateway(spec.gatewayAddress())))
          .exec();
      return Optional.empty();
    } catch (RuntimeException e) {
      if (DockerErrors.isAnswer(e)) {
        Optional<String> raced = check(spec); // another worker created it a moment ago
        if (raced != null) {
          return raced;
        }
        return Optional.of(NETWORK_ERROR + "cannot create network " + spec.name() + " (" + spec.cidrBlock() + "): "
            + DockerErrors.message(e));
      }
      throw DockerErrors.unavailable("network create", e);
    }
  }

  /** Null when there is no such network; empty when it is usable; a reason when its block differs. */
  private Optional<String> check(BridgeNetworkSpec spec) {
    try {
      Network n = calls.inspectNetworkCmd().withNetworkId(spec.name()).exec();
      List<Network.Ipam.Config> configs = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of()
          : n.getIpam().getConfig();
      boolean same = configs.stream().anyMatch(c -> spec.cidrBlock().equals(c.getSubnet()));
      return same ? Optional.empty() : Optional.of(NETWORK_ERROR + "network " + spec.name() + " exists with another "
          + "address block than the subnet's " + spec.cidrBlock());
    } catch (NotFoundException missing) {
      return null;
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("network inspect", e);
    }
  }

  CreateResult createPause(PauseSpec spec) {
    HostConfig hc = HostConfig.newHostConfig().withNetworkMode(spec.networkName()).withInit(false);
    if (spec.cgroupParent() != null) {
      hc.withCgroupParent(spec.cgroupParent());
    }
    CreateContainerCmd cmd = calls.createContainerCmd(spec.image())
        .withName(spec.name())
        .withLabels(spec.labels())
        .withHostConfig(hc)
        .withIpv4Address(spec.ipv4Address())
        .withStopTimeout(2);
    if (spec.macAddress() != null) {
      cmd.withMacAddress(spec.macAddress());
    }
    try {
      return new CreateResult.Created(cmd.exec().getId(), spec.name());
    } catch (RuntimeException e) {
      if (DockerErrors.isAnswer(e)) {
        return new CreateResult.Failed(NETWORK_ERROR + "cannot create the task's pause container: "
            + DockerErrors.message(e));
      }
      throw DockerErrors.unavailable("create", e);
    }
  }
}
