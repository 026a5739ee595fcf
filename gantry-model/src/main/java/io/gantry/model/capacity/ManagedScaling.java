package io.gantry.model.capacity;

/**
 * The ECS {@code ManagedScaling} shape: whether Gantry computes the provider's reservation metric
 * and calls the capacity hook, the target utilisation (1–100 %), the step sizes (1–10000
 * instances) and the warm-up period (0–10000 s).
 */
public record ManagedScaling(String status, Integer targetCapacity, Integer minimumScalingStepSize,
    Integer maximumScalingStepSize, Integer instanceWarmupPeriod) {
  public static final String ENABLED = "ENABLED";
  public static final String DISABLED = "DISABLED";

  public boolean enabled() {
    return ENABLED.equals(status);
  }
}
