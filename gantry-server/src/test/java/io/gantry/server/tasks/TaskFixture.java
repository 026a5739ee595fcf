package io.gantry.server.tasks;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.ecs.cluster.CreateClusterRequest;
import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.api.ecs.task.DescribeTasksRequest;
import io.gantry.api.ecs.task.ListTasksRequest;
import io.gantry.api.ecs.task.RunTaskRequest;
import io.gantry.api.ecs.task.StopTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionResponse;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.Resource;
import io.gantry.model.instance.VersionInfo;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.Attribute;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.clusters.ClusterHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.ContainerInstanceHandler;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagHandler;
import io.gantry.server.tags.TagStore;
import io.gantry.server.taskdefs.TaskDefinitionHandler;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The cluster, container instance, task definition and task handlers over a real embedded store
 * in a temporary directory, called by operation name as the dispatcher calls them, plus the
 * agent-facing {@link TaskStateService}. Requests are written as relaxed JSON (single quotes,
 * unquoted names) and decoded by the wire mapper. Thread-safe like the handlers.
 */
final class TaskFixture implements AutoCloseable {
  static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  static final Instant NOW = Instant.parse("2025-03-04T05:06:07.890Z");
  static final String PREFIX = "arn:aws:ecs:us-east-1:123456789012:";
  private static final ObjectMapper RELAXED = ((JsonMapper) AwsJson.mapper()).rebuild()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  final KvStore kv;
  final EntityStore store;
  final TagStore tags;
  final TaskHandler tasks;
  final TaskStateService state;
  final PlacementState placement;
  private final OperationRegistry registry = new OperationRegistry();
  private final java.util.concurrent.atomic.AtomicInteger registrations = new java.util.concurrent.atomic.AtomicInteger();

  TaskFixture(Path dir) {
    this(dir, io.gantry.server.network.SubnetCatalog.defaults());
  }

  /** With the subnets awsvpc tasks may use. */
  TaskFixture(Path dir, io.gantry.server.network.SubnetCatalog subnets) {
    kv = EmbeddedKvStore.open(dir);
    store = new EntityStore(kv);
    tags = new TagStore(store);
    placement = TaskStateService.placementState(store).start();
    tasks = new TaskHandler(store, tags, placement, new Random(7),
        new io.gantry.server.network.TaskNetworking(store, placement, subnets));
    state = new TaskStateService(store, placement);
    new ClusterHandler(store, tags, placement).register(registry);
    new io.gantry.server.capacity.CapacityProviderHandler(store, tags).register(registry);
    new io.gantry.server.services.ServiceHandler(store, tags).register(registry);
    new ContainerInstanceHandler(store, tags, placement, new Random(42), SCOPE.accountId()).register(registry);
    new TaskDefinitionHandler(store, tags).register(registry);
    new TagHandler(store, tags).register(registry);
    tasks.register(registry);
  }

  @Override
  public void close() {
    placement.close();
    kv.close();
  }

  /** Invokes operation {@code name} with {@code input} and casts its output. */
  @SuppressWarnings("unchecked")
  <I, O> O call(String name, I input) {
    return callAt(name, input, NOW);
  }

