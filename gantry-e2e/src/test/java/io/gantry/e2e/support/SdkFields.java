package io.gantry.e2e.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Compares two SDK model objects member by member, so a test that round-trips a structure
 * through the server can name every member that came back different. Stateless.
 */
public final class SdkFields {
  private SdkFields() {}

  /** The members of {@code expected} whose value in {@code actual} differs, as readable lines. */
  public static List<String> differences(SdkPojo expected, SdkPojo actual) {
    return differences(expected, actual, Set.of());
  }

  /** As {@link #differences(SdkPojo, SdkPojo)}, skipping the members named in {@code ignored}. */
  public static List<String> differences(SdkPojo expected, SdkPojo actual, Set<String> ignored) {
    List<String> out = new ArrayList<>();
    for (SdkField<?> field : expected.sdkFields()) {
      if (ignored.contains(field.memberName())) {
        continue;
      }
      Object want = field.getValueOrDefault(expected);
      Object got = field.getValueOrDefault(actual);
      if (!Objects.equals(want, got)) {
        out.add(field.memberName() + ": expected " + want + " but was " + got);
      }
    }
    return out;
  }
}
