package io.gantry.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of a service model: its name, the names of its input and output shapes (absent
 * when the operation takes or returns nothing), and the names of the error shapes it declares.
 */
public record Operation(String name, Optional<String> inputShape, Optional<String> outputShape, List<String> errorShapes) {
  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputShape, "inputShape");
    Objects.requireNonNull(outputShape, "outputShape");
    errorShapes = List.copyOf(errorShapes);
  }
}
