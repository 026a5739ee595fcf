package io.gantry.server.taskdefs;

/**
 * The members of a stored task definition that listings need, decoded from the stored record
 * while the rest of it is skipped.
 */
record TaskDefinitionSummary(String taskDefinitionArn, String family, Integer revision, String status) {}
