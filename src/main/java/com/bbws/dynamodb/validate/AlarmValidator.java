package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.infra.TableAlarms;
import com.bbws.dynamodb.infra.TableAlarms.Alarm;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * The stack's CloudWatch alarms (infra/TableAlarms) as CloudWatch has them: each alarm's metric (or
 * metric math expression), threshold, period and actions. A missing or changed alarm is drift.
 */
public final class AlarmValidator {

    static final String ALARM = "alarm";

    private final CloudWatchClient cloudWatch;
    private final AwsCalls calls;

    public AlarmValidator(CloudWatchClient cloudWatch, String target) {
        this.cloudWatch = cloudWatch;
        this.calls = new AwsCalls("CloudWatch", target, cloudWatch);
    }

    /** One check per alarm the stack declares, in declaration order; none when the stack has no alarms. */
    public List<Check> validate(Catalogue catalogue, StackSettings settings) throws CannotCheckException {
        var checks = new ArrayList<Check>();
        for (Alarm alarm : TableAlarms.of(settings, catalogue.tables())) {
            List<MetricAlarm> found = calls.call("DescribeAlarms " + alarm.name(), () -> cloudWatch.describeAlarms(
                    request -> request.alarmNames(alarm.name())).metricAlarms());
            String expected = expected(alarm);
            checks.add(found.isEmpty() ? Check.fail(alarm.name(), ALARM, "missing; expected " + expected)
                    : Check.of(alarm.name(), ALARM, described(found.get(0)).equals(expected), described(found.get(0)),
                            expected));
        }
        return checks;
    }

    /** Where CloudWatch cannot be asked (an endpoint such as DynamoDB Local): each alarm, said to be not checkable. */
    public static List<Check> notCheckable(Catalogue catalogue, StackSettings settings, String why) {
        return TableAlarms.of(settings, catalogue.tables()).stream()
                .map(alarm -> Check.notCheckable(alarm.name(), ALARM, why)).toList();
    }

    private static String expected(Alarm alarm) {
        String measured = alarm.metric() != null
                ? metric(TableAlarms.STATISTIC, alarm.namespace(), alarm.metric(), alarm.dimensions(),
                        alarm.periodSeconds())
                : "expression " + alarm.expression();
        return rendered(measured, TableAlarms.COMPARISON, alarm.threshold(), alarm.evaluationPeriods(),
                List.of(alarm.topicArn()), List.of(alarm.topicArn()));
    }

    private static String described(MetricAlarm alarm) {
        String measured;
        if (alarm.metricName() != null) {
            var dimensions = new java.util.LinkedHashMap<String, String>();
            alarm.dimensions().forEach(dimension -> dimensions.put(dimension.name(), dimension.value()));
            measured = metric(alarm.statisticAsString(), alarm.namespace(), alarm.metricName(), dimensions,
                    alarm.period());
        } else {
            measured = alarm.metrics().stream().filter(query -> Boolean.TRUE.equals(query.returnData()))
                    .map(MetricDataQuery::expression).map(expression -> "expression " + expression)
                    .collect(Collectors.joining(", "));
            measured = measured.isEmpty() ? "no metric" : measured;
        }
        return rendered(measured, alarm.comparisonOperatorAsString(), alarm.threshold(), alarm.evaluationPeriods(),
                alarm.alarmActions(), alarm.okActions());
    }

    /** Dimensions in name order: CloudWatch does not keep the order they were given in. */
    private static String metric(String statistic, String namespace, String metric, Map<String, String> dimensions,
                                 Integer period) {
        return String.format("%s of %s %s %s every %s s", statistic, namespace, metric,
                new java.util.TreeMap<>(dimensions), period);
    }

    private static String rendered(String measured, String comparison, Double threshold, Integer periods,
                                   List<String> alarmActions, List<String> okActions) {
        String value = threshold == null ? "no threshold" : threshold == Math.rint(threshold)
                ? String.valueOf(threshold.longValue()) : String.valueOf(threshold);
        return String.format("%s, %s %s for %s period(s), alarm actions %s, OK actions %s", measured, comparison,
                value, periods, alarmActions, okActions);
    }
}
