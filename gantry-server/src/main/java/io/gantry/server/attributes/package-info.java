/** Attribute operations (put, list, delete) on container instances, stored on the instance records. */
package io.gantry.server.attributes;
