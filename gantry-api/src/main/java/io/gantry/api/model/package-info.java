/**
 * The ECS service model (botocore's {@code service-2.json}) as immutable Java values, and the
 * validator that checks awsJson1_1 request and response bodies against its shapes.
 */
package io.gantry.api.model;
