package com.bbws.dynamodb.settings;

import com.google.gson.JsonObject;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch alarms on the tables, sent to an SNS topic; none unless a topic is configured.
 *
 * @param topicArn          the SNS topic the alarms notify, or null for no alarms
 * @param throttleThreshold read or write throttle events in one period that raise an alarm
 * @param errorThreshold    system errors in one period that raise an alarm
 * @param periodSeconds     the length of one period
 * @param evaluationPeriods how many periods in a row must breach
 */
public record AlarmSettings(String topicArn, int throttleThreshold, int errorThreshold, int periodSeconds,
                            int evaluationPeriods) {

    public static final AlarmSettings NONE = new AlarmSettings(null, 1, 1, 60, 1);

    public boolean enabled() {
        return topicArn != null;
    }

    /*
     * CloudWatch's PutMetricAlarm: "An alarm's total current evaluation period can be no longer than seven
     * days, so Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a
     * period of less than one hour (3,600 seconds), the total evaluation period can't be longer than one
     * day (86,400 seconds)." (CloudWatch API Reference, PutMetricAlarm, Period; as in
     * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudwatch/aws.sdk.kotlin.services.cloudwatch.model/-put-metric-alarm-request/period.html)
     */
    /** The longest evaluation range (period x evaluation periods) of an alarm, in seconds: seven days. */
    static final long MAX_EVALUATION_SECONDS = 604_800;
    /** The longest evaluation range of an alarm whose period is under {@link #LONG_PERIOD_SECONDS}: one day. */
    static final long MAX_SHORT_PERIOD_EVALUATION_SECONDS = 86_400;
    static final int LONG_PERIOD_SECONDS = 3_600;

    /*
     * The periods under a minute both accept. CloudWatch's PutMetricAlarm, Period: "Valid values are 10, 20,
     * 30, and any multiple of 60." terraform-provider-aws, which pulumi-aws bridges, checks the same in
     * aws_cloudwatch_metric_alarm's `period` (internal/service/cloudwatch/metric_alarm.go:
     * validation.Any(validation.IntInSlice([]int{10, 20, 30}), validation.IntDivisibleBy(60))); it allowed
     * only 10 and 30 (and multiples of 60) until hashicorp/terraform-provider-aws#42390 (issue #42389, April
     * 2025, "expected period to be one of [10 30], got 20" on v5.94.1). pulumi-aws 6.83.0, the version in
     * pom.xml, has that change: its MetricAlarmArgs documents period as "Valid values are `10`, `20`, `30`, or
     * any multiple of `60`", the provider's documentation changed by the same pull request.
     */
    private static final Set<Integer> SHORT_PERIODS = Set.of(10, 20, 30);

    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws(?:-cn|-us-gov)?:sns:([a-z0-9-]+):(\\d{12}):[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");

    /**
     * The stack's {@code alarms}. The topic must be in the stack's region: CloudWatch notifies SNS
     * topics of the alarm's own region only. It may be in another account (a central alerting
     * account), whose topic policy must let CloudWatch publish: that cannot be checked from here.
     */
    static AlarmSettings read(ConfigReader reader, AwsTarget target) {
        JsonObject object = reader.object(Setting.ALARMS,
                Set.of("topicArn", "throttleThreshold", "errorThreshold", "periodSeconds", "evaluationPeriods"));
        if (object == null) {
            return NONE;
        }
        String topic = reader.text(Setting.ALARMS, object, "topicArn", null);
        if (topic == null) {
            reader.problem(Setting.ALARMS, "topicArn is required: the SNS topic the alarms notify.");
        } else {
            Matcher arn = TOPIC_ARN.matcher(topic);
            if (!arn.matches()) {
                reader.problem(Setting.ALARMS, String.format("topicArn %s is not an SNS topic ARN"
                        + " (arn:aws:sns:<region>:<account>:<topic>).", Echo.quote(topic)));
            } else if (target.region() != null && !arn.group(1).equals(target.region())) {
                reader.problem(Setting.ALARMS, String.format("topicArn is in %s but the alarms are in %s;"
                        + " CloudWatch notifies topics of its own region only.", arn.group(1), target.region()));
            }
        }
        int period = reader.whole(Setting.ALARMS, object, "periodSeconds", NONE.periodSeconds(), 10);
        if (!SHORT_PERIODS.contains(period) && period % 60 != 0) {
            reader.problem(Setting.ALARMS, String.format("periodSeconds %d is not a CloudWatch period; use 10, 20, 30"
                    + " or a multiple of 60.", period));
        }
        int evaluationPeriods = reader.whole(Setting.ALARMS, object, "evaluationPeriods", NONE.evaluationPeriods(), 1);
        long range = (long) period * evaluationPeriods;
        long limit = period < LONG_PERIOD_SECONDS ? MAX_SHORT_PERIOD_EVALUATION_SECONDS : MAX_EVALUATION_SECONDS;
        if (range > limit) {
            reader.problem(Setting.ALARMS, String.format("periodSeconds %d x evaluationPeriods %d is %d seconds;"
                    + " CloudWatch evaluates an alarm over at most %d (%s)%s, so lower evaluationPeriods or"
                    + " periodSeconds.", period, evaluationPeriods, range, limit,
                    limit == MAX_EVALUATION_SECONDS ? "seven days" : "one day",
                    limit == MAX_EVALUATION_SECONDS ? "" : " when the period is under " + LONG_PERIOD_SECONDS));
        }
        return new AlarmSettings(topic,
                reader.whole(Setting.ALARMS, object, "throttleThreshold", NONE.throttleThreshold(), 1),
                reader.whole(Setting.ALARMS, object, "errorThreshold", NONE.errorThreshold(), 1),
                period,
                evaluationPeriods);
    }
}
