package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.delivery.IamSimulator.Request;
import com.bbws.dynamodb.delivery.IamSimulator.Verdict;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.bbws.dynamodb.validate.AwsValidation;
import com.bbws.dynamodb.validate.AwsWire;
import com.bbws.dynamodb.validate.DeployedStack;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request `validate` makes, as it went over the wire (to WireMock answering as AWS does), is
 * Allowed by the stack's preview role, proven by the IAM evaluator with the resource ARN and the
 * condition keys AWS gives that request: the preview role can run `validate`.
 */
class ValidateRequestsAllowedTest {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/");
    private static final Pattern OPERATION = Pattern.compile("/operation/(\\w+)$");

    static Stream<String> stacks() {
        return Stream.concat(Stacks.REAL.stream(), Stacks.EVERY_FEATURE.stream());
    }

    /** The committed preview policy of a real stack, or the one generated for an every-feature variant. */
    private static JsonObject previewPolicy(String stack, Plan plan) {
        return Stacks.REAL.contains(stack)
                ? RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve("preview-permissions.json"))
                : DeployPolicies.previewPermissions(RequiredPermissions.load().of(plan));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void every_request_validate_makes_is_allowed_by_the_preview_role(String stack) throws Exception {
        Plan plan = Stacks.plan(stack);
        StackSettings settings = StackSettingsReader.read(Stacks.stackOf(stack), ConfigSource.of(Stacks.config(stack)));
        List<Request> requests = new ArrayList<>();
        try (var wire = new AwsWire(); var services = wire.services()) {
            new DeployedStack(wire, settings).deployed();
            AwsValidation.run(services, BbwsTables.CATALOGUE, settings);
            for (LoggedRequest request : wire.requests()) {
                requests.add(asIamSeesIt(request, settings));
            }
        }

        List<Verdict> verdicts = IamSimulator.evaluate(previewPolicy(stack, plan), plan.accountId(), requests);

        assertThat(verdicts).as("requests of %s", stack).isNotEmpty()
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict.request()).isTrue());
        var actions = new TreeSet<String>();
        requests.forEach(request -> actions.add(request.action()));
        assertThat(actions).contains("sts:GetCallerIdentity", "dynamodb:DescribeTable", "ssm:GetParameter",
                "backup:DescribeBackupVault", "backup:ListBackupPlans", "backup:GetBackupPlan",
                "backup:ListBackupSelections", "backup:GetBackupSelection", "iam:GetRole",
                "iam:ListAttachedRolePolicies");
        if (settings.alarms().enabled()) {
            assertThat(actions).contains("cloudwatch:DescribeAlarms");
        }
        if (settings.createKmsKey()) {
            assertThat(actions).contains("kms:DescribeKey", "kms:GetKeyRotationStatus");
        }
    }

    /** The IAM action, resource ARN and request context of one SDK request, from what went over the wire. */
    static Request asIamSeesIt(LoggedRequest request, StackSettings settings) throws IOException {
        Matcher scope = SCOPE.matcher(request.getHeader("Authorization"));
        if (!scope.find()) {
            throw new AssertionError("unsigned request " + request.getUrl());
        }
        String region = scope.group(1);
        String service = scope.group(2);
        String account = settings.accountId();
        String body = request.getBodyAsString();
        return switch (service) {
            case "sts", "iam" -> {
                Map<String, String> form = form(body);
                String action = service + ":" + form.get("Action");
                yield service.equals("sts") ? new Request(action, "*", Map.of())
                        : new Request(action, "arn:aws:iam::" + account + ":role/" + form.get("RoleName"), Map.of());
            }
            case "dynamodb", "ssm", "kms" -> {
                JsonObject input = JsonParser.parseString(body).getAsJsonObject();
                String target = request.getHeader("X-Amz-Target");
                String action = service + ":" + target.substring(target.indexOf('.') + 1);
                if (service.equals("dynamodb")) {
                    yield new Request(action, input.has("ResourceArn") ? input.get("ResourceArn").getAsString()
                            : "arn:aws:dynamodb:" + region + ":" + account + ":table/"
                            + input.get("TableName").getAsString(), Map.of());
                }
                if (service.equals("ssm")) {
                    yield new Request(action, "arn:aws:ssm:" + region + ":" + account + ":parameter"
                            + input.get("Name").getAsString(), Map.of());
                }
                String key = input.get("KeyId").getAsString();
                if (key.startsWith("alias/")) {
                    // IAM authorizes a call by alias on the key behind it, with the alias in kms:RequestAlias
                    yield new Request(action, "arn:aws:kms:" + region + ":" + account + ":key/"
                            + RequiredPermissions.SAMPLE_ID, Map.of("kms:RequestAlias", key));
                }
                // the stack's own key carries the stack's tags (CustomerManagedKey)
                var context = new TreeMap<String, String>();
                settings.tagsFor(settings.resourceName()).forEach((tag, value) -> context.put("aws:ResourceTag/" + tag,
                        value));
                yield new Request(action, key, context);
            }
            case "backup" -> backup(request.getUrl(), region, account);
            case "monitoring" -> {
                Matcher operation = OPERATION.matcher(request.getUrl());
                assertThat(operation.find()).as(request.getUrl()).isTrue();
                Map<?, ?> input = new ObjectMapper(new CBORFactory()).readValue(request.getBody(), Map.class);
                List<?> names = (List<?>) input.get("AlarmNames");
                assertThat(names).as("DescribeAlarms names one alarm: IAM authorizes it on that alarm").hasSize(1);
                yield new Request("cloudwatch:" + operation.group(1), "arn:aws:cloudwatch:" + region + ":" + account
                        + ":alarm:" + names.get(0), Map.of());
            }
            default -> throw new AssertionError("a request to " + service + " that this test cannot read: "
                    + request.getUrl());
        };
    }

    /** AWS Backup's REST paths, as its API reference gives them. */
    private static Request backup(String url, String region, String account) {
        String path = url.split("\\?")[0];
        String plans = "arn:aws:backup:" + region + ":" + account + ":backup-plan:";
        Matcher matcher;
        if ((matcher = Pattern.compile("^/backup-vaults/([^/]+)$").matcher(path)).find()) {
            return new Request("backup:DescribeBackupVault", "arn:aws:backup:" + region + ":" + account
                    + ":backup-vault:" + matcher.group(1), Map.of());
        }
        if (path.equals("/backup/plans/")) {
            return new Request("backup:ListBackupPlans", "*", Map.of());
        }
        if ((matcher = Pattern.compile("^/backup/plans/([^/]+)/$").matcher(path)).find()) {
            return new Request("backup:GetBackupPlan", plans + matcher.group(1), Map.of());
        }
        if ((matcher = Pattern.compile("^/backup/plans/([^/]+)/selections/$").matcher(path)).find()) {
            return new Request("backup:ListBackupSelections", plans + matcher.group(1), Map.of());
        }
        if ((matcher = Pattern.compile("^/backup/plans/([^/]+)/selections/[^/]+$").matcher(path)).find()) {
            return new Request("backup:GetBackupSelection", plans + matcher.group(1), Map.of());
        }
        throw new AssertionError("an AWS Backup request this test cannot read: " + url);
    }

    private static Map<String, String> form(String body) {
        var form = new LinkedHashMap<String, String>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
