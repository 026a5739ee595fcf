/** Request and response records of the container instance operations. */
package io.gantry.api.ecs.instance;
