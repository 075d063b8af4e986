package com.bbws.dynamodb.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as RFC 8259 has it, for files a person may have edited: no comments, quotes around every name and
 * text, one value, each name once in an object (a name set twice would hide one of its values), and no
 * deeper than a contract ever is. Built without recursion, so no file can overflow the stack.
 */
final class StrictJson {

    private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

    private StrictJson() {
    }

    /**
     * @param maxDepth the deepest nesting allowed (1: a flat object)
     * @throws IllegalStateException what is wrong, and where: "it is not JSON at line 3 column 5", "'a.b' is
     *                               set twice", "it is nested more than 16 levels deep", "it is empty"
     */
    static JsonElement parse(String text, int maxDepth) {
        if (text.isBlank()) {
            throw new IllegalStateException("it is empty");
        }
        var reader = new JsonReader(new StringReader(text));
        reader.setLenient(false);
        try {
            JsonElement root = read(reader, maxDepth);
            boolean more;
            try {
                more = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true;
            }
            if (more) {
                throw new IllegalStateException("there is more after its JSON value" + position(reader.toString()));
            }
            return root;
        } catch (IOException | NumberFormatException e) {
            // MalformedJsonException, EOFException: Gson's message ends in where it stopped
            throw new IllegalStateException("it is not JSON" + position(String.valueOf(e.getMessage())));
        }
    }

    /** Reads one value; each open object or array waits on a stack with the name its next value goes under. */
    private static JsonElement read(JsonReader reader, int maxDepth) throws IOException {
        var open = new ArrayDeque<JsonElement>();
        var paths = new ArrayDeque<String>();
        String name = null;
        while (true) {
            JsonElement value;
            switch (reader.peek()) {
                case BEGIN_OBJECT -> {
                    reader.beginObject();
                    value = new JsonObject();
                }
                case BEGIN_ARRAY -> {
                    reader.beginArray();
                    value = new JsonArray();
                }
                case END_OBJECT, END_ARRAY -> {
                    if (reader.peek() == JsonToken.END_OBJECT) {
                        reader.endObject();
                    } else {
                        reader.endArray();
                    }
                    value = open.pop();
                    paths.pop();
                    if (open.isEmpty()) {
                        return value;
                    }
                    continue;
                }
                case NAME -> {
                    name = reader.nextName();
                    if (((JsonObject) open.peek()).has(name)) {
                        throw new IllegalStateException(String.format("'%s' is set twice", join(paths.peek(), name)));
                    }
                    continue;
                }
                case STRING -> value = new JsonPrimitive(reader.nextString());
                case NUMBER -> value = new JsonPrimitive(new BigDecimal(reader.nextString()));
                case BOOLEAN -> value = new JsonPrimitive(reader.nextBoolean());
                case NULL -> {
                    reader.nextNull();
                    value = JsonNull.INSTANCE;
                }
                default -> throw new IllegalStateException("it is not JSON" + position(reader.toString()));
            }
            String path = open.isEmpty() ? "" : open.peek().isJsonObject() ? join(paths.peek(), name)
                    : paths.peek() + "[" + ((JsonArray) open.peek()).size() + "]";
            if (!open.isEmpty()) {
                if (open.peek() instanceof JsonObject object) {
                    object.add(name, value);
                } else {
                    ((JsonArray) open.peek()).add(value);
                }
            }
            if (value.isJsonObject() || value.isJsonArray()) {
                if (open.size() >= maxDepth) {
                    throw new IllegalStateException("it is nested more than " + maxDepth + " levels deep");
                }
                open.push(value);
                paths.push(path);
            } else if (open.isEmpty()) {
                return value;
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** " at line 3 column 5", taken from Gson's message, or nothing when it has none. */
    private static String position(String message) {
        Matcher at = POSITION.matcher(message);
        return at.find() ? " " + at.group() : "";
    }
}
