package io.gantry.api.sigv4;

/**
 * The {@code Credential} of a SigV4 signature: {@code keyid/yyyyMMdd/region/service/aws4_request}.
 * Immutable.
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {
  static final String TERMINATOR = "aws4_request";

  /** Splits a credential into its five parts; null when it does not have exactly five. */
  static CredentialScope parse(String credential) {
    String[] parts = new String[5];
    int start = 0;
    for (int i = 0; i < 4; i++) {
      int slash = credential.indexOf('/', start);
      if (slash < 0) {
        return null;
      }
      parts[i] = credential.substring(start, slash);
      start = slash + 1;
    }
    if (credential.indexOf('/', start) >= 0) {
      return null;
    }
    parts[4] = credential.substring(start);
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
  String scope() {
    return date + '/' + region + '/' + service + '/' + terminator;
  }

  /** The whole credential, {@code keyid/} followed by the scope. */
  String credential() {
    return accessKeyId + '/' + scope();
  }
}
