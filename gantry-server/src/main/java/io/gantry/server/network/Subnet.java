package io.gantry.server.network;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Gantry-managed subnet: its id ({@code subnet-} and hex, like EC2's), CIDR block and
 * availability zone; {@code defaultForZone} when Gantry derived it for a zone its instances
 * report rather than it being configured. On each instance of its zone the agent makes it a
 * Docker bridge network of the same block. Immutable.
 */
public record Subnet(String subnetId, Ipv4Cidr cidr, String availabilityZone, boolean defaultForZone) {
  private static final Pattern ID = Pattern.compile("subnet-[0-9a-zA-Z]{1,32}");

  public Subnet {
    if (subnetId == null || !ID.matcher(subnetId).matches()) {
      throw new IllegalArgumentException("a subnet id looks like subnet-0a1b2c3d4e5f60718: " + subnetId);
    }
    Objects.requireNonNull(cidr, "cidr");
    if (cidr.prefix() < 16 || cidr.prefix() > Ipv4Cidr.MAX_PREFIX) {
      throw new IllegalArgumentException("subnet " + subnetId + ": the block must be /16 to /" + Ipv4Cidr.MAX_PREFIX
          + ": " + cidr);
    }
    if (availabilityZone == null || availabilityZone.isBlank()) {
      throw new IllegalArgumentException("subnet " + subnetId + " needs an availability zone");
    }
  }

  /** Parses {@code subnet-ID=CIDR@ZONE}, e.g. {@code subnet-abc=10.202.0.0/24@us-east-1a}. */
  public static Subnet parse(String text) {
    String t = text.strip();
    int eq = t.indexOf('=');
    int at = t.lastIndexOf('@');
    if (eq < 0 || at < eq) {
      throw new IllegalArgumentException("a subnet looks like subnet-abc=10.202.0.0/24@us-east-1a: " + text);
    }
    return new Subnet(t.substring(0, eq).strip(), Ipv4Cidr.parse(t.substring(eq + 1, at)), t.substring(at + 1).strip(),
        false);
  }

  /** The EC2 ARN ECS would name the subnet by in a failure. */
  public String arn(String region, String account) {
    return "arn:aws:ec2:" + region + ":" + account + ":subnet/" + subnetId;
  }

  @Override
  public String toString() {
    return subnetId + "=" + cidr + "@" + availabilityZone;
  }
}
