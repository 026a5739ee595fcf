package io.gantry.server.services;

import io.gantry.model.Scope;

/** Names one service: the unit of the controller's work queue. */
record ServiceKey(Scope scope, String cluster, String name) {}
