package io.gantry.server.network;

import java.time.Instant;

/**
 * One private IPv4 address of a subnet leased to one task, stored at {@link AddressAllocator#key}
 * ({@code net/lease/SUBNET/ADDRESS}). Created with the task in the same transaction (on the
 * condition that the key is absent), deleted in the transaction that records the task STOPPED
 * and, for leases whose task is gone or stopped, by {@link LeaseReaper}. Leases are not scoped to
 * an account: the subnets are the machines' networks, shared by every account. Immutable.
 */
public record IpLease(String subnetId, String address, String taskArn, Instant createdAt) {}
