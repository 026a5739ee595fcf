/**
 * End-to-end tests: real Gantry server processes driven by the AWS SDK for Java v2, the AWS CLI
 * v2 and signed raw HTTP, checking ECS behaviour, wire shapes, durability and account isolation.
 */
package io.gantry.e2e;
