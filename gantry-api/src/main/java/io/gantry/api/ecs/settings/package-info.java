/** Request and response records of the account-setting operations. */
package io.gantry.api.ecs.settings;
