package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void splits_repository_and_tag_or_digest() {
    assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference("busybox", "latest"));
    assertThat(ImageReference.parse("gantry-test/busybox:1.36"))
        .isEqualTo(new ImageReference("gantry-test/busybox", "1.36"));
    assertThat(ImageReference.parse("registry.local:5000/team/app"))
        .isEqualTo(new ImageReference("registry.local:5000/team/app", "latest"));
    assertThat(ImageReference.parse("registry.local:5000/team/app:v2"))
        .isEqualTo(new ImageReference("registry.local:5000/team/app", "v2"));
    assertThat(ImageReference.parse("app@sha256:abc"))
        .isEqualTo(new ImageReference("app", "sha256:abc"));
  }
}
