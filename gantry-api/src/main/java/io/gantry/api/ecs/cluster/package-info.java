/** Request and response records of the cluster operations. */
package io.gantry.api.ecs.cluster;
