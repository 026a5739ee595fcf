/** The ECS API surface: operation names and the request and response records of each operation. */
package io.gantry.api.ecs;
