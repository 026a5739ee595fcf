/**
 * Signed ECS API calls for the simulation: an asynchronous awsJson1_1 client over one shared
 * HTTP client, and the RegisterContainerInstance input a simulated machine sends.
 */
package io.gantry.testkit.ecs;
