package io.gantry.bench;

import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load driver: {@code concurrency} threads, each with its own HTTP/1.1 keep-alive
 * client, send signed awsJson1_1 requests back to back for a warm-up and then a measured period,
 * recording every latency. Reports requests/s and latency percentiles.
 */
final class ApiLoad {
  /** The figures of one measured run. */
  record Result(String name, int concurrency, long requests, long errors, double seconds, long p50Micros, long p99Micros,
      long maxMicros) {
    double perSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format("%-34s c=%-3d %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d errors)",
          name, concurrency, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0, requests, errors);
    }
  }

  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;

  ApiLoad(URI endpoint, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Runs one scenario. {@code body} gives the JSON body for the n-th request of a thread (so
   * writes can be made unique); {@code target} is the operation name.
   */
  Result run(String name, String target, IntFunction<String> body, int concurrency, Duration warmup, Duration measure)
      throws InterruptedException {
    SigV4Signer signer = new SigV4Signer(accessKey, secretKey, "us-east-1", "ecs", Clock.systemUTC());
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    long end = warmupEnd + measure.toNanos();
    List<long[]> latencies = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong counter = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      long[] samples = new long[4_000_000 / concurrency];
      latencies.add(samples);
      int[] count = {0};
      Thread thread = new Thread(() -> {
        try {
          loop(signer, target, body, warmupEnd, end, samples, count, errors, counter);
        } catch (Exception e) {
          errors.incrementAndGet();
        } finally {
          done.countDown();
        }
      }, "load-" + t);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    done.await();
    long[] merged = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    long total = merged.length;
    double seconds = measure.toNanos() / 1e9;
    return new Result(name, concurrency, total, errors.get(), seconds,
        percentile(merged, 0.50) / 1000, percentile(merged, 0.99) / 1000, merged.length == 0 ? 0 : merged[merged.length - 1] / 1000);
  }

  private void loop(SigV4Signer signer, String target, IntFunction<String> body, long warmupEnd, long end, long[] samples,
      int[] count, AtomicLong errors, AtomicLong counter) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    while (true) {
      long start = System.nanoTime();
      if (start >= end) {
        return;
      }
      byte[] payload = body.apply((int) counter.incrementAndGet()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      SignableRequest signed = signer.sign(SignableRequest.of("POST", "/", payload,
          "host", host,
          "content-type", "application/x-amz-json-1.1",
          "x-amz-target", "AmazonEC2ContainerServiceV20141113." + target));
      HttpRequest.Builder req = HttpRequest.newBuilder(endpoint.resolve("/"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
      for (var h : signed.headers().entrySet()) {
        if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) {
          for (String v : h.getValue()) {
            req.header(h.getKey(), v);
          }
        }
      }
      HttpResponse<byte[]> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - start;
      if (resp.statusCode() != 200) {
        errors.incrementAndGet();
        if (errors.get() < 3) {
          System.err.println("error " + resp.statusCode() + ": " + new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
      } else if (start >= warmupEnd && count[0] < samples.length) {
        samples[count[0]++] = Math.max(1, took);
      }
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
