package io.gantry.api.sigv4;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/** The last two SigV4 steps, shared by signer and verifier: string to sign, then signature. Stateless. */
final class Signatures {
  private Signatures() {}

  static String stringToSign(String amzDate, CredentialScope scope, String canonicalRequest) {
    return ClaimReader.ALGORITHM + '\n' + amzDate + '\n' + scope.scope() + '\n' + Digests.sha256Hex(canonicalRequest);
  }

  /** The signature as lower-case hex characters in ASCII bytes, ready for a constant-time compare. */
  static byte[] sign(SecretKeySpec signingKey, String stringToSign) {
    return Digests.hex(Digests.hmac(signingKey, stringToSign)).getBytes(StandardCharsets.US_ASCII);
  }
}
