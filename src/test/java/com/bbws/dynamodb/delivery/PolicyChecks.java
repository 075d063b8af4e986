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
import java.util.function.Function;

/**
 * What a role's policy must decide for a stack, checked by the IAM evaluator. Each problem is one line
 * naming the action, the resource, the verdict, the verdict required, and why the request is made.
 */
final class PolicyChecks {

    private PolicyChecks() {
    }

    /** What a request must not be: any verdict but Allowed passes. */
    private static final String NOT_ALLOWED = "not Allowed";

    /**
     * The everyday deploy role: every request of every operation Allowed, except those the stack denies,
     * which must be ExplicitlyDenied (a missing grant is not enough: a later statement could add it), and
     * those needed only while a replica is added, which must not be Allowed (ExplicitlyDenied where the
     * stack denies them).
     */
    static List<String> deployProblems(JsonObject policy, String stack, String accountId,
                                       List<Requirement> requirements) {
        return problems(policy, accountId, requirements, r -> r.deniedIn(stack) ? IamSimulator.EXPLICITLY_DENIED
                : r.replicaChange() ? NOT_ALLOWED : IamSimulator.ALLOWED);
    }

    /**
     * The deploy role while a replica is added: every request Allowed, those needed only for the new
     * replica included, except the deletes the stack denies, which stay ExplicitlyDenied.
     */
    static List<String> addReplicaProblems(JsonObject policy, String stack, String accountId,
                                           List<Requirement> requirements) {
        return problems(policy, accountId, requirements, r -> r.deniedIn(stack) && !r.replicaChange()
                ? IamSimulator.EXPLICITLY_DENIED : IamSimulator.ALLOWED);
    }

    private static List<String> problems(JsonObject policy, String accountId, List<Requirement> requirements,
                                         Function<Requirement, String> verdictRequired) {
        var expected = new LinkedHashMap<Request, String>();
        var why = new LinkedHashMap<Request, Requirement>();
        for (Requirement requirement : requirements) {
            Request request = request(requirement);
            // one request needed by two entries: the stricter verdict holds
            expected.merge(request, verdictRequired.apply(requirement), (a, b) -> STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b);
            why.putIfAbsent(request, requirement);
        }
        var problems = new ArrayList<String>();
        for (Verdict verdict : IamSimulator.evaluate(policy, accountId, List.copyOf(expected.keySet()))) {
            String required = expected.get(verdict.request());
            boolean met = required.equals(NOT_ALLOWED) ? !verdict.allowed() : verdict.result().equals(required);
            if (!met) {
                problems.add(line(verdict, "must be " + required, why.get(verdict.request())));
            }
        }
        return problems;
    }

    /** Verdicts required, from the most permissive to the strictest. */
    private static final List<String> STRICTNESS = List.of(IamSimulator.ALLOWED, NOT_ALLOWED,
            IamSimulator.EXPLICITLY_DENIED);

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
