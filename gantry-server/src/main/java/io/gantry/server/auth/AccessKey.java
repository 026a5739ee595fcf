package io.gantry.server.auth;

/** One access key pair and the account it belongs to. */
public record AccessKey(String profile, String accessKeyId, String secretAccessKey, String accountId) {
  public AccessKey {
    if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("an access key needs an id and a secret");
    }
  }

  @Override
  public String toString() {
    return "AccessKey[" + profile + " " + accessKeyId + " account " + accountId + "]";
  }
}
