package io.gantry.model.taskdef;

/**
 * The credentials and domain used to mount an FSx for Windows File Server volume (ECS {@code
 * FSxWindowsFileServerAuthorizationConfig}).
 */
public record FSxWindowsFileServerAuthorizationConfig(String credentialsParameter, String domain) {}
