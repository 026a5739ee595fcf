package io.gantry.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One named shape of a service model: its type, and for structures its members, for lists and
 * maps the shapes of their elements, for strings its enum values, and the min/max the model
 * states (string length, list or map size, or numeric range).
 *
 * <p>Immutable once its {@link ServiceModel} is built, and safe to share between threads: the
 * model links shapes to each other while it is constructed and publishes them through final
 * fields. The package-private fields are the validator's precomputed tables.
 */
public final class Shape {
  private static final Member[] NO_MEMBERS = new Member[0];

  private final String name;
  private final ShapeType type;
  private final List<String> required;
  private final List<String> enumValues;
  private final boolean document;
  private final boolean exception;

  // Validator tables. Limits are infinite when the model states none.
  final Set<String> enumSet;
  final double min;
  final double max;
  final boolean hasLimits;

  // Set once by link() while the model is being built, never after.
  private Map<String, Member> members = Map.of();
  Member[] memberTable = NO_MEMBERS;
  Shape listMember;
  Shape mapKey;
  Shape mapValue;
  private boolean linked;

  Shape(String name, ShapeType type, List<String> required, List<String> enumValues,
      OptionalDouble min, OptionalDouble max, boolean document, boolean exception) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.required = List.copyOf(required);
    this.enumValues = List.copyOf(enumValues);
    this.enumSet = Set.copyOf(enumValues);
    this.min = min.orElse(Double.NEGATIVE_INFINITY);
    this.max = max.orElse(Double.POSITIVE_INFINITY);
    this.hasLimits = min.isPresent() || max.isPresent();
    this.document = document;
    this.exception = exception;
  }

  /** Connects this shape to the shapes it refers to; called once, by the model reader. */
  void link(List<Member> members, Shape listMember, Shape mapKey, Shape mapValue) {
    if (linked) {
      throw new IllegalStateException("shape " + name + " is already linked");
    }
    Map<String, Member> byName = new LinkedHashMap<>();
    for (Member member : members) {
      byName.put(member.name(), member);
    }
    this.members = Collections.unmodifiableMap(byName);
    this.memberTable = members.toArray(NO_MEMBERS);
    this.listMember = listMember;
    this.mapKey = mapKey;
    this.mapValue = mapValue;
    this.linked = true;
  }

  public String name() {
    return name;
  }

  public ShapeType type() {
    return type;
  }

  /** A structure's members in model order; empty for other types. */
  public Map<String, Member> members() {
    return members;
  }

  public Optional<Member> member(String memberName) {
    return Optional.ofNullable(members.get(memberName));
  }

  /** The names of a structure's required members, in model order. */
  public List<String> required() {
    return required;
  }

  /** A string shape's allowed values in model order; empty when any value is allowed. */
  public List<String> enumValues() {
    return enumValues;
  }

  /** The smallest allowed string length, list or map size, or number, if the model states one. */
  public OptionalDouble min() {
    return Double.isInfinite(min) ? OptionalDouble.empty() : OptionalDouble.of(min);
  }

  /** The largest allowed string length, list or map size, or number, if the model states one. */
  public OptionalDouble max() {
    return Double.isInfinite(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
  }

  /** The shape of each element of a list. */
  public Shape listMember() {
    return require(listMember, ShapeType.LIST);
  }

  /** The shape of each key of a map. */
  public Shape mapKey() {
    return require(mapKey, ShapeType.MAP);
  }

  /** The shape of each value of a map. */
  public Shape mapValue() {
    return require(mapValue, ShapeType.MAP);
  }

  /** True for a document structure, whose value may be any JSON. */
  public boolean isDocument() {
    return document;
  }

  /** True for an error shape. */
  public boolean isException() {
    return exception;
  }

  private Shape require(Shape shape, ShapeType expected) {
    if (type != expected) {
      throw new IllegalStateException(name + " is a " + type.wireName() + ", not a " + expected.wireName());
    }
    return shape;
  }

  @Override
  public String toString() {
    return "Shape[" + name + ": " + type.wireName() + "]";
  }
}
