package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The customer managed key a stack creates (infra/CustomerManagedKey) as KMS has it: enabled, customer
 * managed, rotation on. AWS gives the key its id, so it is found where the stack uses it: the key the
 * live tables are encrypted with.
 */
public final class KeyValidator {

    static final String KEY = "kms key";
    private static final String EXPECTED = "Enabled, customer managed, rotation on";

    private final KmsClient kms;
    private final AwsCalls calls;

    public KeyValidator(KmsClient kms, String target) {
        this.kms = kms;
        this.calls = new AwsCalls("AWS KMS", target, kms);
    }

    /**
     * One check of the stack's own key; none when the stack does not create one.
     *
     * @param live each table's live description by physical name, or null when it was not found
     */
    public List<Check> validate(Catalogue catalogue, StackSettings settings, Function<String, TableDescription> live)
            throws CannotCheckException {
        if (!settings.createKmsKey()) {
            return List.of();
        }
        String name = settings.resourceName();
        Optional<String> arn = catalogue.tables().stream()
                .map(table -> live.apply(table.physicalName(settings.environment())))
                .filter(Objects::nonNull)
                .map(TableDescription::sseDescription).filter(Objects::nonNull)
                .map(sse -> sse.kmsMasterKeyArn()).filter(Objects::nonNull)
                .findFirst();
        if (arn.isEmpty()) {
            return List.of(Check.fail(name, KEY, "no live table is encrypted with a KMS key, so the stack's key cannot"
                    + " be found; expected a key " + EXPECTED));
        }
        String key = arn.get();
        var metadata = calls.find("DescribeKey " + key, () -> kms.describeKey(request -> request.keyId(key))
                .keyMetadata());
        if (metadata.isEmpty()) {
            return List.of(Check.fail(name, KEY, key + " missing; expected " + EXPECTED));
        }
        boolean rotation = Boolean.TRUE.equals(calls.call("GetKeyRotationStatus " + key,
                () -> kms.getKeyRotationStatus(request -> request.keyId(key)).keyRotationEnabled()));
        String found = String.format("%s, %s managed, rotation %s", metadata.get().keyStateAsString(),
                metadata.get().keyManagerAsString().toLowerCase(java.util.Locale.ROOT), rotation ? "on" : "off");
        return List.of(Check.of(name, KEY, found.equals(EXPECTED), key + " " + found, EXPECTED));
    }

    /** Where KMS cannot be asked (an endpoint such as DynamoDB Local): the key, said to be not checkable. */
    public static List<Check> notCheckable(StackSettings settings, String why) {
        return settings.createKmsKey() ? List.of(Check.notCheckable(settings.resourceName(), KEY, why)) : List.of();
    }
}
