package com.bbws.dynamodb.delivery;

import com.bbws.dynamodb.delivery.IamSimulator.Request;
import com.bbws.dynamodb.delivery.IamSimulator.Verdict;
import com.bbws.dynamodb.delivery.RequiredPermissions.Requirement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a role's policy must decide for a stack, checked by the IAM evaluator. Each problem is one line
 * naming the action, the resource, the verdict, the verdict required, and why the request is made.
 */
final class PolicyChecks {

    private PolicyChecks() {
    }

    /**
     * The deploy role: every request of every operation Allowed, except those the stack denies, which
     * must be ExplicitlyDenied (a missing grant is not enough: a later statement could add it).
     */
    static List<String> deployProblems(JsonObject policy, String stack, String accountId,
                                       List<Requirement> requirements) {
        var expected = new LinkedHashMap<Request, String>();
        var why = new LinkedHashMap<Request, Requirement>();
        for (Requirement requirement : requirements) {
            Request request = request(requirement);
            expected.merge(request, requirement.deniedIn(stack) ? IamSimulator.EXPLICITLY_DENIED : IamSimulator.ALLOWED,
                    (a, b) -> a.equals(IamSimulator.EXPLICITLY_DENIED) ? a : b);
            why.putIfAbsent(request, requirement);
        }
        var problems = new ArrayList<String>();
        for (Verdict verdict : IamSimulator.evaluate(policy, accountId, List.copyOf(expected.keySet()))) {
            String required = expected.get(verdict.request());
            if (!verdict.result().equals(required)) {
                problems.add(line(verdict, "must be " + required, why.get(verdict.request())));
            }
        }
        return problems;
    }

    /**
     * The preview role: every read request Allowed; every request made only to create, update or delete
     * (and every state write) not Allowed.
     */
    static List<String> previewProblems(JsonObject policy, String accountId, List<Requirement> requirements) {
        var reads = new LinkedHashMap<Request, Requirement>();
        requirements.stream().filter(Requirement::isRead).forEach(r -> reads.putIfAbsent(request(r), r));
        var writes = new LinkedHashMap<Request, Requirement>();
        requirements.stream().filter(r -> !r.isRead() && !reads.containsKey(request(r)))
                .forEach(r -> writes.putIfAbsent(request(r), r));
        var all = new ArrayList<Request>(reads.keySet());
        all.addAll(writes.keySet());
        var problems = new ArrayList<String>();
        for (Verdict verdict : IamSimulator.evaluate(policy, accountId, all)) {
            Requirement read = reads.get(verdict.request());
            if (read != null && !verdict.allowed()) {
                problems.add(line(verdict, "must be Allowed", read));
            } else if (read == null && verdict.allowed()) {
                problems.add(line(verdict, "but the preview role must not create, update or delete",
                        writes.get(verdict.request())));
            }
        }
        return problems;
    }

    /** The distinct requests of some requirements, e.g. to evaluate them against another policy. */
    static List<Request> requests(List<Requirement> requirements) {
        Set<Request> seen = new HashSet<>();
        var requests = new ArrayList<Request>();
        for (Requirement requirement : requirements) {
            if (seen.add(request(requirement))) {
                requests.add(request(requirement));
            }
        }
        return requests;
    }

    static Request request(Requirement requirement) {
        return new Request(requirement.action(), requirement.requestResource(), Map.copyOf(requirement.context()));
    }

    /** "dynamodb:CreateTable on arn:...: ImplicitlyDenied, must be Allowed (create aws:dynamodb/table:Table ...)" */
    private static String line(Verdict verdict, String required, Requirement requirement) {
        return String.format("%s on %s: %s, %s (%s)", verdict.request().action(), verdict.request().resource(),
                verdict.result(), required, requirement.purpose());
    }
}
