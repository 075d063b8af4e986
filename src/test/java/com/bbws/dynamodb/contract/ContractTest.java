package com.bbws.dynamodb.contract;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Regenerate;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Format;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.bbws.dynamodb.catalogue.ItemType;
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
        return Contract.of(OfflinePlan.of("sit", StackConfigFile.load(PROJECT, "sit"), program), catalogue);
    }

    /** The platform's catalogue with tenants' partition key PK a number instead of a string: a destructive change. */
    private static Catalogue tenantsKeyAsNumber() {
        return withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(),
                KeySchema.of(number("PK"), string("SK")), tenants.indexes(), tenants.stream(),
                withItems(tenants.items(), items -> items.replaceAll(a -> a.name().equals("PK") ? new ItemAttribute(
                        "PK", ItemType.N, true, null, null, null, null, null, a.keyPattern()) : a))));
    }

    /** An item schema changed by an edit of its attribute list. */
    private static ItemSchema withItems(ItemSchema items, Consumer<List<ItemAttribute>> edit) {
        var attributes = new ArrayList<>(items.attributes());
        edit.accept(attributes);
        return new ItemSchema(attributes);
    }

    /** The platform's catalogue with tenants' items changed by an edit of their attribute list. */
    private static Catalogue withTenantItems(Consumer<List<ItemAttribute>> edit) {
        return withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(), tenants.keys(),
                tenants.indexes(), tenants.stream(), withItems(tenants.items(), edit)));
    }

    /** Replaces the attribute of that name. */
    private static Consumer<List<ItemAttribute>> replacing(String name, UnaryOperator<ItemAttribute> edit) {
        return items -> items.replaceAll(a -> a.name().equals(name) ? edit.apply(a) : a);
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
        Contract generated = Contract.of(OfflinePlan.of(stack, StackConfigFile.read(PROJECT, stack), App::stack),
                BbwsTables.CATALOGUE);

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
            return new TableDefinition(tenants.id(), tenants.name(), tenants.keys(), indexes, tenants.stream(),
                    tenants.items());
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
                KeySchema.of(string("TenantId")), tenants.indexes(), tenants.stream(),
                withItems(tenants.items(), items -> items.add(ItemAttribute.s("TenantId").asRequired()))));

        assertThat(lines(changesTo(changed))).containsExactly(
                "destructive table tenants: key schema changed from PK (S), SK (S) to TenantId (S)",
                "disruptive table tenants: item attribute TenantId (S) added, required");
    }

    @Test
    void turning_off_the_stream_of_tenants_is_disruptive_with_every_output_and_parameter_it_takes_along()
            throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(), tenants.keys(),
                tenants.indexes(), Stream.disabled(), tenants.items()));

        assertThat(lines(changesTo(changed))).containsExactly(
                "disruptive table tenants: stream turned off (was NEW_AND_OLD_IMAGES)",
                "disruptive output tables changed shape: no longer has tables.tenants.streamArn",
                "disruptive output tenantsStreamArn removed",
                "disruptive SSM parameter /bbws/sit/dynamodb/tenants/stream-arn removed");
    }

    @Test
    void changing_the_stream_view_type_of_tenants_is_disruptive_a_new_stream_arn() throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), tenants.name(), tenants.keys(),
                tenants.indexes(), Stream.enabled(Stream.ViewType.KEYS_ONLY), tenants.items()));

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly(
                "disruptive table tenants: stream view type changed from NEW_AND_OLD_IMAGES to KEYS_ONLY");
        assertThat(changes.get(0).consequence()).contains("every event source mapping");
    }

    @Test
    void renaming_a_table_is_destructive_and_its_name_parameters_change_too() throws IOException {
        Catalogue changed = withTenants(tenants -> new TableDefinition(tenants.id(), TableName.fixed("tenants-v2"),
                tenants.keys(), tenants.indexes(), tenants.stream(), tenants.items()));

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
        tables.set(0, new TableDefinition(tenants.id(), tenants.name(), tenants.keys(), indexes, tenants.stream(),
                withItems(tenants.items(), items -> items.add(ItemAttribute.s("createdAt").asRequired()))));
        tables.add(new TableDefinition("orders", TableName.withEnvironmentSuffix("orders"),
                KeySchema.of(string("PK"), string("SK")), List.of(), Stream.disabled()));

        assertThat(lines(changesTo(new Catalogue(tables)))).containsExactly(
                "disruptive table tenants: GSI " + removed.name() + " removed",
                "disruptive table tenants: item attribute createdAt (S) added, required",
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
                tenants.keys(), tenants.indexes(), Stream.enabled(Stream.ViewType.NEW_IMAGE), tenants.items())));

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
                .hasMessage("contract/sit.json is not a contract file ('tables' is missing).");
    }

    @Test
    void a_new_optional_item_attribute_and_a_widened_enum_are_compatible() throws IOException {
        Catalogue changed = withTenantItems(replacing("status", status -> status.oneOf("UNVALIDATED", "VALIDATED",
                "REGISTERED", "SUSPENDED", "ARCHIVED")).andThen(items -> items.add(ItemAttribute.s("phone"))));

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly(
                "compatible table tenants: item attribute status allowed values changed from UNVALIDATED, VALIDATED,"
                        + " REGISTERED, SUSPENDED to UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED, ARCHIVED",
                "compatible table tenants: item attribute phone (S) added");
        assertThat(changes).extracting(Change::consequence).containsExactly(
                "every value allowed before is still allowed",
                "an optional attribute; existing items and writers still conform");
    }

    @Test
    void a_new_required_item_attribute_is_disruptive_every_writer_must_set_it() throws IOException {
        Catalogue changed = withTenantItems(items -> items.add(ItemAttribute.s("phone").asRequired()));

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly("disruptive table tenants: item attribute phone (S) added,"
                + " required");
        assertThat(changes.get(0).consequence()).isEqualTo("every writer must set it, and items written before"
                + " without it no longer conform");
    }

    @Test
    void a_renamed_item_attribute_is_a_disruptive_removal_and_an_addition() throws IOException {
        Catalogue changed = withTenantItems(replacing("organizationName", a -> ItemAttribute.s("organisationName")));

        assertThat(lines(changesTo(changed))).containsExactly(
                "disruptive table tenants: item attribute organizationName removed",
                "compatible table tenants: item attribute organisationName (S) added");
    }

    @Test
    void a_type_change_of_an_item_attribute_that_keys_nothing_is_disruptive() throws IOException {
        Catalogue changed = withTenantItems(replacing("organizationName", a -> ItemAttribute.n("organizationName")));

        List<Change> changes = changesTo(changed);

        assertThat(lines(changes)).containsExactly(
                "disruptive table tenants: item attribute organizationName type changed from S to N");
        assertThat(changes.get(0).consequence()).isEqualTo("items written before hold the old type: readers of"
                + " either type break until the items are migrated");
    }

    @Test
    void a_narrowed_enum_a_changed_key_pattern_and_a_changed_requirement_are_disruptive() throws IOException {
        Catalogue changed = withTenantItems(replacing("status", status -> status.oneOf("VALIDATED", "REGISTERED"))
                .andThen(replacing("PK", pk -> pk.withKeyPattern("TNT#{id}")))
                .andThen(replacing("organizationName", ItemAttribute::asRequired))
                .andThen(replacing("dateCreated", date -> new ItemAttribute("dateCreated", date.type(), false, null,
                        date.format(), null, null, null, null))));

        assertThat(lines(changesTo(changed))).containsExactlyInAnyOrder(
                "disruptive table tenants: item attribute PK key pattern changed from TENANT#{id} to TNT#{id}",
                "disruptive table tenants: item attribute dateCreated is no longer required",
                "disruptive table tenants: item attribute status allowed values changed from UNVALIDATED, VALIDATED,"
                        + " REGISTERED, SUSPENDED to VALIDATED, REGISTERED",
                "disruptive table tenants: item attribute organizationName is now required");
    }

    @Test
    void a_narrower_range_or_a_new_format_is_disruptive_a_wider_range_compatible() throws IOException {
        var tables = new ArrayList<>(BbwsTables.CATALOGUE.tables());
        TableDefinition campaigns = BbwsTables.CAMPAIGNS;
        int at = tables.indexOf(campaigns);
        java.util.function.Function<Consumer<List<ItemAttribute>>, Catalogue> campaignsWith = edit -> {
            var copy = new ArrayList<>(tables);
            copy.set(at, new TableDefinition(campaigns.id(), campaigns.name(), campaigns.keys(), campaigns.indexes(),
                    campaigns.stream(), withItems(campaigns.items(), edit)));
            return new Catalogue(copy);
        };

        var narrower = changesTo(campaignsWith.apply(replacing("discountPercentage", a -> a.between(0, 50))));
        var wider = changesTo(campaignsWith.apply(replacing("discountPercentage", a -> a.between(-10, 100))));
        var format = changesTo(campaignsWith.apply(replacing("code", a -> a.withFormat(Format.UUID))));

        assertThat(lines(narrower)).containsExactly(
                "disruptive table campaigns: item attribute discountPercentage range changed from 0..100 to 0..50");
        assertThat(lines(wider)).containsExactly(
                "compatible table campaigns: item attribute discountPercentage range changed from 0..100 to -10..100");
        assertThat(lines(format)).containsExactly(
                "disruptive table campaigns: item attribute code format changed from none to uuid");
    }

    @Test
    void a_base_from_before_item_schemas_were_in_the_contract_sees_them_published_compatible() throws IOException {
        var base = committed("sit");
        var tables = new java.util.LinkedHashMap<String, Contract.Table>();
        base.tables().forEach((id, t) -> tables.put(id, new Contract.Table(t.name(), t.keys(), t.indexes(),
                t.stream(), null)));
        var older = new Contract("sit", tables, base.outputs(), base.parameters(), List.of());

        assertThat(Contract.parse(older.json(), "old").tables().get("tenants").items()).isNull();
        assertThat(lines(ContractDiff.between(older, base))).containsExactly(
                "compatible table tenants: item schema published (11 attributes)",
                "compatible table products: item schema published (12 attributes)",
                "compatible table campaigns: item schema published (15 attributes)");
    }

    @Test
    void the_pull_request_summary_lists_an_item_schema_change_with_its_class() throws IOException {
        Contract changed = sitWith(withTenantItems(replacing("status", status -> status.oneOf("VALIDATED"))));

        ContractReview review = ContractReview.of("contract/sit.json", changed, Optional.of(changed.json()),
                Optional.of(committed("sit")), "origin/main:contract/sit.json");

        assertThat(review.exitCode(false)).isEqualTo(ContractReview.OK);
        assertThat(review.text(false)).contains("Changes from the base (origin/main:contract/sit.json) to the program"
                + " (1):" + System.lineSeparator() + "  disruptive   table tenants: item attribute status allowed"
                + " values changed from UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED to VALIDATED");
    }
}
