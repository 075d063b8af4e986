package com.bbws.dynamodb.contract;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Regenerate;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.Stream;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TableName;
import com.bbws.dynamodb.contract.Change.Severity;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Program;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.pulumi.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed contract of each stack is the one the program generates, and every change to it is
 * named with its class: a scratch copy of the catalogue, changed as a careless edit would, is compared
 * with the committed sit contract.
 */
class ContractTest {

    private static final Path PROJECT = Path.of(".");

    private static Path file(String stack) {
        return PROJECT.resolve("contract").resolve(stack + ".json");
    }

    private static Contract committed(String stack) throws IOException {
        return Contract.parse(Files.readString(file(stack)), file(stack).toString());
    }

    /** The contract the program generates for sit with this catalogue in place of the platform's. */
    private static Contract sitWith(Catalogue catalogue) {
        Program program = (ctx, config) -> App.stack(ctx, config, catalogue);
        return Contract.of(OfflinePlan.of("sit", StackConfigFile.load(PROJECT, "sit"), program));
    }

    /** The platform's catalogue with tenants' partition key PK a number instead of a string: a destructive change. */
    private static Catalogue tenantsKeyAsNumber() {
        return withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(),
                KeySchema.of(number("PK"), string("SK")), tenants.indexes(), tenants.stream()));
    }

    /** The platform's catalogue with tenants replaced by an edited copy. */
    private static Catalogue withTenants(UnaryOperator<TableDefinition> edit) {
        var tables = new ArrayList<>(BbwsTables.CATALOGUE.tables());
        tables.set(0, edit.apply(BbwsTables.TENANTS));
        return new Catalogue(tables);
    }

    private static List<Change> changesTo(Catalogue catalogue) throws IOException {
        return ContractDiff.between(committed("sit"), sitWith(catalogue));
    }

    private static List<String> lines(List<Change> changes) {
        return changes.stream().map(c -> c.severity().label() + " " + c.text()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_committed_contract_is_the_one_the_program_generates(String stack) throws IOException {
        Contract generated = Contract.of(OfflinePlan.of(stack, StackConfigFile.read(PROJECT, stack), App::stack));

        ContractReview review = ContractReview.of(file(stack).toString(), generated,
                Optional.of(Files.readString(file(stack))), Optional.empty(), "");

        assertThat(review.upToDate()).as("%sRegenerate every generated file with %s", review.text(false),
                Regenerate.COMMAND).isTrue();
        assertThat(review.exitCode(false)).isEqualTo(ContractReview.OK);
    }

    @Test
    void the_test_program_with_the_platforms_own_catalogue_changes_nothing() throws IOException {
        assertThat(changesTo(BbwsTables.CATALOGUE)).isEmpty();
    }

    @Test
    void changing_a_gsi_key_of_tenants_is_disruptive_the_index_is_rebuilt() throws IOException {
        Catalogue changed = withTenants(tenants -> {
            var indexes = new ArrayList<>(tenants.indexes());
            indexes.set(0, GlobalSecondaryIndex.of("EmailIndex", string("email"), string("SK")));
            return new TableDefinition(tenants.id(), tenants.name(), tenants.keys(), indexes, tenants.stream());
        });

        List<Change> changes = changesTo(changed);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.severity()).isEqualTo(Severity.DISRUPTIVE);
            assertThat(change.text()).isEqualTo("table tenants: GSI EmailIndex keys changed from email (S) to email (S),"
                    + " SK (S)");
            assertThat(change.consequence()).isEqualTo("the index is deleted and built again: queries on it fail until"
                    + " it is ACTIVE");
        });
    }

    @Test
    void changing_the_type_of_a_tenants_key_is_destructive_the_table_is_replaced() throws IOException {
        Catalogue changed = tenantsKeyAsNumber();

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly("destructive table tenants: type of key PK changed from S to N");
        assertThat(changes.get(0).consequence()).isEqualTo("DynamoDB cannot change this in place: the table is"
                + " replaced by a new, empty one; its data is lost without a migration");
    }

    @Test
    void changing_the_key_schema_of_tenants_is_destructive() throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(),
                KeySchema.of(string("TenantId")), tenants.indexes(), tenants.stream()));

        assertThat(lines(changesTo(changed))).containsExactly(
                "destructive table tenants: key schema changed from PK (S), SK (S) to TenantId (S)");
    }

    @Test
    void turning_off_the_stream_of_tenants_is_disruptive_with_every_output_and_parameter_it_takes_along()
            throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(), tenants.keys(),
                tenants.indexes(), Stream.disabled()));

        assertThat(lines(changesTo(changed))).containsExactly(
                "disruptive table tenants: stream turned off (was NEW_AND_OLD_IMAGES)",
                "disruptive output tables changed shape: no longer has tables.tenants.streamArn",
                "disruptive output tenantsStreamArn removed",
                "disruptive SSM parameter /bbws/sit/dynamodb/tenants/stream-arn removed");
    }

    @Test
    void changing_the_stream_view_type_of_tenants_is_disruptive_a_new_stream_arn() throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(), tenants.keys(),
                tenants.indexes(), Stream.enabled(Stream.ViewType.KEYS_ONLY)));

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly(
                "disruptive table tenants: stream view type changed from NEW_AND_OLD_IMAGES to KEYS_ONLY");
        assertThat(changes.get(0).consequence()).contains("every event source mapping");
    }

    @Test
    void renaming_a_table_is_destructive_and_its_name_parameters_change_too() throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), TableName.fixed("tenants-v2"),
                tenants.keys(), tenants.indexes(), tenants.stream()));

        assertThat(lines(changesTo(changed))).contains(
                "destructive table tenants: physical name changed from tenants to tenants-v2",
                "disruptive SSM parameter /bbws/sit/dynamodb/tenants/name changed from String tenants to String"
                        + " tenants-v2");
    }

    @Test
    void a_new_table_and_a_new_gsi_are_compatible_a_removed_gsi_is_disruptive() throws IOException {
        var tables = new ArrayList<>(BbwsTables.CATALOGUE.tables());
        TableDefinition tenants = BbwsTables.TENANTS;
        var indexes = new ArrayList<>(tenants.indexes());
        GlobalSecondaryIndex removed = indexes.remove(indexes.size() - 1);
        indexes.add(GlobalSecondaryIndex.of("CreatedIndex", string("createdAt")));
        tables.set(0, new TableDefinition(tenants.id(), tenants.name(), tenants.keys(), indexes, tenants.stream()));
        tables.add(new TableDefinition("orders", TableName.withEnvironmentSuffix("orders"),
                KeySchema.of(string("PK"), string("SK")), List.of(), Stream.disabled()));

        assertThat(lines(changesTo(new Catalogue(tables)))).containsExactly(
                "disruptive table tenants: GSI " + removed.name() + " removed",
                "compatible table tenants: GSI CreatedIndex added (createdAt (S), projection ALL)",
                "compatible table orders (orders-sit) added",
                "compatible output tables gained tables.orders.arn, tables.orders.name",
                "compatible output ordersTableArn added",
                "compatible output ordersTableName added",
                "compatible SSM parameter /bbws/sit/dynamodb/orders/name added",
                "compatible SSM parameter /bbws/sit/dynamodb/orders/arn added");
    }

    @Test
    void a_destructive_change_fails_until_acknowledged_in_the_same_change() throws IOException {
        Contract base = committed("sit");
        Contract changed = sitWith(tenantsKeyAsNumber());
        String text = "table tenants: type of key PK changed from S to N";

        // the file updated in the same commit, without an acknowledgement
        ContractReview unacknowledged = ContractReview.of("contract/sit.json", changed,
                Optional.of(changed.json()), Optional.of(base), "origin/main:contract/sit.json");
        // acknowledged in this change
        ContractReview acknowledged = ContractReview.of("contract/sit.json", changed,
                Optional.of(changed.withAcknowledgements(List.of(text)).json()), Optional.of(base), "base");
        // an acknowledgement the base already held accepts nothing new
        ContractReview stale = ContractReview.of("contract/sit.json", changed,
                Optional.of(changed.withAcknowledgements(List.of(text)).json()),
                Optional.of(base.withAcknowledgements(List.of(text))), "base");

        assertThat(unacknowledged.exitCode(false)).isEqualTo(ContractReview.UNACKNOWLEDGED);
        assertThat(unacknowledged.text(false)).contains("destructive  " + text + "  [NOT ACKNOWLEDGED]")
                .contains("1 destructive change(s) not acknowledged")
                .contains("to acknowledgedDestructiveChanges in contract/sit.json");
        assertThat(acknowledged.exitCode(false)).isEqualTo(ContractReview.OK);
        assertThat(acknowledged.text(false)).contains(text + "  [acknowledged]");
        assertThat(stale.exitCode(false)).isEqualTo(ContractReview.UNACKNOWLEDGED);
    }

    @Test
    void a_misspelt_acknowledgement_accepts_nothing_and_is_pointed_out() throws IOException {
        Contract base = committed("sit");
        Contract changed = sitWith(tenantsKeyAsNumber());
        String misspelt = "table tenants: type of key PK changed from S to number";

        ContractReview review = ContractReview.of("contract/sit.json", changed,
                Optional.of(changed.withAcknowledgements(List.of(misspelt)).json()), Optional.of(base), "base");

        assertThat(review.exitCode(false)).isEqualTo(ContractReview.UNACKNOWLEDGED);
        assertThat(review.text(false)).contains("Note: the acknowledgement '" + misspelt + "' matches no destructive"
                + " change since the base");
    }

    @Test
    void a_contract_file_not_updated_with_the_program_fails_naming_the_changes() throws IOException {
        Contract changed = sitWith(withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(),
                tenants.keys(), tenants.indexes(), Stream.enabled(Stream.ViewType.NEW_IMAGE))));

        ContractReview review = ContractReview.of("contract/sit.json", changed,
                Optional.of(Files.readString(file("sit"))), Optional.empty(), "");

        assertThat(review.exitCode(false)).isEqualTo(ContractReview.OUT_OF_DATE);
        assertThat(review.text(false)).contains("contract/sit.json is not the contract the program generates for"
                + " stack 'sit': a change to the contract must update the file in the same commit")
                .contains("disruptive   table tenants: stream view type changed from NEW_AND_OLD_IMAGES to NEW_IMAGE");
    }

    @Test
    void the_json_reads_back_as_the_same_contract() throws IOException {
        Contract sit = committed("sit");

        assertThat(Contract.parse(sit.json(), "copy")).isEqualTo(sit);
        assertThatThrownBy(() -> Contract.parse("{\"stack\": \"sit\"}", "contract/sit.json"))
                .isInstanceOf(ContractException.class)
                .hasMessage("contract/sit.json is not a contract file (no object 'tables'); regenerate it with"
                        + " 'contract --stack <stack> --write'.");
    }
}
