package io.gantry.api.ecs.service;

import java.util.List;

/** The output of ListServices: one page of service ARNs. */
public record ListServicesResponse(String nextToken, List<String> serviceArns) {
  public ListServicesResponse {
    serviceArns = serviceArns == null ? List.of() : List.copyOf(serviceArns);
  }
}
