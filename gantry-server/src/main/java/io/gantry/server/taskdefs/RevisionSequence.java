package io.gantry.server.taskdefs;

/**
 * The stored revision counter of one task definition family: the last revision number handed
 * out. It outlives deleted revisions, so numbers are never reused.
 */
record RevisionSequence(int lastRevision) {}
