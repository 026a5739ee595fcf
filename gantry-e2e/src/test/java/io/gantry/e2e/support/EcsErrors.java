package io.gantry.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * Asserts that an SDK call fails with one ECS error type, as a client application would see it:
 * the typed exception, HTTP 400, and a message that says something. Stateless.
 */
public final class EcsErrors {
  private EcsErrors() {}

  /** A call that is expected to throw. */
  @FunctionalInterface
  public interface Call {
    void run() throws Exception;
  }

  /** Runs {@code call} and returns its exception, failing unless it is a {@code type} with status 400. */
  public static <T extends EcsException> T expect(Class<T> type, Call call) {
    Throwable thrown = null;
    try {
      call.run();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
    assertThat(thrown).as("error type (message: %s)", thrown.getMessage()).isExactlyInstanceOf(type);
    T e = type.cast(thrown);
    assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).as("error message").isNotBlank().hasSizeGreaterThan(10);
    return e;
  }

  /** Runs {@code call} and returns its exception, failing unless it is one of {@code allowed} with status 400. */
  @SafeVarargs
  public static <T extends EcsException> T expect(Class<T> base, Call call, Class<? extends T>... allowed) {
    Throwable thrown = null;
    try {
      call.run();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("expected one of %s", java.util.Arrays.toString(allowed)).isNotNull();
    assertThat(thrown).as("error type (message: %s)", thrown.getMessage()).isInstanceOfAny(allowed);
    T e = base.cast(thrown);
    assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).as("error message").isNotBlank();
    return e;
  }

  /** The service's own message of {@code e}, without the SDK's suffix. */
  public static String message(EcsException e) {
    return e.awsErrorDetails().errorMessage();
  }
}
