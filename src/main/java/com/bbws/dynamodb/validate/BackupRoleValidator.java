package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.infra.Backups;
import com.bbws.dynamodb.settings.StackSettings;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The backup role (infra/Backups) as IAM has it: only AWS Backup may assume it, it has the stack's
 * permissions boundary, and AWS Backup's service policy is the one policy attached to it.
 */
public final class BackupRoleValidator {

    static final String TRUST = "role trust";
    static final String BOUNDARY = "role boundary";
    static final String ATTACHED = "attached policy";
    /** Policy elements whose value may be one string or a list of them: compared as lists. */
    private static final Set<String> LISTS = Set.of("Statement", "Action", "NotAction", "Resource", "NotResource",
            "Service", "AWS", "Federated");

    private final IamClient iam;
    private final AwsCalls calls;

    public BackupRoleValidator(IamClient iam, String target) {
        this.iam = iam;
        this.calls = new AwsCalls("IAM", target, iam);
    }

    /** The role's trust and boundary, and its attached policy; none when the stack has no backups. */
    public List<Check> validate(StackSettings settings) throws CannotCheckException {
        if (!settings.backup().enabled()) {
            return List.of();
        }
        String name = Backups.roleName(settings);
        var role = calls.find("GetRole " + name, () -> iam.getRole(request -> request.roleName(name)).role());
        if (role.isEmpty()) {
            return List.of(Check.fail(name, TRUST, "role missing; expected " + expectedTrust()),
                    Check.fail(name, BOUNDARY, "role missing; expected " + Backups.roleBoundaryArn(settings)),
                    Check.fail(name, ATTACHED, "role missing; expected " + Backups.SERVICE_POLICY));
        }
        return List.of(trust(name, role.get()), boundary(name, role.get(), settings), attached(name));
    }

    /** Where IAM cannot be asked (an endpoint such as DynamoDB Local): each check, said to be not checkable. */
    public static List<Check> notCheckable(StackSettings settings, String why) {
        if (!settings.backup().enabled()) {
            return List.of();
        }
        String name = Backups.roleName(settings);
        return List.of(Check.notCheckable(name, TRUST, why), Check.notCheckable(name, BOUNDARY, why),
                Check.notCheckable(name, ATTACHED, why));
    }

    private static Check trust(String name, Role role) {
        // IAM returns the trust policy URL-encoded, as it was written
        String document = role.assumeRolePolicyDocument() == null ? ""
                : URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        JsonElement found;
        try {
            found = normalized(JsonParser.parseString(document));
        } catch (JsonParseException e) {
            return Check.fail(name, TRUST, "not a JSON policy: " + CallFailures.oneLine(document));
        }
        boolean holds = found.equals(normalized(JsonParser.parseString(Backups.ASSUME_ROLE_POLICY)));
        return Check.of(name, TRUST, holds, holds ? expectedTrust() : CallFailures.oneLine(document), expectedTrust());
    }

    private static String expectedTrust() {
        return "only backup.amazonaws.com may assume it " + Backups.ASSUME_ROLE_POLICY;
    }

    /** The policy with every element that may be a string or a list made a list, so both spellings compare equal. */
    private static JsonElement normalized(JsonElement element) {
        if (element.isJsonObject()) {
            var copy = new JsonObject();
            element.getAsJsonObject().entrySet().forEach(entry -> {
                JsonElement value = normalized(entry.getValue());
                if (LISTS.contains(entry.getKey()) && !value.isJsonArray()) {
                    var list = new JsonArray();
                    list.add(value);
                    value = list;
                }
                copy.add(entry.getKey(), value);
            });
            return copy;
        }
        if (element.isJsonArray()) {
            var copy = new JsonArray();
            element.getAsJsonArray().forEach(item -> copy.add(normalized(item)));
            return copy;
        }
        return element;
    }

    private static Check boundary(String name, Role role, StackSettings settings) {
        String found = role.permissionsBoundary() == null ? "none" : role.permissionsBoundary().permissionsBoundaryArn();
        String expected = Backups.roleBoundaryArn(settings);
        return Check.of(name, BOUNDARY, expected.equals(found), found, expected);
    }

    private Check attached(String name) throws CannotCheckException {
        var attached = new TreeSet<String>();
        String marker = null;
        do {
            String from = marker;
            var page = calls.call("ListAttachedRolePolicies " + name,
                    () -> iam.listAttachedRolePolicies(request -> request.roleName(name).marker(from)));
            page.attachedPolicies().stream().map(AttachedPolicy::policyArn).forEach(attached::add);
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        var found = new ArrayList<>(attached);
        return Check.of(name, ATTACHED, found.equals(List.of(Backups.SERVICE_POLICY)),
                found.isEmpty() ? "none" : String.join(", ", found), Backups.SERVICE_POLICY + " only");
    }
}
