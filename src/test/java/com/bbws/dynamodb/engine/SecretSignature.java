package com.bbws.dynamodb.engine;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * A secret as it travels to the engine: a protobuf Struct holding the signature key
 * {@value #SIGNATURE_KEY} = {@value #SECRET} and the plain value under {@code value} (pulumi's
 * {@code sig.Secret}, sdk/go/common/resource/sig/sig.go; pulumi-java writes it in
 * {@code Serializer.serializeAsync} for an {@code Output} whose data is secret). The literals are
 * written out here, not taken from the SDK, so that the tests check the wire, not the SDK against itself.
 */
public final class SecretSignature {

    public static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
    public static final String SECRET = "1b47061264138c4ac30d75fd1eb44270";
    public static final String VALUE = "value";

    /** What a secret is replaced with by {@link #withoutSecrets}. */
    public static final String REMOVED = "<secret removed>";

    private SecretSignature() {
    }

    public static boolean isSecret(Value value) {
        return value.hasStructValue()
                && SECRET.equals(value.getStructValue().getFieldsOrDefault(SIGNATURE_KEY, Value.getDefaultInstance())
                .getStringValue());
    }

    /** The plain value a secret wraps (the value itself when it is not a secret). */
    public static Value reveal(Value value) {
        return isSecret(value) ? reveal(value.getStructValue().getFieldsOrThrow(VALUE)) : value;
    }

    /** Every secret in the value, at any depth, in order. */
    public static List<Value> secrets(Value value) {
        var found = new ArrayList<Value>();
        collect(value, found);
        return found;
    }

    private static void collect(Value value, List<Value> found) {
        if (isSecret(value)) {
            found.add(value);
        } else if (value.hasStructValue()) {
            value.getStructValue().getFieldsMap().values().forEach(field -> collect(field, found));
        } else if (value.hasListValue()) {
            value.getListValue().getValuesList().forEach(element -> collect(element, found));
        }
    }

    public static List<Value> secrets(Struct struct) {
        return secrets(Value.newBuilder().setStructValue(struct).build());
    }

    /** The struct with every secret, at any depth, replaced by {@link #REMOVED}. */
    public static Struct withoutSecrets(Struct struct) {
        var builder = Struct.newBuilder();
        struct.getFieldsMap().forEach((name, field) -> builder.putFields(name, withoutSecrets(field)));
        return builder.build();
    }

    public static Value withoutSecrets(Value value) {
        if (isSecret(value)) {
            return Value.newBuilder().setStringValue(REMOVED).build();
        }
        if (value.hasStructValue()) {
            return Value.newBuilder().setStructValue(withoutSecrets(value.getStructValue())).build();
        }
        if (value.hasListValue()) {
            var list = ListValue.newBuilder();
            value.getListValue().getValuesList().forEach(element -> list.addValues(withoutSecrets(element)));
            return Value.newBuilder().setListValue(list).build();
        }
        return value;
    }

    /** The request with the secrets of its inputs removed, every other field as it arrived. */
    public static RegisterResourceRequest withoutSecrets(RegisterResourceRequest request) {
        return request.toBuilder().setObject(withoutSecrets(request.getObject())).build();
    }

    /**
     * Whether the text occurs anywhere in the request outside a secret: in its text form and in its bytes
     * on the wire, every field (inputs, options, dependencies, aliases, ...) included.
     */
    public static boolean inClear(RegisterResourceRequest request, String text) {
        RegisterResourceRequest rest = withoutSecrets(request);
        return rest.toString().contains(text)
                || new String(rest.toByteArray(), StandardCharsets.ISO_8859_1).contains(text);
    }
}
