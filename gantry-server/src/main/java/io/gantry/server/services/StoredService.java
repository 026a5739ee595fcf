package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import java.time.Instant;
import java.util.List;

/**
 * A service as stored at {@code StateKeys.services(scope, cluster) + name} (ACTIVE and DRAINING)
 * or {@code StateKeys.inactiveServices(scope, cluster) + name} (INACTIVE): the ECS record as
 * DescribeServices shows it (without tags, which live beside it) and internal facts next to it
 * (DESIGN decision 1). {@code generation} counts the API's changes (create, update, delete) so the
 * controller never writes a decision taken on an older spec; {@code lastCompleted} is the last
 * deployment that COMPLETED, the one a circuit breaker rolls back to; {@code steadySince} is when
 * the service last reported a steady state (null while it is not steady); {@code history} is the
 * bounded list of its service deployments (oldest first). Immutable.
 */
public record StoredService(
    Service service,
    String clientToken,
    String requestFingerprint,
    long generation,
    Deployment lastCompleted,
    Instant steadySince,
    List<DeploymentHistory> history) {

  public StoredService {
    history = history == null ? List.of() : List.copyOf(history);
  }

  public StoredService with(Service next) {
    return new StoredService(next, clientToken, requestFingerprint, generation, lastCompleted, steadySince, history);
  }

  /** This service changed by the API: the next generation. */
  public StoredService changed(Service next) {
    return new StoredService(next, clientToken, requestFingerprint, generation + 1, lastCompleted, steadySince,
        history);
  }

  public StoredService withLastCompleted(Deployment d) {
    return new StoredService(service, clientToken, requestFingerprint, generation, d, steadySince, history);
  }

  public StoredService withSteadySince(Instant at) {
    return new StoredService(service, clientToken, requestFingerprint, generation, lastCompleted, at, history);
  }

  StoredService withHistory(List<DeploymentHistory> next) {
    return new StoredService(service, clientToken, requestFingerprint, generation, lastCompleted, steadySince, next);
  }

  public String name() {
    return service.serviceName();
  }
}
