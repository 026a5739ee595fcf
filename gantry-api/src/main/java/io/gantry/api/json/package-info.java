/** JSON as AWS's awsJson1_1 protocol writes it: epoch-second timestamps, absent nulls. */
package io.gantry.api.json;
