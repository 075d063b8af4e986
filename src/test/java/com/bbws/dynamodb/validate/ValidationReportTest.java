package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text report of {@code validate}: what AWS answers is printed with its unprintable characters escaped. */
class ValidationReportTest {

    @Test
    void a_tag_value_or_name_aws_returns_cannot_forge_lines_or_send_a_terminal_escape() {
        var report = new ValidationReport("prod", "AWS account 123456789012 in af-south-1", List.of(
                Check.fail("bbws-tenants-prod", "tags", "Owner is 'x\nPASS          bbws-tenants-prod  all fine"
                        + "\u001b[32m', expected 'platform'"),
                Check.pass("bbws-alarm\r\u202e", "alarm", "ok\tfine")));

        assertThat(report.text()).isEqualTo("""
                FAIL          bbws-tenants-prod   tags   Owner is 'x\\nPASS          bbws-tenants-prod  all fine\
                \\u001b[32m', expected 'platform'
                PASS          bbws-alarm\\r\\u202e  alarm  ok\\tfine

                Stack 'prod' at AWS account 123456789012 in af-south-1: 1 passed, 1 failed, 0 not checkable here.
                """.replace("\n", System.lineSeparator()));
        // the JSON report holds them as they are, JSON-escaped
        assertThat(report.json()).contains("\"detail\": \"Owner is 'x\\nPASS ").contains("\\u001b[32m");
    }
}
