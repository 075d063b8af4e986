package com.bbws.dynamodb.bench;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.Stream;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TableName;
import java.util.ArrayList;

/**
 * For the benchmark only: the platform's three tables plus synthetic ones shaped like the anchors'
 * extra tables (PK/SK, one ActiveIndex, a NEW_AND_OLD_IMAGES stream).
 */
final class SyntheticCatalogue {

    private SyntheticCatalogue() {
    }

    static Catalogue withTables(int total) {
        var tables = new ArrayList<>(BbwsTables.CATALOGUE.tables());
        for (int i = 0; tables.size() < total; i++) {
            tables.add(new TableDefinition("extra" + i, TableName.fixed("extra-" + i),
                    KeySchema.of(string("PK"), string("SK")),
                    java.util.List.of(GlobalSecondaryIndex.of("ActiveIndex", number("active"), string("SK"))),
                    Stream.enabled(Stream.ViewType.NEW_AND_OLD_IMAGES)));
        }
        return new Catalogue(tables);
    }
}
