package io.gantry.e2e.support;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** AWS SDK for Java v2 clients pointed at a test server. */
public final class Clients {
  private Clients() {}

  public static EcsClient ecs(URI endpoint) {
    return ecs(endpoint, GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY, "us-east-1");
  }

  public static EcsClient ecs(URI endpoint, String accessKey, String secretKey, String region) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }
}
