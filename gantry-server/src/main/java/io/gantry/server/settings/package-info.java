/** Account settings: per-principal values, account defaults, and the effective value of each setting. */
package io.gantry.server.settings;
