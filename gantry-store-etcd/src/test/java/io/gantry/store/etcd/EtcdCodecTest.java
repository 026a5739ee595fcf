package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.gantry.store.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EtcdCodecTest {

  @Test
  void revisionsAreEtcdsMinusOne() {
    assertThat(EtcdCodec.fromEtcdRevision(1)).isZero(); // a new etcd cluster is at 1
    assertThat(EtcdCodec.toEtcdRevision(1)).isEqualTo(2); // and writes its first transaction at 2
    assertThat(EtcdCodec.fromEtcdRevision(EtcdCodec.toEtcdRevision(12345))).isEqualTo(12345);
  }

  @Test
  void prefixRangesEndAfterTheLastKeyWithThePrefix() {
    assertThat(string(EtcdCodec.rangeEnd("a/b/"))).isEqualTo("a/b0");
    assertThat(EtcdCodec.rangeEnd("").getBytes()).containsExactly(0); // etcd: every key
    assertThat(EtcdCodec.rangeStart("").getBytes()).containsExactly(0); // etcd refuses an empty key
    assertThat(EtcdCodec.after("p/2").getBytes()).containsExactly('p', '/', '2', 0);
  }

  @Test
  void aPrefixEndingInAMultiByteCharacterEndsWithinThatCharactersBytes() {
    byte[] end = EtcdCodec.rangeEnd("k/\u00e9").getBytes(); // é = C3 A9
    assertThat(end).containsExactly('k', '/', 0xC3, 0xAA);
  }

  /** etcd orders keys by their bytes; the store promises Keys.compare order. They must agree. */
  @Property(tries = 2000)
  void keysCompareLikeTheirUtf8Bytes(@ForAll String a, @ForAll String b) {
    if (!wellFormed(a) || !wellFormed(b)) {
      return;
    }
    int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(Keys.compare(a, b))).isEqualTo(Integer.signum(bytes));
  }

  /** Every key with the prefix sorts at or after rangeStart and before rangeEnd. */
  @Property(tries = 1000)
  void prefixedKeysFallInsideTheirRange(@ForAll String prefix, @ForAll String rest) {
    if (!wellFormed(prefix) || !wellFormed(rest) || (prefix + rest).isEmpty()) {
      return;
    }
    byte[] key = (prefix + rest).getBytes(StandardCharsets.UTF_8);
    assertThat(Arrays.compareUnsigned(key, EtcdCodec.rangeStart(prefix).getBytes())).isGreaterThanOrEqualTo(0);
    if (!prefix.isEmpty()) {
      assertThat(Arrays.compareUnsigned(key, EtcdCodec.rangeEnd(prefix).getBytes())).isLessThan(0);
    }
  }

  private static boolean wellFormed(String s) {
    try {
      Keys.requireValidPrefix(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String string(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }
}
