package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code adoptTables}: ids of catalogue tables that exist already and are imported, not created. */
final class AdoptedTables {

    private AdoptedTables() {
    }

    static Set<String> read(ConfigReader reader, Catalogue catalogue) {
        Optional<String> value = reader.text(Setting.ADOPT_TABLES);
        if (value.isEmpty()) {
            return Set.of();
        }
        List<String> ids = ConfigReader.stringList(value.get());
        List<String> known = catalogue.tables().stream().map(TableDefinition::id).toList();
        if (ids == null) {
            reader.problem(Setting.ADOPT_TABLES, String.format("must be a list of table ids (%s), was %s.",
                    String.join(", ", known), Echo.quote(value.get())));
            return Set.of();
        }
        var adopted = new LinkedHashSet<String>();
        for (String id : ids) {
            if (!known.contains(id)) {
                reader.problem(Setting.ADOPT_TABLES, String.format("%s is not a table; the tables are %s.",
                        Echo.quote(id), String.join(", ", known)));
            } else if (!adopted.add(id)) {
                reader.problem(Setting.ADOPT_TABLES, String.format("'%s' is listed twice.", id));
            }
        }
        return adopted;
    }
}
