package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.gantry.agent.runtime.ImageResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes an image available: the local image when present, otherwise a pull bounded by the pull
 * timeout. A pull that the Engine refuses, reports as failed in its progress stream, or that
 * times out is a {@link ImageResult.Failed} with an ECS {@code CannotPullContainerError} reason.
 * One instance per call; not shared between threads.
 */
final class DockerImagePuller {
  private final DockerClient calls;
  private final DockerClient streams;
  private final Clock clock;
  private final Duration timeout;

  DockerImagePuller(DockerClient calls, DockerClient streams, Clock clock, Duration timeout) {
    this.calls = calls;
    this.streams = streams;
    this.clock = clock;
    this.timeout = timeout;
  }

  ImageResult ensure(String image) {
    Optional<String> local = localImageId(image);
    if (local.isPresent()) {
      return new ImageResult.Present(image, local.get());
    }
    Instant started = clock.instant();
    ImageReference ref = ImageReference.parse(image);
    Progress progress = new Progress();
    try {
      streams.pullImageCmd(ref.repository()).withTag(ref.tag()).exec(progress);
      if (!progress.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        progress.onError(new IllegalStateException("pull timed out")); // ends the stream
        return failed(image, "pull of " + image + " timed out after " + timeout.toSeconds() + " s",
            started);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(image, "pull of " + image + " was interrupted", started);
    } catch (RuntimeException e) {
      if (!DockerErrors.isAnswer(e)) {
        throw DockerErrors.unavailable("pull", e);
      }
      return failed(image, DockerErrors.message(e), started);
    }
    if (progress.failure != null) {
      if (!DockerErrors.isAnswer(progress.failure)) {
        throw DockerErrors.unavailable("pull", progress.failure);
      }
      return failed(image, DockerErrors.message(progress.failure), started);
    }
    if (progress.error != null) {
      return failed(image, progress.error, started);
    }
    Optional<String> pulled = localImageId(image);
    if (pulled.isEmpty()) {
      return failed(image, "image " + image + " is not present after the pull", started);
    }
    return new ImageResult.Pulled(image, pulled.get(), started, clock.instant());
  }

  private ImageResult failed(String image, String message, Instant started) {
    return new ImageResult.Failed(image, DockerRuntime.PULL_ERROR + message, started,
        clock.instant());
  }

  private Optional<String> localImageId(String image) {
    try {
      return Optional.ofNullable(calls.inspectImageCmd(image).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("image inspect", e);
    }
  }

  /**
   * Collects the first error the Engine reports inside the pull's progress stream, or the failure
   * of the call itself (kept as a value instead of docker-java's logged stack trace).
   */
  private static final class Progress extends ResultCallback.Adapter<PullResponseItem> {
    private volatile String error;
    private volatile Throwable failure;

    @Override
    public void onError(Throwable t) {
      if (failure == null) {
        failure = t;
      }
      try {
        close();
      } catch (IOException ignored) {
        // the stream is already broken
      }
    }

    @Override
    public void onNext(PullResponseItem item) {
      if (error == null && item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage()
            : "the pull reported an error (status " + item.getStatus() + ")";
      }
    }
  }
}
