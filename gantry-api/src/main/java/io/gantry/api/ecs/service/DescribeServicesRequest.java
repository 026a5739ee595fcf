package io.gantry.api.ecs.service;

import java.util.List;

/** The input of DescribeServices: up to 10 names or ARNs; {@code include: [TAGS]} adds their tags. */
public record DescribeServicesRequest(String cluster, List<String> include, List<String> services) {}
