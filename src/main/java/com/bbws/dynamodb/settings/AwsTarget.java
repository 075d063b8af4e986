package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;
import java.util.List;
import java.util.Optional;

/**
 * Where the stack's resources go: the AWS provider's {@code aws:region} and {@code aws:allowedAccountIds},
 * which must be exactly the environment's, so that the provider refuses any other account.
 *
 * @param region    the region, or null when missing (reported)
 * @param accountId the one allowed account, or null when missing or wrong (reported)
 */
record AwsTarget(String region, String accountId) {

    static AwsTarget read(ConfigReader reader, Optional<Environment> environment) {
        return new AwsTarget(region(reader, environment), accountId(reader, environment));
    }

    private static String region(ConfigReader reader, Optional<Environment> environment) {
        Optional<String> region = reader.text(Setting.REGION);
        if (region.isEmpty()) {
            if (!reader.isSet(Setting.REGION)) {
                reader.problem(Setting.REGION, "required" + environment
                        .map(e -> String.format("; %s's tables live in %s.", e, e.region())).orElse("."));
            }
            return null;
        }
        environment.filter(e -> !e.region().equals(region.get())).ifPresent(e -> reader.problem(Setting.REGION,
                String.format("%s is not the region of %s; its tables live in %s.", Echo.quote(region.get()), e,
                        e.region())));
        return region.get();
    }

    private static String accountId(ConfigReader reader, Optional<Environment> environment) {
        String expected = environment.map(e -> String.format("[\"%s\"], the account of %s", e.accountId(), e))
                .orElse("one 12-digit AWS account ID");
        Optional<String> value = reader.text(Setting.ALLOWED_ACCOUNT_IDS);
        if (value.isEmpty()) {
            if (!reader.isSet(Setting.ALLOWED_ACCOUNT_IDS)) {
                reader.problem(Setting.ALLOWED_ACCOUNT_IDS,
                        "required, so the AWS provider refuses any other account; set it to " + expected + ".");
            }
            return null;
        }
        List<String> ids = ConfigReader.stringList(value.get());
        boolean valid = ids != null && ids.size() == 1 && ids.get(0).matches("\\d{12}")
                && environment.map(e -> e.accountId().equals(ids.get(0))).orElse(true);
        if (!valid) {
            reader.problem(Setting.ALLOWED_ACCOUNT_IDS, String.format("%s must be exactly %s.",
                    Echo.fragment(value.get()), expected));
            return null;
        }
        return ids.get(0);
    }
}
