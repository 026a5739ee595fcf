/** The ECS domain vocabulary: resource records with their wire names, ARNs, scopes and domain errors. */
package io.gantry.model;
