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
        if (period != 10 && period != 30 && period % 60 != 0) {
            reader.problem(Setting.ALARMS, String.format("periodSeconds %d is not a CloudWatch period; use 10, 30 or a"
                    + " multiple of 60.", period));
        }
        return new AlarmSettings(topic,
                reader.whole(Setting.ALARMS, object, "throttleThreshold", NONE.throttleThreshold(), 1),
                reader.whole(Setting.ALARMS, object, "errorThreshold", NONE.errorThreshold(), 1),
                period,
                reader.whole(Setting.ALARMS, object, "evaluationPeriods", NONE.evaluationPeriods(), 1));
    }
}
