package io.gantry.api.ecs.service;

import io.gantry.model.Failure;
import java.util.List;

/** The output of DescribeServices: the services found, and a MISSING failure for each one that was not. */
public record DescribeServicesResponse(List<Failure> failures, List<Service> services) {
  public DescribeServicesResponse {
    failures = failures == null ? List.of() : List.copyOf(failures);
    services = services == null ? List.of() : List.copyOf(services);
  }
}
