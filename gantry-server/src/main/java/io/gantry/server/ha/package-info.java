/**
 * Several control-plane replicas on one store: which replica leads ({@link
 * io.gantry.server.ha.Leadership}), the fencing of the leader's writes ({@link
 * io.gantry.server.ha.FencedKvStore}), starting and stopping the leader-only parts as leadership
 * comes and goes ({@link io.gantry.server.ha.LeaderRole}) and forwarding the calls only the
 * leader may serve ({@link io.gantry.server.ha.LeaderForwarder}).
 */
package io.gantry.server.ha;
