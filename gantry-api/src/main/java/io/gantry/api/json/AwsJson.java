package io.gantry.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The one Jackson configuration for awsJson1_1: members that are null are left out, unknown
 * members are ignored (as AWS services do), and timestamps are epoch seconds with millisecond
 * precision. The mapper is thread-safe and shared.
 */
public final class AwsJson {
  private static final ObjectMapper MAPPER = build();

  private AwsJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    SimpleModule timestamps = new SimpleModule("aws-timestamps");
    timestamps.addSerializer(Instant.class, new EpochSecondsSerializer());
    timestamps.addDeserializer(Instant.class, new EpochSecondsDeserializer());
    return JsonMapper.builder()
        .addModule(timestamps)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /** Writes an instant as fractional epoch seconds, e.g. {@code 1700000000.123}. */
  static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      long millis = value.toEpochMilli();
      if (millis % 1000 == 0) {
        gen.writeNumber(millis / 1000);
      } else {
        gen.writeNumber(BigDecimal.valueOf(millis, 3));
      }
    }
  }

  /** Reads epoch seconds (integer or fractional) or an ISO-8601 string. */
  static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT) {
        return Instant.ofEpochSecond(p.getLongValue());
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal seconds = p.getDecimalValue();
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
      }
      if (token == JsonToken.VALUE_STRING) {
        try {
          return Instant.parse(p.getText());
        } catch (java.time.format.DateTimeParseException e) {
          return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not a timestamp");
        }
      }
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
  }
}
