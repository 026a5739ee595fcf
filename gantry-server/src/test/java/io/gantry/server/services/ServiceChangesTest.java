package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.service.ServiceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceChangesTest {
  @Test
  void eventsAreNewestFirstAndBoundedToAHundred() {
    ServiceWorld w = new ServiceWorld(1, 100, 200, false, false);
    List<ServiceAction> emits = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      emits.add(new ServiceAction.Emit("event " + i));
    }
    AtomicInteger ids = new AtomicInteger();

    StoredService out = ServiceChanges.apply(w.stored, emits, Instant.parse("2025-01-01T00:00:00Z"),
        () -> "id-" + ids.incrementAndGet());

    List<String> messages = out.service().events().stream().map(ServiceEvent::message).toList();
    assertThat(messages).hasSize(ServiceChanges.MAX_EVENTS).hasSize(100);
    assertThat(messages.get(0)).isEqualTo("event 149");
    assertThat(messages.get(99)).isEqualTo("event 50");
  }
}
