package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.settings.StackConfigException;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.AwsServices;
import com.bbws.dynamodb.validate.AwsValidation;
import com.bbws.dynamodb.validate.CannotCheckException;
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
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Compares a stack's live tables with the catalogue and the stack's settings, and (against AWS)"
                + " their replicas, the SSM parameters published for them, and the stack's key, alarms, backups and"
                + " backup role with what the stack declares."
                + " Exit 0: all hold; 1: something differs; 2: could not check (stack file, credentials, access,"
                + " endpoint, no answer within 30 s).")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    StackOption stack;

    @Option(names = "--endpoint", converter = EndpointConverter.class,
            description = "Check the engine at this URL (e.g. DynamoDB Local) instead of AWS.")
    URI endpoint;

    @Option(names = "--json", description = "Print the checks and the summary as JSON.")
    boolean json;

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
        try {
            StackSettings settings = stack.settings();
            ValidationReport report = endpoint == null ? againstAws(settings) : againstEndpoint(settings);
            out.print(json ? report.json() + System.lineSeparator() : report.text());
            out.flush();
            return report.exitCode();
        } catch (StackConfigException e) {
            // without the stack's settings there is nothing to compare the tables with: not a drift
            return Cli.fail(spec, "Could not check: " + e.getMessage(), ValidationReport.COULD_NOT_CHECK);
        } catch (CannotCheckException e) {
            return Cli.fail(spec, "Could not check: " + e.getMessage(), ValidationReport.COULD_NOT_CHECK);
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
