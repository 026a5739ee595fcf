package io.gantry.store.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A three-member etcd cluster of child processes on loopback ports, for failover tests: any
 * member can be stopped, killed and started again (it rejoins with its data). Not thread-safe:
 * one test thread drives it.
 */
public final class EtcdCluster implements AutoCloseable {
  private final Path dir;
  private final List<EtcdProcess> members;

  private EtcdCluster(Path dir, List<EtcdProcess> members) {
    this.dir = dir;
    this.members = members;
  }

  /** Starts three members and waits until all are healthy (a leader is elected). */
  public static EtcdCluster start() {
    Path dir = EtcdProcess.newDataDir();
    List<EtcdProcess.Member> specs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      specs.add(EtcdProcess.newMember("m" + i, dir.resolve("m" + i)));
    }
    String initialCluster = specs.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
    List<EtcdProcess> members = new ArrayList<>();
    EtcdCluster cluster = new EtcdCluster(dir, members);
    try {
      for (EtcdProcess.Member m : specs) {
        java.nio.file.Files.createDirectories(m.dataDir());
        EtcdProcess p = EtcdProcess.member(m, initialCluster);
        members.add(p);
        p.start();
      }
      for (EtcdProcess p : members) {
        p.awaitHealthy(Duration.ofSeconds(30));
      }
      return cluster;
    } catch (java.io.IOException | RuntimeException e) {
      cluster.close();
      throw new IllegalStateException("the etcd cluster did not start", e);
    }
  }

  EtcdProcess member(int i) {
    return members.get(i);
  }

  /** Every member's client URL, in member order. */
  public List<URI> endpoints() {
    return members.stream().map(p -> p.member().clientUrl()).toList();
  }

  /** Starts a stopped or killed member again and waits until it is healthy. */
  public void restart(int i) {
    members.get(i).start();
    members.get(i).awaitHealthy(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    members.forEach(EtcdProcess::kill);
    EtcdProcess.deleteRecursively(dir);
  }
}
