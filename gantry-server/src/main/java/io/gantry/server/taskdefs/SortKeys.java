package io.gantry.server.taskdefs;

/**
 * Sort keys for descending listings. {@link io.gantry.server.paging.Pages} pages by keys that
 * ascend through the list; inverting every character of a prefix-free key turns descending order
 * into ascending order, so a DESC listing pages with the same machinery.
 */
final class SortKeys {
  private SortKeys() {}

  /**
   * A key that sorts in reverse order of {@code key}. Keys must be prefix-free (none is a proper
   * prefix of another) and made of characters below U+0800, which keeps the inverted characters
   * out of the surrogate range.
   */
  static String descending(String key) {
    char[] chars = key.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (0xFFFF - chars[i]);
    }
    return new String(chars);
  }
}
