package com.bbws.dynamodb.schemas;

import com.google.gson.JsonObject;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The committed {@code schemas/<table>.schema.json} files, run by a validator no one here wrote (networknt). */
public final class CommittedSchemas {

    static final Path FOLDER = Path.of(ItemJsonSchema.FOLDER);
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private CommittedSchemas() {
    }

    static Schema schema(String table) {
        return LOADED.computeIfAbsent(table, id -> {
            try {
                return REGISTRY.getSchema(Files.readString(FOLDER.resolve(id + ".schema.json")), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * What the validator, formats asserted, says of an item of the table (its id): "keyword at /pointer" per
     * error, "required name" for a missing attribute; empty when the item conforms.
     */
    public static List<String> errors(String table, JsonObject item) {
        List<Error> errors = schema(table).validate(item.toString(), InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(error -> error.getKeyword().equals("required") ? "required " + error.getProperty()
                : error.getKeyword() + " at " + error.getInstanceLocation()).toList();
    }
}
