package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.infra.TableParameters;
import com.bbws.dynamodb.infra.TableParameters.Published;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

/**
 * The SSM parameters the program publishes (TableParameters) exist, are Strings, and hold the live
 * tables' values: a missing or stale parameter is a failed check (drift), like a table that differs.
 */
public final class ParameterValidator {

    private final SsmClient ssm;
    private final AwsCalls calls;

    /** @param target where the parameters are, for messages ("AWS account ... in ...") */
    public ParameterValidator(SsmClient ssm, String target) {
        this.ssm = ssm;
        this.calls = new AwsCalls("SSM", target, ssm);
    }

    /**
     * One check per published parameter, in catalogue order.
     *
     * @param live each table's live description by physical name, or null when the table was not found
     * @throws CannotCheckException when SSM refuses or does not answer: not a verdict on the parameters
     */
    public List<Check> validate(Catalogue catalogue, StackSettings settings, Function<String, TableDescription> live)
            throws CannotCheckException {
        var checks = new ArrayList<Check>();
        for (Published parameter : TableParameters.of(catalogue, settings.environment())) {
            String table = parameter.table().physicalName(settings.environment());
            TableDescription description = live.apply(table);
            String expected = switch (parameter.attribute()) {
                case NAME -> table;
                case ARN -> description == null ? null : description.tableArn();
                case STREAM_ARN -> description == null ? null : description.latestStreamArn();
            };
            checks.add(check(table, parameter, expected));
        }
        return checks;
    }

    /** Where there is no SSM to ask (DynamoDB Local): every parameter, said to be not checkable. */
    public static List<Check> notCheckable(Catalogue catalogue, StackSettings settings, String why) {
        return TableParameters.of(catalogue, settings.environment()).stream()
                .map(parameter -> Check.notCheckable(parameter.table().physicalName(settings.environment()),
                        name(parameter), why))
                .toList();
    }

    private Check check(String table, Published parameter, String expected) throws CannotCheckException {
        String check = name(parameter);
        Optional<software.amazon.awssdk.services.ssm.model.Parameter> answer = calls.find("GetParameter "
                + parameter.name(), () -> ssm.getParameter(GetParameterRequest.builder().name(parameter.name()).build())
                .parameter());
        if (answer.isEmpty()) {
            return Check.fail(table, check, "missing; expected " + describe(parameter, expected));
        }
        var found = answer.get();
        String value = found.value();
        String type = found.typeAsString();
        // a SecureString read without decryption is its KMS ciphertext: noise in a report, and not ours to print
        String described = "SecureString".equals(type) ? type + " (encrypted; its value is not shown)" : type + " " + value;
        if (expected == null) {
            return Check.fail(table, check, String.format("%s; the table has no live %s to compare it with", described,
                    parameter.attribute().described()));
        }
        return Check.of(table, check, TableParameters.TYPE.equals(type) && expected.equals(value), described,
                describe(parameter, expected));
    }

    private static String describe(Published parameter, String expected) {
        return expected == null ? "the table's " + parameter.attribute().described()
                : TableParameters.TYPE + " " + expected;
    }

    private static String name(Published parameter) {
        return "ssm " + parameter.name();
    }
}
