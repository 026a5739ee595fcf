package io.gantry.agent.runtime.docker;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerDefinitionBuilder;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerSpecs;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.SpecOverrides;
import io.gantry.agent.runtime.SpecResult;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.model.taskdef.Device;
import io.gantry.model.taskdef.KernelCapabilities;
import io.gantry.model.taskdef.LinuxParameters;
import io.gantry.model.taskdef.Tmpfs;
import io.gantry.model.taskdef.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Shared set-up of the Docker integration tests: one {@link DockerRuntime} per class on the real
 * Engine, the local image {@code gantry-test/busybox:latest}, helpers that translate a container
 * definition with {@link ContainerSpecs}, run it and read its output, inspect answer and raw JSON.
 * Every container and volume a test creates carries that test's label or task ARN and is removed
 * after it. Tests of one class run concurrently with each other (the runtime is meant to be used
 * that way), each class alone.
 */
@Execution(ExecutionMode.SAME_THREAD)
abstract class DockerItSupport {
  static final String IMAGE = "gantry-test/busybox:latest";
  static final String RUN_LABEL = "io.gantry.test-run";
  static final String RUN_ID = "DockerIT-" + UUID.randomUUID();
  /** Tests run concurrently, so each cleans up only what carries its own label. */
  final String testId = RUN_ID + "-" + UUID.randomUUID();
  static final Duration WAIT = Duration.ofSeconds(20);

  static DockerRuntime runtime;
  static DockerClient docker;
  static DockerHttpClient http;
  final Random random = new Random();
  private final List<String> taskArns = new ArrayList<>();

  @BeforeAll
  static void connect() {
    DockerRuntimeConfig config = DockerRuntimeConfig.fromEnvironment(System.getenv())
        .withPullTimeout(Duration.ofSeconds(30));
    runtime = new DockerRuntime(config);
    http = new ZerodepDockerHttpClient.Builder().dockerHost(config.dockerHost()).build();
    docker = DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(config.dockerHost().toString()).build(), http);
  }

  @AfterEach
  void cleanUp() {
    runtime.list(Map.of(RUN_LABEL, testId)).forEach(c -> runtime.remove(c.runtimeId()));
    for (String arn : taskArns) {
      runtime.list(Map.of(ContainerLabels.TASK_ARN, arn)).forEach(c -> runtime.remove(c.runtimeId()));
      runtime.listVolumes(Map.of(ContainerLabels.TASK_ARN, arn)).forEach(runtime::removeVolume);
    }
    runtime.listVolumes(Map.of(RUN_LABEL, testId)).forEach(runtime::removeVolume);
  }

  @AfterAll
  static void close() throws IOException {
    runtime.close();
    docker.close();
  }

  TaskContext task(String mode, List<Volume> volumes, AgentPolicy policy) {
    String arn = "arn:aws:ecs:us-east-1:000000000000:task/it/"
        + UUID.randomUUID().toString().replace("-", "");
    taskArns.add(arn);
    return new TaskContext(arn, "it", "runtime-it", 1, mode, volumes, Map.of(), Map.of(), policy);
  }

  TaskContext task(String mode) {
    return task(mode, List.of(), AgentPolicy.defaults());
  }

  TaskContext bridge() {
    return task("bridge");
  }

  ContainerDefinitionBuilder busybox(String name) {
    return container(name, IMAGE).label(RUN_LABEL, testId);
  }

  ContainerSpec spec(TaskContext task, ContainerDefinitionBuilder def) {
    SpecResult result = ContainerSpecs.from(task, def.build(), SpecOverrides.NONE, random);
    assertThat(result).isInstanceOf(SpecResult.Ok.class);
    return ((SpecResult.Ok) result).spec();
  }

  String create(TaskContext task, ContainerDefinitionBuilder def) {
    return created(runtime.create(spec(task, def)));
  }

  static String created(CreateResult result) {
    if (result instanceof CreateResult.Created c) {
      return c.runtimeId();
    }
    throw new AssertionError("not created: " + result);
  }

  String start(TaskContext task, ContainerDefinitionBuilder def) {
    String id = create(task, def);
    assertThat(runtime.start(id)).isEqualTo(new StartResult.Started());
    return id;
  }

  record Finished(String id, ContainerState state, String output) {}

  /** Creates, starts and waits for the container's exit; returns its state and output. */
  Finished runToEnd(TaskContext task, ContainerDefinitionBuilder def) {
    String id = start(task, def);
    ContainerState state = awaitExit(id);
    return new Finished(id, state, logs(id));
  }

  Finished runToEnd(ContainerDefinitionBuilder def) {
    return runToEnd(bridge(), def);
  }

  ContainerState awaitExit(String id) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> runtime.inspect(id).orElseThrow().status() == ContainerStatus.STOPPED);
    return runtime.inspect(id).orElseThrow();
  }

  static void awaitOutput(String id, String text) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> logs(id).contains(text));
  }

  static String logs(String id) {
    StringBuilder out = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (out) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }
          }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (out) {
      return out.toString();
    }
  }

  /** The Engine's inspect answer as JSON, for fields docker-java does not model. */
  static JsonNode rawJson(String id) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path("/containers/" + id + "/json").build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      return new ObjectMapper().readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InspectContainerResponse raw(String id) {
    return docker.inspectContainerCmd(id).exec();
  }

  static LinuxParameters linux(KernelCapabilities caps, List<Device> devices, Boolean init,
      Integer shm, List<Tmpfs> tmpfs, Integer maxSwap) {
    return new LinuxParameters(caps, devices, init, shm, tmpfs, maxSwap, null);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String httpGet(int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String[] body = new String[1];
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/index.html"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      body[0] = r.body();
      return r.statusCode() == 200;
    });
    return body[0];
  }

  static final String HTTPD = "mkdir -p /www && echo served-by-gantry > /www/index.html"
      + " && exec httpd -f -p %d -h /www";
}
