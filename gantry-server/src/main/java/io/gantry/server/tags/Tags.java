package io.gantry.server.tags;

import io.gantry.model.EcsException;
import io.gantry.model.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS tag rules: at most 50 user tags per resource, keys 1–128 and values 0–256 characters of
 * letters, digits, spaces and {@code _.:/=+-@}, and the {@code aws:} prefix reserved.
 */
public final class Tags {
  public static final int MAX_TAGS = 50;

  private Tags() {}

  /** Validates {@code tags} as given in a request; null means none. Returns a copy. */
  public static List<Tag> validate(List<Tag> tags) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw EcsException.invalidParameter("The number of tags (" + tags.size() + ") exceeds the limit of " + MAX_TAGS + ".");
    }
    for (Tag tag : tags) {
      if (tag == null || tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
        throw EcsException.invalidParameter("Tag keys must be between 1 and 128 characters.");
      }
      if (tag.value() != null && tag.value().length() > 256) {
        throw EcsException.invalidParameter("Tag values must be at most 256 characters.");
      }
      if (!allowed(tag.key()) || (tag.value() != null && !allowed(tag.value()))) {
        throw EcsException.invalidParameter("Tag keys and values may contain only letters, digits, spaces and _.:/=+-@ characters.");
      }
      if (tag.key().regionMatches(true, 0, "aws:", 0, 4)) {
        throw EcsException.invalidParameter("Tag keys with the prefix 'aws:' are reserved for AWS use.");
      }
    }
    return List.copyOf(tags);
  }

  /** {@code existing} with {@code added} applied: same keys are overwritten, order kept. */
  public static List<Tag> merge(List<Tag> existing, List<Tag> added) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (Tag t : existing) {
      byKey.put(t.key(), t);
    }
    for (Tag t : added) {
      byKey.put(t.key(), new Tag(t.key(), t.value() == null ? "" : t.value()));
    }
    if (byKey.size() > MAX_TAGS) {
      throw EcsException.invalidParameter("The number of tags (" + byKey.size() + ") exceeds the limit of " + MAX_TAGS + ".");
    }
    return new ArrayList<>(byKey.values());
  }

  private static boolean allowed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || Character.isWhitespace(c) || "_.:/=+-@".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }
}
