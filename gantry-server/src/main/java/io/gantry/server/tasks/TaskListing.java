package io.gantry.server.tasks;

/**
 * What ListTasks filters on, read from a stored task record without decoding the rest of it (its
 * containers, overrides, attachments): the wire mapper skips unknown fields, so decoding this
 * instead of {@link StoredTask} makes listing a cluster of 100,000 tasks several times cheaper.
 */
record TaskListing(Brief task, String containerInstanceId) {
  /** The listed fields of the task. */
  record Brief(String taskArn, String desiredStatus, String group, String taskDefinitionArn, String startedBy,
      String launchType) {}
}
