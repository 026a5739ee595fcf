package io.gantry.scheduler.query;

import io.gantry.scheduler.cluster.Node;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a cluster query comparison looks at: a node attribute ({@code attribute:NAME}) or one of
 * the fixed fields, each with the operators ECS accepts for it and how its values compare.
 */
sealed interface Subject permits Subject.Attribute, Subject.Field {

  /** How values of a subject compare. */
  enum ValueType {
    /** Strings; ordering compares numbers, then versions, then dates, then text. */
    TEXT,
    /** Dotted versions, compared part by part. */
    VERSION,
    /** Instants, written as ISO dates. */
    DATE,
    /** Whole numbers. */
    NUMBER
  }

  Set<Operator> operators();

  ValueType type();

  /** The subject's values on {@code node}: none when absent, several only for {@code task:group}. */
  List<String> values(Node node);

  /** The subject as written in an expression. */
  String wireName();

  /** {@code attribute:NAME}: the value of a node attribute; every operator applies. */
  record Attribute(String attribute) implements Subject {
    @Override
    public Set<Operator> operators() {
      return EnumSet.allOf(Operator.class);
    }

    @Override
    public ValueType type() {
      return ValueType.TEXT;
    }

    @Override
    public List<String> values(Node node) {
      String value = node.attributeOr(attribute, null);
      return value == null ? List.of() : List.of(value);
    }

    @Override
    public String wireName() {
      return "attribute:" + attribute;
    }
  }

  /** The fixed subjects, with the operators the ECS developer guide lists for each. */
  enum Field implements Subject {
    AGENT_CONNECTED("agentConnected", ValueType.TEXT, Fields.IDENTITY),
    AGENT_VERSION("agentVersion", ValueType.VERSION, Fields.ORDERED),
    EC2_INSTANCE_ID("ec2InstanceId", ValueType.TEXT, Fields.IDENTITY),
    REGISTERED_AT("registeredAt", ValueType.DATE, Fields.ORDERED),
    RUNNING_TASKS_COUNT("runningTasksCount", ValueType.NUMBER, Fields.ORDERED),
    TASK_GROUP("task:group", ValueType.TEXT, Fields.GROUP);

    private final String wireName;
    private final ValueType type;
    private final Set<Operator> operators;

    Field(String wireName, ValueType type, Set<Operator> operators) {
      this.wireName = wireName;
      this.type = type;
      this.operators = operators;
    }

    @Override
    public Set<Operator> operators() {
      return operators;
    }

    @Override
    public ValueType type() {
      return type;
    }

    @Override
    public String wireName() {
      return wireName;
    }

    @Override
    public List<String> values(Node node) {
      return switch (this) {
        case AGENT_CONNECTED -> List.of(Boolean.toString(node.agentConnected()));
        case AGENT_VERSION -> node.agentVersion() == null ? List.of() : List.of(node.agentVersion());
        case EC2_INSTANCE_ID -> node.ec2InstanceId() == null ? List.of() : List.of(node.ec2InstanceId());
        case REGISTERED_AT -> node.registeredAt() == null ? List.of() : List.of(node.registeredAt().toString());
        case RUNNING_TASKS_COUNT -> List.of(Integer.toString(node.runningTasksCount()));
        case TASK_GROUP -> Fields.groups(node);
      };
    }

    static Field byWireName(String text) {
      for (Field f : values()) {
        if (f.wireName.equals(text)) {
          return f;
        }
      }
      return null;
    }
  }

  /** Operator sets shared by the fields, and the task-group values. */
  final class Fields {
    static final Set<Operator> IDENTITY = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN,
        Operator.NOT_IN, Operator.MATCHES, Operator.NOT_MATCHES);
    static final Set<Operator> ORDERED = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.GREATER_THAN,
        Operator.GREATER_THAN_EQUAL, Operator.LESS_THAN, Operator.LESS_THAN_EQUAL);
    static final Set<Operator> GROUP = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN,
        Operator.NOT_IN, Operator.MATCHES, Operator.NOT_MATCHES, Operator.EXISTS, Operator.NOT_EXISTS);

    private Fields() {}

    static List<String> groups(Node node) {
      if (node.taskGroups().isEmpty()) {
        return List.of();
      }
      return node.taskGroups().entrySet().stream().filter(e -> e.getValue() > 0).map(java.util.Map.Entry::getKey)
          .toList();
    }
  }
}
