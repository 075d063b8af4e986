package com.bbws.dynamodb.local;

import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.bbws.dynamodb.catalogue.ItemType;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sample items of a table, made from its item schema alone, the same on every run and machine: a fixed
 * seed per table, and {@link Random}, whose algorithm is specified. Item {@code i} does not depend on
 * how many are asked for. Each item follows the schema, so it appears in every index of the table:
 * <ul>
 * <li>a key pattern is filled from the item's own attributes ({@code TENANT#{id}}, {@code METADATA});</li>
 * <li>allowed values are taken in turn, so each appears once there are as many items as values;</li>
 * <li>formats: uuid (version 4), email and uri at example.com (reserved for examples), date-time
 *     (ISO 8601, UTC, whole seconds), date (YYYY-MM-DD);</li>
 * <li>an item's dates, and its timestamps, never go back in the order the schema lists them
 *     ({@code fromDate} before {@code toDate}, {@code dateCreated} no later than {@code dateLastUpdated});</li>
 * <li>a number lies within its bounds (whole where both bounds are); without bounds it is an amount,
 *     1.00 to 1000.99;</li>
 * <li>other strings say what they are: "Organization name 3"; one a key is made of, "CODE0003";</li>
 * <li>optional attributes are left out of every third item, so services meet both.</li>
 * </ul>
 */
public final class SampleItems {

    /** The seed of every table's items; changing it changes every developer's sample data. */
    public static final long SEED = 20250601L;
    /** The most items per table: enough for paging through an index, few enough to write in seconds. */
    public static final int MAX_COUNT = 1000;

    private static final Instant FIRST_TIMESTAMP = Instant.parse("2025-01-01T00:00:00Z");
    private static final LocalDate FIRST_DATE = LocalDate.parse("2025-01-01");
    private static final int DAYS_SPREAD = 365;
    /** How far one date or timestamp of an item may lie after the one before it. */
    private static final int DAYS_BETWEEN = 90;
    private static final String DOMAIN = "example.com";
    private static final List<String> PEOPLE =
            List.of("thandi", "johan", "lerato", "pieter", "ayanda", "naledi", "sipho", "anika");
    private static final int OPTIONAL_LEFT_OUT_EVERY = 3;
    private static final int MAX_LIST_SIZE = 3;

    private SampleItems() {
    }

