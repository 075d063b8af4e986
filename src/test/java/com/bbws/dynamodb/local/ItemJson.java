package com.bbws.dynamodb.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item as the AWS SDKs' document clients show it in JSON: S a string, N a number, L an array, M an object. */
public final class ItemJson {

    private ItemJson() {
    }

    public static JsonObject of(Map<String, AttributeValue> item) {
        var json = new JsonObject();
        item.forEach((name, value) -> json.add(name, value(value)));
        return json;
    }

    private static JsonElement value(AttributeValue value) {
        return switch (value.type()) {
            case S -> new JsonPrimitive(value.s());
            case N -> new JsonPrimitive(new BigDecimal(value.n()));
            case B -> new JsonPrimitive(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> new JsonPrimitive(value.bool());
            case NUL -> JsonNull.INSTANCE;
            case L -> {
                var array = new JsonArray();
                value.l().forEach(element -> array.add(value(element)));
                yield array;
            }
            case M -> of(value.m());
            default -> throw new IllegalArgumentException("No JSON for a " + value.type() + " value");
        };
    }
}
