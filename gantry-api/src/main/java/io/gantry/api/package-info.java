/** The API boundary's wire formats: awsJson1_1 codecs, SigV4, and the ECS request and response records. */
package io.gantry.api;
