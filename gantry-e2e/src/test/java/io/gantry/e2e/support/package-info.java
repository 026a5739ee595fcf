/** Test support: real Gantry server processes, SDK clients and the AWS CLI, wired for integration tests. */
package io.gantry.e2e.support;
