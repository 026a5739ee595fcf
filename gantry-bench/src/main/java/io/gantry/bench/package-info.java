/** Benchmarks and load drivers. They print their figures; they never run as tests. */
package io.gantry.bench;
