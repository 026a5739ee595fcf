package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.RuntimeEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEventMappingTest {
  private static Event event(String action, Map<String, String> attributes) {
    return new Event().withAction(action).withTimenano(1_700_000_000_123_000_000L)
        .withEventActor(new EventActor().withId("abc").withAttributes(attributes));
  }

  @Test
  void an_event_stamped_before_the_newest_one_delivered_is_still_delivered() {
    java.util.List<RuntimeEvent> got = new java.util.ArrayList<>();
    DockerEventStream stream = new DockerEventStream(null, got::add, Thread::new);
    stream.deliver(new Event().withAction("start").withTimenano(2_000L)
        .withEventActor(new EventActor().withId("late").withAttributes(Map.of())));
    stream.deliver(new Event().withAction("start").withTimenano(1_000L) // dockerd stamped it first, sent it second
        .withEventActor(new EventActor().withId("early").withAttributes(Map.of())));
    assertThat(got).extracting(RuntimeEvent::runtimeId).containsExactly("late", "early");
  }

  @Test
  void die_carries_the_exit_code_and_the_labels() {
    RuntimeEvent e = DockerEventStream.toRuntimeEvent(event("die",
        Map.of("exitCode", "3", "name", "ecs-x", "image", "busybox", "io.gantry.task-arn", "arn")));
    assertThat(e).isEqualTo(new RuntimeEvent.Died("abc", Map.of("io.gantry.task-arn", "arn"), 3,
        Instant.ofEpochSecond(1_700_000_000L, 123_000_000L)));
  }

  @Test
  void health_status_and_start_are_mapped_and_others_ignored() {
    assertThat(DockerEventStream.toRuntimeEvent(event("health_status: unhealthy", Map.of())))
        .isInstanceOfSatisfying(RuntimeEvent.HealthChanged.class,
            h -> assertThat(h.health()).isEqualTo(HealthStatus.UNHEALTHY));
    assertThat(DockerEventStream.toRuntimeEvent(event("start", Map.of())))
        .isInstanceOf(RuntimeEvent.Started.class);
    assertThat(DockerEventStream.toRuntimeEvent(event("exec_start: sh", Map.of()))).isNull();
  }

  @Test
  void docker_states_and_times_map_to_runtime_values() {
    assertThat(DockerStateMapping.status("created")).isEqualTo(ContainerStatus.CREATED);
    assertThat(DockerStateMapping.status("running")).isEqualTo(ContainerStatus.RUNNING);
    assertThat(DockerStateMapping.status("exited")).isEqualTo(ContainerStatus.STOPPED);
    assertThat(DockerStateMapping.status("dead")).isEqualTo(ContainerStatus.STOPPED);
    assertThat(DockerStateMapping.time("0001-01-01T00:00:00Z")).isNull();
    assertThat(DockerStateMapping.time("2024-05-01T10:00:00.123456789Z"))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
  }

  @Test
  void daemon_error_messages_are_extracted_from_the_json_body() {
    var e = new com.github.dockerjava.api.exception.NotFoundException(
        "Status 404: {\"message\":\"No such image: nope:1\"}\n");
    assertThat(DockerErrors.message(e)).isEqualTo("No such image: nope:1");
  }
}
