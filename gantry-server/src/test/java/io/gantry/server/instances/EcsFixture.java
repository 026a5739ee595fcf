package io.gantry.server.instances;

import io.gantry.api.ecs.cluster.CreateClusterRequest;
import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.Resource;
import io.gantry.model.instance.VersionInfo;
import io.gantry.model.taskdef.Attribute;
import io.gantry.server.attributes.AttributeHandler;
import io.gantry.server.clusters.ClusterHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tasks.TaskStateService;
import io.gantry.server.tags.TagStore;
import io.gantry.store.KvStore;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The cluster, container instance and attribute handlers over a store (in memory unless given
 * one), called by operation name as the dispatcher calls them. One fixture per test; closing it
 * closes the store. Thread-safe like the handlers.
 */
public final class EcsFixture implements AutoCloseable {
  public static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  public static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");

  public final KvStore kv;
  public final EntityStore store;
  public final TagStore tags;
  public final ContainerInstanceHandler instances;
  public final PlacementState placement;
  private final OperationRegistry registry = new OperationRegistry();

  public EcsFixture() {
    this(new InMemoryKvStore());
  }

  public EcsFixture(KvStore kv) {
    this.kv = kv;
    this.store = new EntityStore(kv);
    this.tags = new TagStore(store);
    this.placement = TaskStateService.placementState(store).start();
    this.instances = new ContainerInstanceHandler(store, tags, placement, new Random(42));
    new ClusterHandler(store, tags, placement).register(registry);
    instances.register(registry);
    new AttributeHandler(store).register(registry);
  }

  @Override
  public void close() {
    placement.close();
    kv.close();
  }

  public RequestContext ctx() {
    return new RequestContext(SCOPE, "AKIDEXAMPLE", "req-1", NOW);
  }

  /** Invokes operation {@code name} with {@code input} and casts its output. */
  @SuppressWarnings("unchecked")
  public <I, O> O call(String name, I input) {
    OperationRegistry.Entry<I> entry = (OperationRegistry.Entry<I>) registry.find(name).orElseThrow();
    return (O) entry.operation().invoke(ctx(), input);
  }

  public void createCluster(String name) {
    call("CreateCluster", new CreateClusterRequest(name, null, null, null, null, null, null));
  }

  /** Registers an instance with 2048 CPU units, 4096 MiB, reserved ports and {@code attributes}. */
  public ContainerInstance register(String cluster, List<Attribute> attributes, List<Tag> tagList) {
    ContainerInstanceResponse r = call("RegisterContainerInstance", new RegisterContainerInstanceRequest(
        cluster, null, null, resources(), new VersionInfo("1.0.0", "abc", "24.0.7"), null, attributes, null, tagList));
    return r.containerInstance();
  }

  public ContainerInstance register(String cluster) {
    return register(cluster, List.of(new Attribute("ecs.os-type", "linux", null, null)), null);
  }

  public static List<Resource> resources() {
    return List.of(
        Resource.ofInteger("CPU", 2048),
        Resource.ofInteger("MEMORY", 4096),
        Resource.ofStringSet("PORTS", List.of("22", "2375", "2376", "51678")),
        Resource.ofStringSet("PORTS_UDP", List.of()));
  }
}
