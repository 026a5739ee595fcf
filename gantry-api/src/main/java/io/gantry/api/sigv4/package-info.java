/**
 * AWS Signature Version 4: verifying signed calls at the API boundary (header and presigned
 * query forms) and signing requests for Gantry's own clients, with the canonical-request rules
 * of the published SigV4 test suite for non-S3 services.
 */
package io.gantry.api.sigv4;
