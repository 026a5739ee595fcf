/** Request and response records of TagResource, UntagResource and ListTagsForResource. */
package io.gantry.api.ecs.tags;
