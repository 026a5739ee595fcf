package io.gantry.server.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subnets awsvpc tasks may name: the configured ones, and a default subnet for every
 * availability zone the cluster's instances report ({@code ecs.availability-zone}). A zone's
 * default is a /24 of the default pool (10.201.0.0/16 unless configured) chosen from a hash of the
 * zone's name, so it is the same on every start; if two zones hash to the same /24 or the /24
 * overlaps a configured subnet, the later zone in name order takes the next free one. Its id is
 * {@code subnet-} and 17 hex digits of a hash of zone and block. Immutable and pure.
 */
public final class SubnetCatalog {
  public static final Ipv4Cidr DEFAULT_POOL = Ipv4Cidr.parse("10.201.0.0/16");
  private static final int DEFAULT_PREFIX = 24;

  private final List<Subnet> configured;
  private final Ipv4Cidr pool;

  public SubnetCatalog(List<Subnet> configured, Ipv4Cidr pool) {
    this.configured = List.copyOf(configured);
    this.pool = pool;
    if (pool.prefix() > DEFAULT_PREFIX) {
      throw new IllegalArgumentException("the default subnet pool must be /24 or larger: " + pool);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < this.configured.size(); i++) {
      Subnet s = this.configured.get(i);
      if (!ids.add(s.subnetId())) {
        throw new IllegalArgumentException("subnet " + s.subnetId() + " is configured twice");
      }
      for (int j = 0; j < i; j++) {
        if (s.cidr().overlaps(this.configured.get(j).cidr())) {
          throw new IllegalArgumentException("subnets " + this.configured.get(j) + " and " + s + " overlap");
        }
      }
    }
  }

  public static SubnetCatalog defaults() {
    return new SubnetCatalog(List.of(), DEFAULT_POOL);
  }

  /** Parses the configuration value: subnets separated by commas ({@code subnet-abc=10.202.0.0/24@zone-a}). */
  public static List<Subnet> parseList(String text) {
    List<Subnet> out = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          out.add(Subnet.parse(part));
        }
      }
    }
    return out;
  }

  public List<Subnet> configured() {
    return configured;
  }

  public Ipv4Cidr pool() {
    return pool;
  }

  /** Every subnet with the zones {@code zones} known: the configured ones, then the zones' defaults. */
  public List<Subnet> subnets(Collection<String> zones) {
    List<Subnet> out = new ArrayList<>(configured);
    out.addAll(defaults(zones).values());
    return out;
  }

  /** The subnet {@code id} names, with the zones {@code zones} known. */
  public Optional<Subnet> find(String id, Collection<String> zones) {
    return subnets(zones).stream().filter(s -> s.subnetId().equals(id)).findFirst();
  }

  /** The default subnet of each zone (in zone name order); a zone gets none when the pool is full. */
  public Map<String, Subnet> defaults(Collection<String> zones) {
    Map<String, Subnet> out = new LinkedHashMap<>();
    long count = 1L << (DEFAULT_PREFIX - pool.prefix());
    Set<Long> taken = new HashSet<>();
    for (String zone : new TreeSet<>(zones)) {
      if (zone == null || zone.isBlank()) {
        continue;
      }
      long start = Math.floorMod(hash(zone), count);
      for (long probe = 0; probe < count; probe++) {
        long index = (start + probe) % count;
        Ipv4Cidr block = new Ipv4Cidr(pool.network() + (index << (32 - DEFAULT_PREFIX)), DEFAULT_PREFIX);
        if (taken.contains(index) || configured.stream().anyMatch(s -> s.cidr().overlaps(block))) {
          continue;
        }
        taken.add(index);
        out.put(zone, new Subnet(defaultId(zone, block), block, zone, true));
        break;
      }
    }
    return out;
  }

  private static String defaultId(String zone, Ipv4Cidr block) {
    return "subnet-" + HexFormat.of().formatHex(sha256("gantry-default-subnet/" + zone + "/" + block)).substring(0, 17);
  }

  private static long hash(String zone) {
    byte[] h = sha256(zone);
    return ((h[0] & 0xFFL) << 8) | (h[1] & 0xFFL);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