  @SuppressWarnings("unchecked")
  <I, O> O callAt(String name, I input, Instant now) {
    OperationRegistry.Entry<I> entry = (OperationRegistry.Entry<I>) registry.find(name).orElseThrow();
    return (O) entry.operation().invoke(new RequestContext(SCOPE, "AKIDEXAMPLE", "req-1", now), input);
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return RELAXED.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void createCluster(String name) {
    call("CreateCluster", new CreateClusterRequest(name, null, null, null, null, null, null));
  }

  /**
   * Registers an instance with {@code cpu} units, {@code memory} MiB and the usual reserved ports
   * (ECS agent's). Each registers a second after the previous one, so first fit tries them in
   * the order they were registered.
   */
  ContainerInstance registerInstance(String cluster, int cpu, int memory) {
    return registerInstance(cluster, cpu, memory, List.of());
  }

  /** As {@link #registerInstance(String, int, int)}, with platform devices such as GPUs. */
  ContainerInstance registerInstance(String cluster, int cpu, int memory,
      List<io.gantry.model.instance.PlatformDevice> devices) {
    return registerInstance(cluster, cpu, memory, devices, "zone-a", null);
  }

  /** As {@link #registerInstance(String, int, int)}, in availability zone {@code zone}. */
  ContainerInstance registerInstance(String cluster, int cpu, int memory,
      List<io.gantry.model.instance.PlatformDevice> devices, String zone) {
    return registerInstance(cluster, cpu, memory, devices, zone, null);
  }

  /** As {@link #registerInstance(String, int, int)}, joining capacity provider {@code provider} as an agent started with --capacity-provider does. */
  ContainerInstance registerInstance(String cluster, int cpu, int memory, String provider) {
    return registerInstance(cluster, cpu, memory, List.of(), "zone-a", provider);
  }

  private ContainerInstance registerInstance(String cluster, int cpu, int memory,
      List<io.gantry.model.instance.PlatformDevice> devices, String zone, String provider) {
    List<Resource> resources = List.of(
        Resource.ofInteger("CPU", cpu),
        Resource.ofInteger("MEMORY", memory),
        Resource.ofStringSet("PORTS", List.of("22", "2375", "2376", "51678", "51679")),
        Resource.ofStringSet("PORTS_UDP", List.of()));
    List<Attribute> attributes = new java.util.ArrayList<>(List.of(
        new Attribute("ecs.cpu-architecture", "x86_64", null, null),
        new Attribute("ecs.os-type", "linux", null, null),
        new Attribute("ecs.availability-zone", zone, null, null),
        new Attribute("ecs.capability.container-health-check", null, null, null),
        new Attribute("ecs.capability.container-ordering", null, null, null),
        new Attribute("ecs.capability.task-eni", null, null, null),
        new Attribute("com.amazonaws.ecs.capability.logging-driver.json-file", null, null, null)));
    for (int v = 17; v <= 32; v++) {
      attributes.add(new Attribute("com.amazonaws.ecs.capability.docker-remote-api.1." + v, null, null, null));
    }
    if (provider != null) {
      attributes.add(new Attribute("gantry.capacity-provider", provider, null, null));
    }
    ContainerInstanceResponse r = callAt("RegisterContainerInstance", new RegisterContainerInstanceRequest(cluster, null,
        null, resources, new VersionInfo("1.0.0", "abc", "24.0.7"), null, attributes, devices, null),
        NOW.minusSeconds(1000).plusSeconds(registrations.incrementAndGet()));
    // Registration leaves agentConnected false until the agent's session is up; tests stand in for it.
    ContainerInstance registered = r.containerInstance();
    setAgentConnected(cluster, registered.id(), true);
    return instance(cluster, registered.id());
  }

  TaskDefinition registerTaskDefinition(String json) {
    RegisterTaskDefinitionResponse r = call("RegisterTaskDefinition", read(json, RegisterTaskDefinitionRequest.class));
    return r.taskDefinition();
  }

  /** A definition {@code family} with one container "app" taking {@code cpu} units and {@code memory} MiB. */
  TaskDefinition simpleDefinition(String family, int cpu, int memory) {
    return registerTaskDefinition("{family: '" + family + "', containerDefinitions: [{name: 'app', image: 'busybox', "
        + "cpu: " + cpu + ", memory: " + memory + ", command: ['sleep', '3600']}]}");
  }

  TasksResponse run(String json) {
    return call("RunTask", read(json, RunTaskRequest.class));
  }

  TasksResponse describe(String cluster, List<String> refs, List<String> include) {
    return call("DescribeTasks", new DescribeTasksRequest(cluster, include, refs));
  }

  Task describeOne(String cluster, String ref) {
    return describe(cluster, List.of(ref), null).tasks().get(0);
  }

  List<String> list(String json) {
    io.gantry.api.ecs.task.ListTasksResponse r = call("ListTasks", read(json, ListTasksRequest.class));
    return r.taskArns();
  }

  Task stop(String cluster, String task, String reason) {
    io.gantry.api.ecs.task.StopTaskResponse r = call("StopTask", new StopTaskRequest(cluster, reason, task));
    return r.task();
  }

  /** The instance as DescribeContainerInstances shows it: remaining resources and task counts from its tasks. */
  ContainerInstance instance(String cluster, String id) {
    placement.awaitCurrent();
    ContainerInstance stored = store.get(StateKeys.containerInstance(SCOPE, cluster, id), ContainerInstance.class)
        .orElseThrow().value();
    return io.gantry.server.placement.InstanceViews.withLoad(stored, placement.ledger(SCOPE, cluster).load(id));
  }

  StoredTask stored(String cluster, Task task) {
    return store.get(TaskRefs.key(SCOPE, cluster, TaskRefs.idOf(task.taskArn())), StoredTask.class)
        .orElseThrow().value();
  }

  /** Marks the instance's agent connected or not, as the agent gateway does. */
  void setAgentConnected(String cluster, String id, boolean connected) {
    String key = StateKeys.containerInstance(SCOPE, cluster, id);
    store.retry(attempt -> {
      Versioned<ContainerInstance> current = store.get(key, ContainerInstance.class).orElseThrow();
      ObjectNode json = AwsJson.mapper().valueToTree(current.value());
      json.put("agentConnected", connected);
      ContainerInstance next = AwsJson.mapper().convertValue(json, ContainerInstance.class);
      return new EntityStore.Attempt<>(Txn.builder().modRevisionIs(key, current.modRevision())
          .put(key, store.encode(next)).build(), next);
    });
  }

  /** An agent report of {@code task} in {@code status}, every container in {@code containerStatus}. */
  static AgentMessage.TaskStateChange report(Task task, String status, String containerStatus, Integer exitCode) {
    List<AgentMessage.ContainerStateChange> containers = task.containers().stream()
        .map(c -> new AgentMessage.ContainerStateChange(c.name(), "docker-" + c.name(), containerStatus, exitCode, null,
            null, null))
        .toList();
    return new AgentMessage.TaskStateChange(1, task.taskArn(), status, null, null, null, null, null, null, containers);
  }

  static long amount(ContainerInstance instance, String name) {
    return io.gantry.server.placement.InstanceViews.amount(instance.remainingResources(), name);
  }

  static java.util.Set<String> ports(ContainerInstance instance, String name) {
    return new java.util.LinkedHashSet<>(io.gantry.server.placement.InstanceViews.strings(instance.remainingResources(), name));
  }
}
