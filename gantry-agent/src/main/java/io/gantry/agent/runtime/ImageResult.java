package io.gantry.agent.runtime;

import java.time.Instant;
import java.util.Objects;

/** The outcome of {@link ContainerRuntime#ensureImage}: present locally, pulled, or failed. */
public sealed interface ImageResult {

  String image();

  /** The image was already present; nothing was pulled. */
  record Present(String image, String imageId) implements ImageResult {
    public Present {
      Objects.requireNonNull(image, "image");
    }
  }

  /** The image was pulled between the two instants (ECS {@code pullStartedAt/pullStoppedAt}). */
  record Pulled(String image, String imageId, Instant pullStartedAt, Instant pullStoppedAt)
      implements ImageResult {
    public Pulled {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(pullStartedAt, "pullStartedAt");
      Objects.requireNonNull(pullStoppedAt, "pullStoppedAt");
    }
  }

  /** The pull failed; {@code reason} is in ECS words, e.g. {@code CannotPullContainerError: …}. */
  record Failed(String image, String reason, Instant pullStartedAt, Instant pullStoppedAt)
      implements ImageResult {
    public Failed {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
