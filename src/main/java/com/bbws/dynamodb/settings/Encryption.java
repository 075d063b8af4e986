package com.bbws.dynamodb.settings;

import java.util.Optional;

/**
 * How the tables are encrypted: an existing customer managed key ({@code kmsKeyArn}), one the stack
 * creates ({@code createKmsKey}), or neither: the AWS managed key.
 *
 * @param kmsKeyArn    the key's ARN, {@link ConfigSource#SECRET} when it is a secret offline, or null
 * @param createKmsKey whether the stack creates its own key
 */
record Encryption(String kmsKeyArn, boolean createKmsKey) {

    boolean customerManaged() {
        return kmsKeyArn != null || createKmsKey;
    }

    static Encryption read(ConfigReader reader, AwsTarget target) {
        String kmsKeyArn = kmsKeyArn(reader, target);
        boolean create = reader.bool(Setting.CREATE_KMS_KEY).orElse(false);
        if (create && reader.isSet(Setting.KMS_KEY_ARN)) {
            reader.problem(Setting.CREATE_KMS_KEY, "true together with bbws-dynamodb:kmsKeyArn; use one or the other.");
        }
        return new Encryption(kmsKeyArn, create);
    }

    private static String kmsKeyArn(ConfigReader reader, AwsTarget target) {
        if (reader.isHidden(Setting.KMS_KEY_ARN)) {
            return ConfigSource.SECRET; // checked under the engine, which decrypts it
        }
        Optional<String> value = reader.text(Setting.KMS_KEY_ARN);
        return value.filter(arn -> KmsKeyArn.check(reader, Setting.KMS_KEY_ARN, "", arn, target.region(),
                target.accountId())).orElse(null);
    }
}
