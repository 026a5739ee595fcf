package io.gantry.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SubnetCatalogTest {

  @Test
  void cidrBlocksKeepNetworkGatewayAndBroadcastForThemselves() {
    Ipv4Cidr c = Ipv4Cidr.parse("10.201.3.0/24");
    assertThat(Ipv4Cidr.text(c.gateway())).isEqualTo("10.201.3.1");
    assertThat(Ipv4Cidr.text(c.firstHost())).isEqualTo("10.201.3.2");
    assertThat(Ipv4Cidr.text(c.lastHost())).isEqualTo("10.201.3.254");
    assertThat(c.usable()).isEqualTo(253);
    assertThat(Ipv4Cidr.parse("10.203.7.0/29").usable()).isEqualTo(5);
    assertThatThrownBy(() -> Ipv4Cidr.parse("10.201.3.1/24")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> Ipv4Cidr.parse("10.201.300.0/24")).hasMessageContaining("not an IPv4 address");
  }

  @Test
  void configuredSubnetsParseAndMustNotOverlap() {
    List<Subnet> list = SubnetCatalog.parseList("subnet-abc=10.202.0.0/24@zone-a, subnet-def=10.202.1.0/24@zone-b");
    assertThat(list).extracting(Subnet::subnetId).containsExactly("subnet-abc", "subnet-def");
    assertThat(list.get(1).availabilityZone()).isEqualTo("zone-b");
    assertThatThrownBy(() -> new SubnetCatalog(SubnetCatalog.parseList(
        "subnet-abc=10.202.0.0/24@zone-a,subnet-def=10.202.0.128/25@zone-b"), SubnetCatalog.DEFAULT_POOL))
        .hasMessageContaining("overlap");
    assertThatThrownBy(() -> Subnet.parse("subnet-abc=10.202.0.0/30@zone-a")).hasMessageContaining("/16 to /29");
    assertThatThrownBy(() -> Subnet.parse("abc=10.202.0.0/24@zone-a")).hasMessageContaining("subnet id");
  }

  @Test
  void aZonesDefaultSubnetIsStableAndAvoidsConfiguredBlocks() {
    SubnetCatalog plain = SubnetCatalog.defaults();
    Subnet a = plain.defaults(Set.of("us-east-1a")).get("us-east-1a");
    assertThat(plain.defaults(Set.of("us-east-1a", "us-east-1b")).get("us-east-1a")).isEqualTo(a);
    assertThat(a.cidr().prefix()).isEqualTo(24);
    assertThat(plain.find(a.subnetId(), Set.of("us-east-1a"))).contains(a);
    assertThat(plain.find(a.subnetId(), Set.of("us-east-1b"))).isEmpty();

    SubnetCatalog clash = new SubnetCatalog(List.of(new Subnet("subnet-x", a.cidr(), "zone-z", false)),
        SubnetCatalog.DEFAULT_POOL);
    Subnet moved = clash.defaults(Set.of("us-east-1a")).get("us-east-1a");
    assertThat(moved.cidr().overlaps(a.cidr())).isFalse();
  }

  @Test
  void theServerConfigurationCarriesSubnetsFromEachLayer() {
    io.gantry.server.ServerConfig config = io.gantry.server.ServerConfig.defaults()
        .withEnvironment(Map.of("GANTRY_SUBNETS", "subnet-env=10.202.9.0/24@zone-a"))
        .withSubnets(null, "10.205.0.0/16");
    assertThat(config.subnets()).extracting(Subnet::subnetId).containsExactly("subnet-env");
    assertThat(config.subnetCatalog().pool()).isEqualTo(Ipv4Cidr.parse("10.205.0.0/16"));
    assertThat(io.gantry.server.ServerConfig.defaults().subnetPool()).isEqualTo(SubnetCatalog.DEFAULT_POOL);
    assertThatThrownBy(() -> io.gantry.server.ServerConfig.defaults().withSubnets(
        "subnet-a=10.202.0.0/24@z,subnet-b=10.202.0.0/25@z", null)).hasMessageContaining("overlap");
  }

  @Property(tries = 200)
  void defaultSubnetsNeverOverlap(@ForAll @Size(max = 40) List<@AlphaChars @NumericChars @StringLength(min = 1,
      max = 12) String> zones) {
    Map<String, Subnet> defaults = new SubnetCatalog(SubnetCatalog.parseList("subnet-cfg=10.201.5.0/24@z"),
        SubnetCatalog.DEFAULT_POOL).defaults(zones);
    assertThat(defaults.keySet()).containsExactlyInAnyOrderElementsOf(Set.copyOf(zones));
    List<Subnet> all = new ArrayList<>(defaults.values());
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).cidr().overlaps(Ipv4Cidr.parse("10.201.5.0/24"))).isFalse();
      assertThat(SubnetCatalog.DEFAULT_POOL.overlaps(all.get(i).cidr())).isTrue();
      for (int j = 0; j < i; j++) {
        assertThat(all.get(i).cidr().overlaps(all.get(j).cidr())).isFalse();
        assertThat(all.get(i).subnetId()).isNotEqualTo(all.get(j).subnetId());
      }
    }
  }
}
