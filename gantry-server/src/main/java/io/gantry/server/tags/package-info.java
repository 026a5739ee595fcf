/** Tags on every taggable resource: validation, storage beside the resource, and the tag operations. */
package io.gantry.server.tags;
