package io.gantry.store.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps test output clean: raises the root log level to WARN in code. This module ships no
 * {@code logback-test.xml} because its test-jar would put that file on other modules' classpaths.
 */
final class QuietLogs {
  private QuietLogs() {}

  static void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }
}
