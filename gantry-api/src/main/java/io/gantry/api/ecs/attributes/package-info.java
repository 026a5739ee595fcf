/** Request and response records of the attribute operations. */
package io.gantry.api.ecs.attributes;
