package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.AlarmSettings;
import com.bbws.dynamodb.settings.Setting;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import java.util.ArrayList;
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
    /** Every alarm's: one period at or above the threshold raises it. */
    public static final String COMPARISON = "GreaterThanOrEqualToThreshold";
    /** A metric's sum over a period. */
    public static final String STATISTIC = "Sum";

    /**
     * One alarm the stack declares: either on one metric ({@code metric} and {@code dimensions}) or on a
     * metric math expression ({@code expression}, which carries its own period).
     *
     * @param name              the alarm's physical name
     * @param metric            the AWS/DynamoDB metric, or null for an expression alarm
     * @param dimensions        the metric's dimensions, in order (empty for an expression alarm)
     * @param expression        the metric math expression, or null for a metric alarm
     * @param threshold         the value at or above which a period breaches
     * @param periodSeconds     the period of a metric alarm (an expression alarm's is in the expression)
     * @param evaluationPeriods the periods in a row that must breach
     * @param topicArn          the SNS topic told when the alarm fires and when it is OK again
     */
    public record Alarm(String name, String description, String metric, Map<String, String> dimensions,
                        String expression, String label, double threshold, int periodSeconds, int evaluationPeriods,
                        String topicArn) {

        public Alarm {
            dimensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        }

        public String namespace() {
            return NAMESPACE;
        }
    }

    private TableAlarms() {
    }

    /** Declares the alarms of every table, or none when the stack names no SNS topic. */
    public static void declare(StackSettings settings, Collection<TableDefinition> tables) {
        for (Alarm alarm : of(settings, tables)) {
            var args = MetricAlarmArgs.builder()
                    .name(alarm.name())
                    .alarmDescription(alarm.description())
                    .comparisonOperator(COMPARISON)
                    .evaluationPeriods(alarm.evaluationPeriods())
                    .threshold(alarm.threshold())
                    .treatMissingData("notBreaching")
                    .alarmActions(List.of(alarm.topicArn()))
                    .okActions(List.of(alarm.topicArn()))
                    .tags(settings.tagsFor(alarm.name()));
            if (alarm.metric() != null) {
                args.namespace(NAMESPACE)
                        .metricName(alarm.metric())
                        .dimensions(new LinkedHashMap<>(alarm.dimensions()))
                        .statistic(STATISTIC)
                        .period(alarm.periodSeconds());
            } else {
                args.metricQueries(MetricAlarmMetricQueryArgs.builder()
                        .id("errors")
                        .label(alarm.label())
                        .returnData(true)
                        .expression(alarm.expression())
                        .build());
            }
            new MetricAlarm(alarm.name(), args.build());
        }
    }

    /** The alarms of every table, in declaration order; none when the stack names no SNS topic. */
    public static List<Alarm> of(StackSettings settings, Collection<TableDefinition> tables) {
        var alarms = new ArrayList<Alarm>();
        if (settings.alarms().enabled()) {
            tables.forEach(definition -> alarms.addAll(of(definition, settings)));
        }
        return alarms;
    }

    private static List<Alarm> of(TableDefinition definition, StackSettings settings) {
        AlarmSettings alarms = settings.alarms();
        String table = definition.physicalName(settings.environment());
        var declared = new ArrayList<Alarm>();
        for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
            declared.add(alarm(settings, table + "-" + metric, Map.of("TableName", table), metric,
                    alarms.throttleThreshold()));
            for (GlobalSecondaryIndex index : definition.indexes()) {
                var dimensions = new LinkedHashMap<String, String>();
                dimensions.put("TableName", table);
                dimensions.put("GlobalSecondaryIndexName", index.name());
                declared.add(alarm(settings, table + "-" + index.name() + "-" + metric, dimensions, metric,
                        alarms.throttleThreshold()));
            }
        }
        declared.add(systemErrors(settings, table));
        return declared;
    }

    private static Alarm alarm(StackSettings settings, String subject, Map<String, String> dimensions, String metric,
                               int threshold) {
        AlarmSettings alarms = settings.alarms();
        return new Alarm(alarmName(settings, subject),
                String.format("%s of %s in stack %s", metric, dimensions.values(), settings.stack()),
                metric, dimensions, null, null, threshold, alarms.periodSeconds(), alarms.evaluationPeriods(),
                alarms.topicArn());
    }

    /** SystemErrors is reported per table and operation: the alarm sums every operation's. */
    private static Alarm systemErrors(StackSettings settings, String table) {
        AlarmSettings alarms = settings.alarms();
        return new Alarm(alarmName(settings, table + "-SystemErrors"),
                String.format("SystemErrors of %s (all operations) in stack %s", table, settings.stack()),
                null, Map.of(),
                String.format("SUM(SEARCH('{%s,Operation,TableName} MetricName=\"SystemErrors\" TableName=\"%s\"',"
                        + " 'Sum', %d))", NAMESPACE, table, alarms.periodSeconds()),
                "SystemErrors of " + table, alarms.errorThreshold(), alarms.periodSeconds(),
                alarms.evaluationPeriods(), alarms.topicArn());
    }

    /** Stack, table (and index), metric: {@code bbws-dynamodb-sit-tenants-EmailIndex-ReadThrottleEvents}. */
    static String alarmName(StackSettings settings, String subject) {
        return Setting.PROJECT + "-" + settings.stack() + "-" + subject;
    }
}
