package io.gantry.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A service model in botocore's {@code service-2.json} layout: its operations and the shapes of
 * their inputs, outputs and errors. Immutable and thread-safe; {@link #ecs()} is the bundled ECS
 * model (API version 2014-11-13), loaded once.
 */
public final class ServiceModel {
  static final String ECS_RESOURCE = "ecs-2014-11-13.json";

  private final String apiVersion;
  private final String targetPrefix;
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;

  private ServiceModel(JsonNode root) {
    ModelReader reader = new ModelReader(root);
    this.apiVersion = root.path("metadata").path("apiVersion").asText("");
    this.targetPrefix = root.path("metadata").path("targetPrefix").asText("");
    this.operations = Collections.unmodifiableMap(reader.operations);
    this.shapes = Collections.unmodifiableMap(reader.shapes);
  }

  /** The bundled ECS model; the first call loads it, later calls return the same instance. */
  public static ServiceModel ecs() {
    return Ecs.MODEL;
  }

  /**
   * Builds a model from a parsed {@code service-2.json}.
   *
   * @throws IllegalArgumentException if the document is not a well-formed service model
   */
  public static ServiceModel fromJson(JsonNode root) {
    return new ServiceModel(root);
  }

  /** Reads a {@code service-2.json} document; does not close {@code in}. */
  public static ServiceModel read(InputStream in) throws IOException {
    return fromJson(new ObjectMapper().readTree(in));
  }

  /** The model's API version, e.g. {@code 2014-11-13}; empty if the model states none. */
  public String apiVersion() {
    return apiVersion;
  }

  /** The awsJson {@code X-Amz-Target} prefix; empty if the model states none. */
  public String targetPrefix() {
    return targetPrefix;
  }

  /** Every operation by name, in model order. */
  public Map<String, Operation> operations() {
    return operations;
  }

  public Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /** Every shape by name, in model order. */
  public Map<String, Shape> shapes() {
    return shapes;
  }

  public Optional<Shape> shape(String name) {
    return Optional.ofNullable(shapes.get(name));
  }

  /** The input shape of operation {@code name}, if the operation exists and takes input. */
  public Optional<Shape> inputShape(String name) {
    return operation(name).flatMap(Operation::inputShape).map(shapes::get);
  }

  /** The output shape of operation {@code name}, if the operation exists and returns output. */
  public Optional<Shape> outputShape(String name) {
    return operation(name).flatMap(Operation::outputShape).map(shapes::get);
  }

  /** Holds the bundled ECS model; the JVM initialises it on first use, exactly once. */
  private static final class Ecs {
    static final ServiceModel MODEL = load();

    private static ServiceModel load() {
      try (InputStream in = ServiceModel.class.getResourceAsStream(ECS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled model " + ECS_RESOURCE + " is missing from the classpath");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled model " + ECS_RESOURCE, e);
      }
    }
  }
}
