package io.gantry.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.service.CreateServiceRequest;
import io.gantry.api.ecs.service.ServiceResponse;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.Tag;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.services.ServiceHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsvpc services: CreateService checks the network configuration; the service scheduler's launches lease addresses. */
class AwsVpcServiceTest {
  static final String SUBNET = "subnet-0d1b2c3d4e5f60718";
  @TempDir Path dir;

  @Test
  void servicesTakeTheNetworkConfigurationAndTheirTasksGetAddresses() {
    SubnetCatalog catalog = new SubnetCatalog(SubnetCatalog.parseList(SUBNET + "=10.203.10.0/28@zone-a"),
        SubnetCatalog.DEFAULT_POOL);
    try (TaskFixture ecs = new TaskFixture(dir, catalog)) {
      ecs.createCluster("default");
      ecs.registerInstance("default", 4096, 4096);
      TaskDefinition td = ecs.registerTaskDefinition("{family: 'vpc', networkMode: 'awsvpc', containerDefinitions: "
          + "[{name: 'app', image: 'busybox', memory: 8}]}");
      TaskNetworking networking = new TaskNetworking(ecs.store, ecs.placement, catalog);
      OperationRegistry registry = new OperationRegistry();
      new ServiceHandler(ecs.store, ecs.tags, new Random(3), networking).register(registry);

      assertThatThrownBy(() -> create(registry, "{serviceName: 'a', taskDefinition: 'vpc', desiredCount: 1}"))
          .hasMessage("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
      assertThatThrownBy(() -> create(registry, "{serviceName: 'a', taskDefinition: 'vpc', desiredCount: 1, "
          + "networkConfiguration: {awsvpcConfiguration: {subnets: ['subnet-0123456789abcdef0']}}}"))
          .hasMessageContaining("InvalidSubnetID.NotFound");
      ServiceResponse created = create(registry, "{serviceName: 'web', taskDefinition: 'vpc', desiredCount: 2, "
          + "networkConfiguration: {awsvpcConfiguration: {subnets: ['" + SUBNET + "'], securityGroups: ['sg-1']}}}");
      NetworkConfiguration network = created.service().networkConfiguration();
      assertThat(network.awsvpcConfiguration().subnets()).containsExactly(SUBNET);
      assertThat(network.awsvpcConfiguration().securityGroups()).containsExactly("sg-1");

      ServiceTasks tasks = new ServiceTasks(ecs.store, ecs.tags, ecs.placement, new Random(5), networking);
      ServiceTasks.Launched launched = tasks.launch(new ServiceTasks.Launch(TaskFixture.SCOPE, "default", "web",
          "ecs-svc/1", td, "EC2", false, List.<Tag>of(), null, null), network, 2, TaskFixture.NOW);
      assertThat(launched.failures()).isEmpty();
      assertThat(launched.tasks()).extracting(AwsVpcRunTaskTest::address).doesNotHaveDuplicates()
          .allSatisfy(ip -> assertThat(ip).startsWith("10.203.10."));
      assertThat(launched.tasks()).extracting(Task::group).containsOnly("service:web");
    }
  }

  private static ServiceResponse create(OperationRegistry registry, String json) {
    @SuppressWarnings("unchecked")
    OperationRegistry.Entry<CreateServiceRequest> entry =
        (OperationRegistry.Entry<CreateServiceRequest>) registry.find("CreateService").orElseThrow();
    return (ServiceResponse) entry.operation().invoke(new RequestContext(TaskFixture.SCOPE, "AKID", "r",
        TaskFixture.NOW), TaskFixture.read(json, CreateServiceRequest.class));
  }
}
