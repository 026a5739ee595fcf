/** The node agent: runs the tasks assigned to one machine on its container runtime. */
package io.gantry.agent;
