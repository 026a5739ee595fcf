/** The HTTP edge: Jetty, request framing, authentication and the awsJson1_1 response headers. */
package io.gantry.server.http;
