package io.gantry.server.taskdefs;

import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a request names a task definition: a family (meaning its latest ACTIVE revision), a
 * {@code family:revision}, or an ARN of either form. {@code revision} is null for a bare family.
 */
public record TaskDefinitionRef(String family, Integer revision) {
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern REVISION = Pattern.compile("\\d{1,10}");

  /**
   * Parses {@code text} as given in a request of {@code scope}. Empty when it cannot name a task
   * definition of that scope (an ARN of another account or region, an invalid family name): such
   * names are simply not found, as in ECS.
   *
   * @throws EcsException InvalidParameterException for a blank name or a revision that is not a number
   */
  public static Optional<TaskDefinitionRef> parse(String text, Scope scope) {
    if (text == null || text.isBlank()) {
      throw EcsException.invalidParameter("The task definition should not be null or empty.");
    }
    String name = text;
    if (text.startsWith("arn:")) {
      Optional<Arn> arn = Arn.parse(text);
      if (arn.isEmpty() || !"ecs".equals(arn.get().service()) || !"task-definition".equals(arn.get().resourceType())
          || !scope.region().equals(arn.get().region()) || !scope.accountId().equals(arn.get().accountId())) {
        return Optional.empty();
      }
      name = arn.get().resource();
    }
    int colon = name.lastIndexOf(':');
    String family = colon < 0 ? name : name.substring(0, colon);
    Integer revision = null;
    if (colon >= 0) {
      String number = name.substring(colon + 1);
      if (!REVISION.matcher(number).matches() || Long.parseLong(number) > Integer.MAX_VALUE) {
        throw EcsException.invalidParameter("Invalid revision number. Number: " + number);
      }
      revision = Integer.parseInt(number);
    }
    if (!FAMILY.matcher(family).matches()) {
      return Optional.empty();
    }
    return Optional.of(new TaskDefinitionRef(family, revision));
  }
}
