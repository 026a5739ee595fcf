package io.gantry.model.cluster;

import io.gantry.model.KeyValuePair;
import java.util.List;

/** The ECS {@code Attachment} shape (network interfaces, capacity-provider attachments). */
public record Attachment(String id, String type, String status, List<KeyValuePair> details) {}
