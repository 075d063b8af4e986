package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.AlarmSettings;
import com.bbws.dynamodb.settings.Setting;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch alarms, sent to the stack's SNS topic: per table read and write throttle events and
 * system errors, per GSI read and write throttle events. None unless a topic is configured.
 */
public final class TableAlarms {

    static final String NAMESPACE = "AWS/DynamoDB";

    private TableAlarms() {
    }

    /** Declares the alarms of every table, or none when the stack names no SNS topic. */
    public static void declare(StackSettings settings, Collection<TableDefinition> tables) {
        if (settings.alarms().enabled()) {
            tables.forEach(definition -> declare(definition, settings));
        }
    }

    private static void declare(TableDefinition definition, StackSettings settings) {
        AlarmSettings alarms = settings.alarms();
        String table = definition.physicalName(settings.environment());
        for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
            alarm(settings, table + "-" + metric, Map.of("TableName", table), metric, alarms.throttleThreshold());
            for (GlobalSecondaryIndex index : definition.indexes()) {
                alarm(settings, table + "-" + index.name() + "-" + metric,
                        Map.of("TableName", table, "GlobalSecondaryIndexName", index.name()), metric,
                        alarms.throttleThreshold());
            }
        }
        systemErrors(settings, table);
    }

    private static void alarm(StackSettings settings, String subject, Map<String, String> dimensions, String metric,
                              int threshold) {
        AlarmSettings alarms = settings.alarms();
        String name = alarmName(settings, subject);
        new MetricAlarm(name, common(settings, name)
                .alarmDescription(String.format("%s of %s in stack %s", metric, dimensions.values(), settings.stack()))
                .namespace(NAMESPACE)
                .metricName(metric)
                .dimensions(new LinkedHashMap<>(dimensions))
                .statistic("Sum")
                .period(alarms.periodSeconds())
                .threshold((double) threshold)
                .build());
    }

    /** SystemErrors is reported per table and operation: the alarm sums every operation's. */
    private static void systemErrors(StackSettings settings, String table) {
        String name = alarmName(settings, table + "-SystemErrors");
        new MetricAlarm(name, common(settings, name)
                .alarmDescription(String.format("SystemErrors of %s (all operations) in stack %s", table, settings.stack()))
                .threshold((double) settings.alarms().errorThreshold())
                .metricQueries(MetricAlarmMetricQueryArgs.builder()
                        .id("errors")
                        .label("SystemErrors of " + table)
                        .returnData(true)
                        .expression(String.format("SUM(SEARCH('{%s,Operation,TableName} MetricName=\"SystemErrors\""
                                + " TableName=\"%s\"', 'Sum', %d))", NAMESPACE, table, settings.alarms().periodSeconds()))
                        .build())
                .build());
    }

    private static MetricAlarmArgs.Builder common(StackSettings settings, String name) {
        AlarmSettings alarms = settings.alarms();
        return MetricAlarmArgs.builder()
                .name(name)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .evaluationPeriods(alarms.evaluationPeriods())
                .treatMissingData("notBreaching")
                .alarmActions(List.of(alarms.topicArn()))
                .okActions(List.of(alarms.topicArn()))
                .tags(settings.tagsFor(name));
    }

    /** Stack, table (and index), metric: {@code bbws-dynamodb-sit-tenants-EmailIndex-ReadThrottleEvents}. */
    static String alarmName(StackSettings settings, String subject) {
        return Setting.PROJECT + "-" + settings.stack() + "-" + subject;
    }
}
