package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.ssm.Parameter;
import com.pulumi.aws.ssm.ParameterArgs;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The contract published beyond Pulumi: per table its name, ARN and (where it has a stream) stream ARN
 * as SSM parameters, {@code /bbws/<env>/dynamodb/<table id>/<name|arn|stream-arn>}, type String, tagged
 * like the tables. Consumers that are not Pulumi programs (Terraform, services) read them by path.
 */
public final class TableParameters {

    /** What a parameter holds: the last part of its name. */
    public enum Attribute {
        NAME("name", "name"), ARN("arn", "ARN"), STREAM_ARN("stream-arn", "latest stream ARN");

        private final String suffix;
        private final String described;

        Attribute(String suffix, String described) {
            this.suffix = suffix;
            this.described = described;
        }

        public String suffix() {
            return suffix;
        }

        public String described() {
            return described;
        }
    }

    /** One published parameter: its name, the table it describes and what it holds. */
    public record Published(String name, TableDefinition table, Attribute attribute) {
    }

    /** Every parameter's type: the values are names and ARNs, nothing secret (no KMS to read them). */
    public static final String TYPE = "String";

    private TableParameters() {
    }

    /** {@code /bbws/<env>/dynamodb/}: the path every parameter of the environment is under. */
    public static String path(Environment environment) {
        return "/bbws/" + environment.id() + "/dynamodb/";
    }

    /** The parameters of every table of the catalogue in an environment, in catalogue order. */
    public static List<Published> of(Catalogue catalogue, Environment environment) {
        var published = new ArrayList<Published>();
        for (TableDefinition table : catalogue.tables()) {
            for (Attribute attribute : Attribute.values()) {
                if (attribute != Attribute.STREAM_ARN || table.stream().isEnabled()) {
                    published.add(new Published(path(environment) + table.id() + "/" + attribute.suffix(), table,
                            attribute));
                }
            }
        }
        return published;
    }

    /** Declares the parameters of the stack's tables, each holding the table's value as AWS reports it. */
    public static void declare(StackSettings settings, Map<TableDefinition, Table> tables) {
        var catalogue = new Catalogue(List.copyOf(tables.keySet()));
        for (Published parameter : of(catalogue, settings.environment())) {
            Table table = tables.get(parameter.table());
            Function<Table, Output<String>> value = switch (parameter.attribute()) {
                case NAME -> Table::name;
                case ARN -> Table::arn;
                case STREAM_ARN -> Table::streamArn;
            };
            new Parameter(parameter.table().id() + "-" + parameter.attribute().suffix() + "-parameter",
                    ParameterArgs.builder()
                            .name(parameter.name())
                            .type(TYPE)
                            .value(value.apply(table))
                            .description(String.format("The %s of the BBWS DynamoDB table %s in %s (bbws-dynamodb,"
                                    + " managed by Pulumi)", parameter.attribute().described(), parameter.table().id(),
                                    settings.environment()))
                            .tags(settings.tagsFor(parameter.name()))
                            .build());
        }
    }
}
