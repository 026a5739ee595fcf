package io.gantry.server.network;

import io.gantry.server.state.EntityStore;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Hands out private IPv4 addresses of subnets to awsvpc tasks as leases in the store. {@link
 * #allocate} picks a free address (neither leased in the store nor picked by a launch of this
 * process that has not committed yet), starting from a random point so concurrent launches rarely
 * want the same one; {@link #stage} adds the lease to the caller's transaction on the condition
 * that its key is absent, so two tasks never commit with one address even across control-plane
 * processes (the loser's whole commit fails and it starts over); {@link #settle} ends the
 * in-process pick after the commit, whatever its outcome. Thread-safe.
 */
public final class AddressAllocator {
  public static final String PREFIX = "net/lease/";

  private final EntityStore store;
  private final Set<String> picked = ConcurrentHashMap.newKeySet();

  public AddressAllocator(EntityStore store) {
    this.store = store;
  }

  /** An address picked for a task: the subnet, the address, and the lease to store. */
  public record Leased(Subnet subnet, long address, String key, IpLease lease) {
    public String addressText() {
      return Ipv4Cidr.text(address);
    }
  }

  public static String key(String subnetId, String address) {
    return PREFIX + subnetId + "/" + address;
  }

  /** Picks a free address in the first of {@code subnets} that has one; empty when all are full. */
  public Optional<Leased> allocate(List<Subnet> subnets, String taskArn, Instant now, RandomGenerator random) {
    for (Subnet subnet : subnets) {
      Optional<Leased> found = allocate(subnet, taskArn, now, random);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Leased> allocate(Subnet subnet, String taskArn, Instant now, RandomGenerator random) {
    Ipv4Cidr cidr = subnet.cidr();
    long usable = cidr.usable();
    if (usable <= 0) {
      return Optional.empty();
    }
    Set<String> leased = new HashSet<>();
    for (KeyValue kv : store.kv().range(PREFIX + subnet.subnetId() + "/")) {
      leased.add(kv.key());
    }
    if (leased.size() >= usable) {
      return Optional.empty();
    }
    long start = random.nextLong(usable);
    for (long i = 0; i < usable; i++) {
      long address = cidr.firstHost() + (start + i) % usable;
      String text = Ipv4Cidr.text(address);
      String key = key(subnet.subnetId(), text);
      if (!leased.contains(key) && picked.add(key)) {
        return Optional.of(new Leased(subnet, address, key, new IpLease(subnet.subnetId(), text, taskArn, now)));
      }
    }
    return Optional.empty();
  }

  /** Adds the lease to {@code txn}: created only if no task holds the address. */
  public void stage(Txn.Builder txn, Leased leased) {
    txn.absent(leased.key()).put(leased.key(), store.encode(leased.lease()));
  }

  /** The pick is over (committed or not): the store now says whether the address is leased. */
  public void settle(Leased leased) {
    picked.remove(leased.key());
  }
}
