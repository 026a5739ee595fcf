package io.gantry.store.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary etcd call (reads, transactions, lease grants) a deadline, so a call to an
 * unreachable or stuck cluster fails instead of waiting forever for a connection; streams
 * (watches, lease keep-alives) are left alone. Stateless and thread-safe.
 */
final class UnaryDeadline implements ClientInterceptor {
  private final long nanos;

  UnaryDeadline(Duration timeout) {
    this.nanos = timeout.toNanos();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
      options = options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
    }
    return next.newCall(method, options);
  }
}