    /** The first {@code count} sample items of the table, as DynamoDB stores them, attributes in schema order. */
    public static List<Map<String, AttributeValue>> of(TableDefinition table, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException(String.format("%d sample items: 1-%d", count, MAX_COUNT));
        }
        var random = new Random(SEED * 31 + table.id().hashCode());
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (int number = 1; number <= count; number++) {
            items.add(new Item(table.id(), table.items(), number, random).values());
        }
        return List.copyOf(items);
    }

    /** One item being made: its number (from 1), and the last date and timestamp given to it. */
    private static final class Item {

        private final String table;
        private final ItemSchema schema;
        private final int number;
        private final Random random;
        private final Set<String> inKeys = new HashSet<>();
        private Instant timestamp;
        private LocalDate date;

        Item(String table, ItemSchema schema, int number, Random random) {
            this.table = table;
            this.schema = schema;
            this.number = number;
            this.random = random;
            schema.attributes().forEach(attribute -> inKeys.addAll(attribute.keyParts()));
        }

        /** Every attribute but the patterned ones first, as the patterns are made of them. */
        Map<String, AttributeValue> values() {
            var made = new LinkedHashMap<String, AttributeValue>();
            for (ItemAttribute attribute : schema.attributes()) {
                boolean leftOut = !attribute.required() && !inKeys.contains(attribute.name())
                        && number % OPTIONAL_LEFT_OUT_EVERY == 0;
                if (attribute.keyPattern() == null && !leftOut) {
                    made.put(attribute.name(), value(attribute));
                }
            }
            for (ItemAttribute attribute : schema.attributes()) {
                if (attribute.keyPattern() != null) {
                    String value = attribute.keyFrom(name -> Optional.of(text(attribute, name, made))).orElseThrow();
                    made.put(attribute.name(),
                            attribute.type() == ItemType.N ? AttributeValue.fromN(value) : AttributeValue.fromS(value));
                }
            }
            var inSchemaOrder = new LinkedHashMap<String, AttributeValue>();
            schema.attributes().stream().map(ItemAttribute::name).filter(made::containsKey)
                    .forEach(name -> inSchemaOrder.put(name, made.get(name)));
            return inSchemaOrder;
        }

        /** The text of an attribute a key pattern is made of, already made: a key is never made of another key. */
        private static String text(ItemAttribute key, String name, Map<String, AttributeValue> made) {
            AttributeValue value = made.get(name);
            if (value == null) {
                throw new IllegalStateException("The key pattern '" + key.keyPattern() + "' names '" + name
                        + "', which is itself made from a pattern.");
            }
            return value.n() != null ? value.n() : value.s();
        }

        private AttributeValue value(ItemAttribute attribute) {
            if (attribute.allowedValues() != null) {
                String value = attribute.allowedValues().get((number - 1) % attribute.allowedValues().size());
                return attribute.type() == ItemType.N ? AttributeValue.fromN(value) : AttributeValue.fromS(value);
            }
            return switch (attribute.type()) {
                case S -> AttributeValue.fromS(string(attribute));
                case N -> AttributeValue.fromN(number(attribute.minimum(), attribute.maximum()).toPlainString());
                case L -> AttributeValue.fromL(list(attribute));
                default -> scalar(attribute.type(), attribute.name(), 1);
            };
        }

        private List<AttributeValue> list(ItemAttribute attribute) {
            ItemType elementType = attribute.elementType() == null ? ItemType.S : attribute.elementType();
            int size = 1 + random.nextInt(MAX_LIST_SIZE);
            var elements = new ArrayList<AttributeValue>();
            for (int element = 1; element <= size; element++) {
                elements.add(scalar(elementType, attribute.name(), element));
            }
            return elements;
        }

        /** A value of a type the schema says nothing more of; a string numbered {@code element} within its list. */
        private AttributeValue scalar(ItemType type, String name, int element) {
            return switch (type) {
                case S -> AttributeValue.fromS(humanized(name) + " " + element);
                case N -> AttributeValue.fromN(number(null, null).toPlainString());
                case B -> {
                    byte[] bytes = new byte[16];
                    random.nextBytes(bytes);
                    yield AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
                }
                case BOOL -> AttributeValue.fromBool(number % 2 == 1);
                case L -> AttributeValue.fromL(List.of());
                case M -> AttributeValue.fromM(Map.of());
            };
        }

        private String string(ItemAttribute attribute) {
            if (attribute.format() == null) {
                return inKeys.contains(attribute.name())
                        ? attribute.name().toUpperCase(Locale.ROOT) + String.format("%04d", number)
                        : humanized(attribute.name()) + " " + number;
            }
            return switch (attribute.format()) {
                case UUID -> uuid();
                case EMAIL -> PEOPLE.get(random.nextInt(PEOPLE.size())) + number + "@" + DOMAIN;
                case DATE_TIME -> timestamp().toString();
                case DATE -> date().toString();
                case URI -> "https://" + DOMAIN + "/" + table + "/" + kebab(attribute.name()) + "/" + number;
            };
        }

        /** A random (version 4) UUID from the seeded generator, not the JVM's secure one. */
        private String uuid() {
            long most = random.nextLong() & ~0xF000L | 0x4000L;
            long least = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
            return new UUID(most, least).toString();
        }

        private Instant timestamp() {
            timestamp = timestamp == null
                    ? FIRST_TIMESTAMP.plusSeconds(random.nextInt(DAYS_SPREAD * 86_400))
                    : timestamp.plusSeconds(random.nextInt(DAYS_BETWEEN * 86_400));
            return timestamp.truncatedTo(ChronoUnit.SECONDS);
        }

        private LocalDate date() {
            date = date == null ? FIRST_DATE.plusDays(random.nextInt(DAYS_SPREAD))
                    : date.plusDays(1 + random.nextInt(DAYS_BETWEEN));
            return date;
        }

        /** Within the bounds, whole where both are whole; without bounds an amount with cents. */
        private BigDecimal number(BigDecimal minimum, BigDecimal maximum) {
            if (minimum == null && maximum == null) {
                return BigDecimal.valueOf(100 + random.nextInt(100_000), 2);
            }
            BigDecimal low = minimum != null ? minimum : maximum.subtract(BigDecimal.valueOf(1000));
            BigDecimal high = maximum != null ? maximum : minimum.add(BigDecimal.valueOf(1000));
            boolean whole = low.stripTrailingZeros().scale() <= 0 && high.stripTrailingZeros().scale() <= 0;
            BigDecimal span = high.subtract(low).add(whole ? BigDecimal.ONE : BigDecimal.ZERO);
            BigDecimal value = low.add(span.multiply(BigDecimal.valueOf(random.nextDouble())))
                    .setScale(whole ? 0 : 2, RoundingMode.FLOOR);
            return value.min(high).max(low);
        }
    }

    /** "organizationName" as "Organization name". */
    static String humanized(String name) {
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "termsConditionsLink" as "terms-conditions-link". */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
