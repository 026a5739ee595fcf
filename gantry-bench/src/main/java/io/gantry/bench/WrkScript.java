package io.gantry.bench;

import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Prints a wrk Lua script that sends one SigV4-signed awsJson1_1 request over and over. A SigV4
 * signature stays valid for the 5-minute skew window, so one signed request serves a whole
 * benchmark run; the server verifies the signature on every request all the same.
 *
 * <p>Usage: {@code WrkScript ENDPOINT ACCESS_KEY SECRET_KEY OPERATION JSON_BODY}
 */
public final class WrkScript {
  private WrkScript() {}

  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println("usage: WrkScript ENDPOINT ACCESS_KEY SECRET_KEY OPERATION JSON_BODY");
      System.exit(2);
    }
    URI endpoint = URI.create(args[0]);
    SigV4Signer signer = new SigV4Signer(args[1], args[2], "us-east-1", "ecs", Clock.systemUTC());
    byte[] body = args[4].getBytes(StandardCharsets.UTF_8);
    SignableRequest signed = signer.sign(SignableRequest.of("POST", "/", body,
        "host", endpoint.getHost() + ":" + endpoint.getPort(),
        "content-type", "application/x-amz-json-1.1",
        "x-amz-target", "AmazonEC2ContainerServiceV20141113." + args[3]));
    StringBuilder lua = new StringBuilder();
    lua.append("wrk.method = \"POST\"\n");
    lua.append("wrk.body = ").append(luaString(args[4])).append('\n');
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      if (h.getKey().equals("host")) {
        continue; // wrk sends Host from the URL: the same host:port that was signed
      }
      lua.append("wrk.headers[").append(luaString(h.getKey())).append("] = ")
          .append(luaString(String.join(",", h.getValue()))).append('\n');
    }
    System.out.print(lua);
  }

  private static String luaString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
