package io.gantry.server.tasks;

import java.util.random.RandomGenerator;

/** Task ids: 32 lowercase hex digits, as ECS's long ARN format uses. */
final class TaskIds {
  private TaskIds() {}

  static String newId(RandomGenerator random) {
    return hex(random, 32);
  }

  static String hex(RandomGenerator random, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }
}
