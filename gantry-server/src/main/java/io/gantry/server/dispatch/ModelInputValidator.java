package io.gantry.server.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.model.ServiceModel;
import io.gantry.api.model.Shape;
import io.gantry.api.model.ShapeValidator;
import io.gantry.api.model.Violation;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each request against its operation's input shape in the ECS service model and answers
 * the first violation with the ECS error type ECS itself uses for it. Immutable and thread-safe;
 * the operation-to-shape table is built once.
 *
 * <p>The mapping, and why:
 * <ul>
 *   <li>TYPE → {@code SerializationException}. ECS deserialises the whole body before it looks at
 *       any value, so a wrong JSON type anywhere wins over every other problem, e.g. ECS answers
 *       "SerializationException: STRING_VALUE cannot be converted to Integer" for a string
 *       deployment percentage (aws/aws-cdk-cli#973).
 *   <li>REQUIRED → {@code InvalidParameterException}, except {@code ClientException} for
 *       RegisterTaskDefinition. ECS has no ValidationException; its own checks answer a missing
 *       or empty required member per operation: "Services cannot be empty." and "TaskSets cannot
 *       be empty." are InvalidParameterException (aws-inventory#4, aws/aws-cli#5380), while
 *       RegisterTaskDefinition's task definition checks answer ClientException ("Container list
 *       cannot be empty." with Error Code ClientException, awsdocs/aws-cloudformation-user-guide#454;
 *       "Family can not be blank.", aws-actions/amazon-ecs-deploy-task-definition#630).
 *   <li>ENUM, RANGE, LENGTH → {@code InvalidParameterException}, ECS's answer for a value it
 *       does not accept ("The specified parameter isn't valid").
 * </ul>
 */
public final class ModelInputValidator implements InputValidator {
  /** Operations whose missing required members ECS reports as ClientException (see above). */
  private static final Set<String> REQUIRED_AS_CLIENT_ERROR = Set.of("RegisterTaskDefinition");

  private final Map<String, Shape> inputs;
  private final ShapeValidator validator = ShapeValidator.forInput();

  /** A validator for the bundled ECS model. */
  public ModelInputValidator() {
    this(ServiceModel.ecs());
  }

  public ModelInputValidator(ServiceModel model) {
    Map<String, Shape> byOperation = new HashMap<>();
    for (String operation : model.operations().keySet()) {
      model.inputShape(operation).ifPresent(shape -> byOperation.put(operation, shape));
    }
    this.inputs = Map.copyOf(byOperation);
  }

  /**
   * Throws {@link EcsException} for the first violation of {@code operation}'s input shape; does
   * nothing for an operation the model does not know (the dispatcher answers those).
   */
  @Override
  public void validate(String operation, JsonNode input) {
    Shape shape = inputs.get(operation);
    if (shape == null) {
      return;
    }
    List<Violation> violations = validator.validate(shape, input);
    if (!violations.isEmpty()) {
      throw toException(operation, first(violations));
    }
  }

  /** The violation ECS would answer: the first type error if any (it deserialises first), else the first one. */
  private static Violation first(List<Violation> violations) {
    for (Violation violation : violations) {
      if (violation.kind() == Violation.Kind.TYPE) {
        return violation;
      }
    }
    return violations.get(0);
  }

  static EcsException toException(String operation, Violation violation) {
    switch (violation.kind()) {
      case TYPE:
        return new EcsException(ErrorCode.SERIALIZATION, violation.message());
      case REQUIRED:
        return REQUIRED_AS_CLIENT_ERROR.contains(operation)
            ? EcsException.client(violation.message())
            : EcsException.invalidParameter(violation.message());
      case ENUM:
      case RANGE:
      case LENGTH:
      case UNKNOWN_MEMBER:
      default:
        return EcsException.invalidParameter(violation.message());
    }
  }
}
