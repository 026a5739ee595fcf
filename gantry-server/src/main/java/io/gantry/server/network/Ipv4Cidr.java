package io.gantry.server.network;

/**
 * An IPv4 CIDR block such as {@code 10.201.0.0/24}: the network address (host bits zero) and the
 * prefix length. Addresses are unsigned 32-bit values held in {@code long}. A subnet's first
 * address (network), its second (the gateway, {@code .1}) and its last (broadcast) are never
 * given to tasks. Immutable.
 */
public record Ipv4Cidr(long network, int prefix) {
  /** The smallest block Gantry accepts as a subnet: /29 leaves five addresses for tasks. */
  public static final int MAX_PREFIX = 29;

  public Ipv4Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length must be 0-32: " + prefix);
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits must be zero in " + text(network) + "/" + prefix);
    }
  }

  /** Parses {@code a.b.c.d/n}; the host bits must be zero. */
  public static Ipv4Cidr parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("a CIDR block looks like 10.201.0.0/24: " + text);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a CIDR block looks like 10.201.0.0/24: " + text);
    }
    return new Ipv4Cidr(address(text.substring(0, slash).strip()), prefix);
  }

  /** The value of a dotted-quad address. */
  public static long address(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long value = 0;
    for (String p : parts) {
      int octet;
      try {
        octet = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String text(long address) {
    return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public long broadcast() {
    return network + size() - 1;
  }

  /** The gateway: the second address of the block ({@code .1} of a /24). */
  public long gateway() {
    return network + 1;
  }

  /** The first address a task may get (after network and gateway). */
  public long firstHost() {
    return network + 2;
  }

  /** The last address a task may get (before broadcast). */
  public long lastHost() {
    return broadcast() - 1;
  }

  /** How many addresses tasks may get. */
  public long usable() {
    return Math.max(0, lastHost() - firstHost() + 1);
  }

  public boolean contains(long address) {
    return address >= network && address <= broadcast();
  }

  public boolean overlaps(Ipv4Cidr other) {
    return network <= other.broadcast() && other.network <= broadcast();
  }

  @Override
  public String toString() {
    return text(network) + "/" + prefix;
  }
}
