package com.bbws.dynamodb.validate;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The item check's read rate: it waits between pages as the read units consumed so far require. */
class ReadPaceTest {

    /** A clock that moves only when told, and a sleeper that records each wait and moves the clock by it. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> waits = new ArrayList<>();

    private ReadPace pace(double unitsPerSecond) {
        return new ReadPace(unitsPerSecond, now::get, duration -> {
            waits.add(duration);
            now.addAndGet(duration.toNanos());
        });
    }

    @Test
    void the_read_rate_page_size_and_limits_are_the_documented_ones() throws Exception {
        String operations = Files.readString(Path.of("docs", "operations.md")).replaceAll("\\s+", " ");

        assertThat(operations).contains("reads up to `--limit` items (default " + ItemValidator.DEFAULT_LIMIT
                + ", at most " + ItemValidator.MAX_LIMIT + ") with a paginated `Scan` (" + ItemValidator.PAGE_SIZE
                + " items a page, eventually consistent), at most " + (int) ReadPace.READ_UNITS_PER_SECOND
                + " read capacity units a second");
    }

    @Test
    void pages_read_faster_than_the_budget_wait_until_the_units_fit_it() throws InterruptedException {
        ReadPace pace = pace(25);

        assertThat(pace.afterPage(50)).isEqualTo(Duration.ofSeconds(2));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(pace.afterPage(12.5)).isEqualTo(Duration.ofMillis(0));
        assertThat(pace.afterPage(12.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @Test
    void pages_slower_than_the_budget_never_wait() throws InterruptedException {
        ReadPace pace = pace(25);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(pace.afterPage(20)).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void a_budget_of_nothing_is_refused() {
        assertThatThrownBy(() -> pace(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A read rate must be above 0 units per second, was 0.0");
    }

    @Test
    void the_item_check_pages_on_from_the_last_key_and_waits_for_the_units_aws_says_a_page_consumed() throws Exception {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
        String table = BbwsTables.TENANTS.physicalName(dev.environment());
        String lastKey = "{\"PK\":{\"S\":\"TENANT#" + ConformingItems.TENANT_ID + "\"},\"SK\":{\"S\":\"METADATA\"}}";
        try (AwsWire wire = new AwsWire(); AwsServices services = wire.services()) {
            MappingBuilder scan = AwsWire.json("dynamodb", dev.region(), "DynamoDB_20120810.Scan", null)
                    .withRequestBody(matchingJsonPath("$.TableName", equalTo(table)));
            wire.stub(scan.atPriority(10), AwsWire.jsonAnswer("1.0", JsonParser.parseString("{\"Items\":[],\"Count\":0,"
                    + "\"ScannedCount\":0,\"LastEvaluatedKey\":" + lastKey + ",\"ConsumedCapacity\":{\"CapacityUnits\":50}}")));
            wire.stub(AwsWire.json("dynamodb", dev.region(), "DynamoDB_20120810.Scan", null)
                            .withRequestBody(matchingJsonPath("$.ExclusiveStartKey", equalToJson(lastKey))),
                    AwsWire.jsonAnswer("1.0", JsonParser.parseString("{\"Items\":[],\"Count\":0,\"ScannedCount\":0,"
                            + "\"ConsumedCapacity\":{\"CapacityUnits\":0.5}}")));

            var report = new ItemValidator(services.dynamoDb(dev.region()), "AWS", pace(25))
                    .validate(new Catalogue(List.of(BbwsTables.TENANTS)), dev, 500);

            assertThat(report.tables()).singleElement().satisfies(items -> {
                assertThat(items.read()).isZero();
                assertThat(items.limitReached()).isFalse();
            });
            // 50 units at 25 a second: two seconds before the second page; none after the last
            assertThat(waits).containsExactly(Duration.ofSeconds(2));
            assertThat(wire.requests()).hasSize(2);
        }
    }
}
