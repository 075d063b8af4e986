package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.settings.Echo;
import com.bbws.dynamodb.settings.StackConfigException;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.AwsServices;
import com.bbws.dynamodb.validate.AwsValidation;
import com.bbws.dynamodb.validate.CannotCheckException;
import com.bbws.dynamodb.validate.ItemReport;
import com.bbws.dynamodb.validate.ItemValidator;
import com.bbws.dynamodb.validate.ReadPace;
import com.bbws.dynamodb.validate.TableValidator;
import com.bbws.dynamodb.validate.ValidationReport;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Compares a stack's live tables with the catalogue and the stack's settings, and (against AWS)"
                + " their replicas, the SSM parameters published for them, and the stack's key, alarms, backups and"
                + " backup role with what the stack declares."
                + " Exit 0: all hold; 1: something differs; 2: could not check (stack file, credentials, access,"
                + " endpoint, no answer within 30 s). With --items: the items instead, 1 when an item breaks its"
                + " table's schema.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    StackOption stack;

    @Option(names = "--endpoint", converter = EndpointConverter.class,
            description = "Check the engine at this URL (e.g. DynamoDB Local) instead of AWS.")
    URI endpoint;

    @Option(names = "--json", description = "Print the checks and the summary as JSON.")
    boolean json;

    @Option(names = "--items", description = "Check the tables' items instead of the tables: read up to --limit"
            + " items of each (a paginated Scan, at most " + (int) ReadPace.READ_UNITS_PER_SECOND + " read units a"
            + " second) and report each item that breaks its table's item schema, by its key and the rule;"
            + " never another value. Needs dynamodb:Scan only (deploy/iam/<env>/item-check-permissions.json).")
    boolean items;

    /** Null unless given: --limit belongs to --items. */
    Integer limit;

    @Option(names = "--limit", paramLabel = "N", description = "With --items: the most items read per table, 1-"
            + ItemValidator.MAX_LIMIT + " (default " + ItemValidator.DEFAULT_LIMIT + ").")
    void limit(int value) {
        if (value < 1 || value > ItemValidator.MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), String.format(
                    "Invalid value for option '--limit': %d; read 1-%d items per table.", value, ItemValidator.MAX_LIMIT));
        }
        limit = value;
    }

    @Spec
    CommandSpec spec;

    /** How long each AWS call may take; tests give shorter ones. */
    private final AwsClients.Timeouts timeouts;
    /** Opens the clients of a run against AWS; tests point them at WireMock answering as AWS does. */
    private final Supplier<AwsServices> aws;

    ValidateCommand() {
        this(AwsClients.Timeouts.DEFAULT);
    }

    ValidateCommand(AwsClients.Timeouts timeouts) {
        this(timeouts, () -> AwsServices.aws(timeouts));
    }

    ValidateCommand(AwsClients.Timeouts timeouts, Supplier<AwsServices> aws) {
        this.timeouts = timeouts;
        this.aws = aws;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (limit != null && !items) {
            throw new ParameterException(spec.commandLine(), "Option '--limit' limits the items read: give it with '--items'.");
        }
        try {
            StackSettings settings = stack.settings();
            if (items) {
                ItemReport report = checkItems(settings, limit == null ? ItemValidator.DEFAULT_LIMIT : limit);
                out.print(json ? report.json() + System.lineSeparator() : report.text());
                out.flush();
                return report.exitCode();
            }
            ValidationReport report = endpoint == null ? againstAws(settings) : againstEndpoint(settings);
            out.print(json ? report.json() + System.lineSeparator() : report.text());
            out.flush();
            return report.exitCode();
        } catch (StackConfigException e) {
            // without the stack's settings there is nothing to compare the tables with: not a drift
            return Cli.fail(spec, "Could not check: " + e.getMessage(), ValidationReport.COULD_NOT_CHECK);
        } catch (CannotCheckException e) {
            // one line that may quote what the endpoint answered: its control characters escaped
            return Cli.fail(spec, "Could not check: " + Echo.visible(e.getMessage()), ValidationReport.COULD_NOT_CHECK);
        }
    }

    /** The items alone, so that a person's policy needs dynamodb:Scan and nothing else. */
    private ItemReport checkItems(StackSettings settings, int limit) throws CannotCheckException {
        if (endpoint != null) {
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(endpoint, settings.region(), timeouts)) {
                return new ItemValidator(dynamo, endpoint.toString(), ReadPace.standard())
                        .validate(BbwsTables.CATALOGUE, settings, limit);
            }
        }
        try (AwsServices services = aws.get()) {
            return ItemValidator.againstAws(services.sts(settings.region()), services.dynamoDb(settings.region()),
                    BbwsTables.CATALOGUE, settings, limit);
        }
    }

    private ValidationReport againstAws(StackSettings settings) throws CannotCheckException {
        try (AwsServices services = aws.get()) {
            return AwsValidation.run(services, BbwsTables.CATALOGUE, settings);
        }
    }

    private ValidationReport againstEndpoint(StackSettings settings) throws CannotCheckException {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(endpoint, settings.region(), timeouts)) {
            var checks = new ArrayList<>(
                    new TableValidator(dynamo, endpoint.toString(), false).validate(BbwsTables.CATALOGUE, settings));
            checks.addAll(AwsValidation.notCheckableAtAnEndpoint(BbwsTables.CATALOGUE, settings));
            return new ValidationReport(settings.stack(), endpoint.toString(), checks);
        }
    }
}
