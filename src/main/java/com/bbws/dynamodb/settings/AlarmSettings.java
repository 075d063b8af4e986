package com.bbws.dynamodb.settings;

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
}
