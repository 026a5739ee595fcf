package io.gantry.scheduler;

import java.util.List;
import java.util.Locale;

/**
 * One ECS task placement strategy. A request's strategies apply in order, each choosing among
 * the candidates the previous ones left tied; remaining ties are broken at random.
 */
public sealed interface Strategy permits Strategy.Binpack, Strategy.Spread, Strategy.Random {

  /** What ECS spreads over when it is not told: the Availability Zone (our RunTask default). */
  Spread AVAILABILITY_ZONE = new Spread("attribute:ecs.availability-zone");

  /** The default for RunTask when the call names no strategy: spread over Availability Zones. */
  List<Strategy> RUN_TASK_DEFAULT = List.of(AVAILABILITY_ZONE);

  /** The default for services: spread over Availability Zones, then over instances within each zone. */
  List<Strategy> SERVICE_DEFAULT = List.of(AVAILABILITY_ZONE, new Spread("instanceId"));

  /** The most strategies one request may carry. */
  int MAX = 5;

  /** The resource a binpack strategy packs by. */
  enum Resource {
    CPU,
    MEMORY
  }

  /** Choose the candidates with the least remaining {@code resource}. */
  record Binpack(Resource resource) implements Strategy {
    @Override
    public String type() {
      return "binpack";
    }

    @Override
    public String field() {
      return resource.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Choose the candidates whose value of {@code field} has the fewest tasks of the group: {@code
   * instanceId} (or {@code host}, the same) counts per node, {@code attribute:NAME} per value of
   * the attribute (nodes without it share one "absent" value).
   */
  record Spread(String field) implements Strategy {
    public Spread {
      if (!perInstance(field) && attributeOf(field) == null) {
        throw new PlacementInputException("Invalid spread placement strategy field: " + field
            + ". Valid values are instanceId, host and attribute:NAME.");
      }
    }

    @Override
    public String type() {
      return "spread";
    }

    /** Whether this spreads per node ({@code instanceId} or {@code host}). */
    public boolean perInstance() {
      return perInstance(field);
    }

    /** The attribute spread over, or null when spreading per node. */
    public String attribute() {
      return attributeOf(field);
    }

    private static boolean perInstance(String field) {
      return "instanceId".equalsIgnoreCase(field) || "host".equalsIgnoreCase(field);
    }

    private static String attributeOf(String field) {
      return field != null && field.startsWith("attribute:") && field.length() > 10 ? field.substring(10) : null;
    }
  }

  /** Choose at random among the candidates left; later strategies have nothing left to decide. */
  record Random() implements Strategy {
    @Override
    public String type() {
      return "random";
    }

    @Override
    public String field() {
      return null;
    }
  }

  /** The ECS wire type: {@code binpack}, {@code spread} or {@code random}. */
  String type();

  /** The ECS wire field (null for random). */
  String field();

  /**
   * Parses the ECS wire form ({@code PlacementStrategy} type and field).
   *
   * @throws PlacementInputException with the ECS message when the pair is not valid
   */
  static Strategy parse(String type, String field) {
    if (type == null || type.isBlank()) {
      throw new PlacementInputException("Placement strategies must have a type.");
    }
    switch (type) {
      case "random":
        return new Random();
      case "binpack":
        if ("cpu".equalsIgnoreCase(field)) {
          return new Binpack(Resource.CPU);
        }
        if ("memory".equalsIgnoreCase(field)) {
          return new Binpack(Resource.MEMORY);
        }
        throw new PlacementInputException("The binpack placement strategy field must be cpu or memory.");
      case "spread":
        if (field == null || field.isBlank()) {
          throw new PlacementInputException("The spread placement strategy needs a field.");
        }
        return new Spread(field);
      default:
        throw new PlacementInputException("Invalid placement strategy type: " + type
            + ". Valid values are random, spread and binpack.");
    }
  }

  /** {@code given} if it names any strategy, else {@code fallback} (one of the defaults above). */
  static List<Strategy> orDefault(List<Strategy> given, List<Strategy> fallback) {
    return given == null || given.isEmpty() ? fallback : given;
  }
}
