package io.gantry.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of the AWS shared-credentials format ({@code ~/.aws/credentials}): {@code [name]}
 * section headers, {@code key = value} lines, {@code #} and {@code ;} comment lines. Setting names
 * are case-insensitive; a later value of a setting wins, and a profile that appears twice is
 * merged, as the AWS CLI reads them. Stateless and thread-safe.
 */
public final class SharedCredentials {
  private SharedCredentials() {}

  /** The profiles of {@code text}, in file order; lines before the first header are ignored. */
  public static List<CredentialsProfile> parse(String text) {
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        current = profiles.computeIfAbsent(name, n -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current != null && eq > 0) {
        current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
      }
    }
    List<CredentialsProfile> out = new ArrayList<>(profiles.size());
    profiles.forEach((name, settings) -> out.add(new CredentialsProfile(name, settings)));
    return List.copyOf(out);
  }

  /** The profiles of the file at {@code file}. */
  public static List<CredentialsProfile> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The profile {@code name} of {@code file}, which must hold an access key and its secret. */
  public static CredentialsProfile key(Path file, String name) throws IOException {
    Optional<CredentialsProfile> found = read(file).stream().filter(p -> p.name().equals(name)).findFirst();
    if (found.isEmpty() || !found.get().hasKey()) {
      throw new IOException("no access key for profile [" + name + "] in " + file);
    }
    return found.get();
  }
}
