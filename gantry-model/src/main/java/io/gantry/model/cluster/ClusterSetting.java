package io.gantry.model.cluster;

/** A cluster setting, e.g. {@code containerInsights = enabled}. */
public record ClusterSetting(String name, String value) {}
