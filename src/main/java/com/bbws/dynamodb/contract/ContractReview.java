package com.bbws.dynamodb.contract;

import com.bbws.dynamodb.contract.Change.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stack's contract as the program generates it, against the committed file and, in a pull request,
 * against the base branch's file.
 * <ul>
 *   <li>The committed file must be exactly what the program generates (its acknowledgements kept), so a
 *       change to the contract always shows in review: otherwise {@link #OUT_OF_DATE}.</li>
 *   <li>Every destructive change since the base must be acknowledged: its exact text in the committed
 *       file's {@code acknowledgedDestructiveChanges} and not already in the base's (an acknowledgement is
 *       made in the change it accepts): otherwise {@link #UNACKNOWLEDGED}.</li>
 * </ul>
 *
 * @param file           the committed file, as the user named it (for messages)
 * @param expected       the generated contract with the committed file's acknowledgements: what the file must hold
 * @param committedText  the committed file's text, or empty when there is none
 * @param sinceCommitted the changes from the committed file to the program (empty when up to date)
 * @param base           where the base came from, or empty without a base
 * @param sinceBase      the changes from the base to the program
 * @param baseAcknowledgements the base's acknowledgements, which accept nothing new
 * @param unacknowledged the destructive changes since the base that no new acknowledgement accepts
 * @param damage         why the committed file, which is being rewritten, was not this stack's contract; or empty
 */
public record ContractReview(String file, Contract expected, Optional<String> committedText,
                             List<Change> sinceCommitted, Optional<String> base, List<Change> sinceBase,
                             List<String> baseAcknowledgements, List<Change> unacknowledged,
                             Optional<String> damage) {

    /** The committed file is the program's contract, and every destructive change is acknowledged. */
    public static final int OK = 0;
    /** The committed contract file is missing or differs from what the program generates. */
    public static final int OUT_OF_DATE = 3;
    /** A destructive change since the base is not acknowledged. */
    public static final int UNACKNOWLEDGED = 4;

    /**
     * @param generated the contract of what the program registers now
     * @param committed the committed file's text, if there is one
     * @param base      the base branch's contract and where it came from, if any
     */
    public static ContractReview of(String file, Contract generated, Optional<String> committed,
                                    Optional<Contract> base, String baseSource) {
        return review(file, generated, committed, committed.map(text -> requireStack(Contract.parse(text, file),
                generated.stack(), file)), base, baseSource, Optional.empty());
    }

    /**
     * The review of a rewrite of a committed file that could not be read as a contract (its acknowledgements
     * are lost, and the text says so).
     *
     * @param damage why the file is not the stack's contract
     */
    public static ContractReview replacing(String file, Contract generated, String damage, Optional<Contract> base,
                                           String baseSource) {
        return review(file, generated, Optional.empty(), Optional.empty(), base, baseSource, Optional.of(damage));
    }

    private static ContractReview review(String file, Contract generated, Optional<String> committed,
                                         Optional<Contract> committedContract, Optional<Contract> base,
                                         String baseSource, Optional<String> damage) {
        List<String> acknowledged = committedContract.map(Contract::acknowledgedDestructiveChanges).orElse(List.of());
        Contract expected = generated.withAcknowledgements(acknowledged);
        List<Change> sinceCommitted = committedContract.filter(c -> !committed.get().equals(expected.json()))
                .map(c -> ContractDiff.between(c, generated)).orElse(List.of());
        List<Change> sinceBase = base.map(b -> ContractDiff.between(b, generated)).orElse(List.of());
        List<String> baseAcknowledgements = base.map(Contract::acknowledgedDestructiveChanges).orElse(List.of());
        Set<String> newlyAcknowledged = new HashSet<>(acknowledged);
        newlyAcknowledged.removeAll(baseAcknowledgements);
        var unacknowledged = new ArrayList<Change>();
        sinceBase.stream().filter(change -> change.severity() == Severity.DESTRUCTIVE)
                .filter(change -> !newlyAcknowledged.contains(change.text())).forEach(unacknowledged::add);
        return new ContractReview(file, expected, committed, sinceCommitted,
                base.map(b -> baseSource), sinceBase, baseAcknowledgements, unacknowledged, damage);
    }

    /**
     * The contract itself, when it is the given stack's: comparing another stack's would report every name
     * that differs between environments as a change.
     *
     * @param source where it came from, for the message
     */
    public static Contract requireStack(Contract contract, String stack, String source) {
        if (!contract.stack().equals(stack)) {
            throw new ContractException(String.format("%s is the contract of stack '%s', not of '%s'.", source,
                    contract.stack(), stack));
        }
        return contract;
    }

    /** The acknowledgements the committed file holds and the base does not: those made in this change. */
    List<String> newAcknowledgements() {
        return expected.acknowledgedDestructiveChanges().stream()
                .filter(text -> !baseAcknowledgements.contains(text)).toList();
    }

    /** The committed file holds exactly what the program generates. */
    public boolean upToDate() {
        return committedText.isPresent() && committedText.get().equals(expected.json());
    }

    /**
     * An unacknowledged destructive change first (the graver), then an out-of-date file.
     *
     * @param written whether the command has just written {@link #expected} to the file
     */
    public int exitCode(boolean written) {
        return !unacknowledged.isEmpty() ? UNACKNOWLEDGED : written || upToDate() ? OK : OUT_OF_DATE;
    }

    /** For a reviewer: the file's state, then each change since the base with its class and consequence. */
    public String text(boolean written) {
        String stack = expected.stack();
        var out = new StringBuilder();
        if (written && damage.isPresent()) {
            out.append(String.format("Wrote %s, the contract of stack '%s', in place of a file that was not: %s%n"
                    + "Acknowledged destructive changes it may have held could not be read and are not kept; add"
                    + " them again if there were any (git diff %s shows the old file).%n", file, stack,
                    damage.get(), file));
        } else if (written) {
            out.append(String.format("Wrote %s, the contract of stack '%s'%s.%n", file, stack,
                    committedText.isEmpty() ? " (a new file)" : ""));
            if (committedText.isPresent()) {
                appendChanges(out, "Changes from the file as it was to the program", sinceCommitted, false);
            }
        } else if (committedText.isEmpty()) {
            out.append(String.format("%s is missing: there is no committed contract of stack '%s'. Write it with"
                    + " 'contract --stack %s --write' and commit it.%n", file, stack, stack));
        } else if (upToDate()) {
            out.append(String.format("%s is the contract the program generates for stack '%s'.%n", file, stack));
        } else {
            out.append(String.format("%s is not the contract the program generates for stack '%s': a change to the"
                    + " contract must update the file in the same commit, so it shows in review. Run 'contract"
                    + " --stack %s --write' and commit %s.%n", file, stack, stack, file));
            if (sinceCommitted.isEmpty()) {
                out.append(String.format("Changes from the committed file to the program: none in what a contract"
                        + " holds; the file differs in its layout or holds fields a contract does not have.%n"));
            } else {
                appendChanges(out, "Changes from the committed file to the program", sinceCommitted, false);
            }
        }
        base.ifPresent(source -> {
            appendChanges(out, "Changes from the base (" + source + ") to the program", sinceBase, true);
            var destructive = sinceBase.stream().filter(c -> c.severity() == Severity.DESTRUCTIVE).map(Change::text)
                    .toList();
            newAcknowledgements().stream().filter(text -> !destructive.contains(text)).forEach(text -> out.append(
                    String.format("Note: the acknowledgement '%s' matches no destructive change since the base; check"
                            + " its text against the lines above.%n", text)));
            if (!unacknowledged.isEmpty()) {
                out.append(String.format("%d destructive change(s) not acknowledged. If the data loss is intended"
                        + " (a migration is planned), add each text after 'destructive' above, exactly, to"
                        + " acknowledgedDestructiveChanges in %s, in this change (docs/contract.md).%n",
                        unacknowledged.size(), file));
            }
        });
        return out.toString();
    }

    private void appendChanges(StringBuilder out, String title, List<Change> changes, boolean acknowledgements) {
        if (changes.isEmpty()) {
            out.append(String.format("%s: none.%n", title));
            return;
        }
        out.append(String.format("%s (%d):%n", title, changes.size()));
        for (Change change : changes) {
            String mark = !acknowledgements || change.severity() != Severity.DESTRUCTIVE ? ""
                    : unacknowledged.contains(change) ? "  [NOT ACKNOWLEDGED]" : "  [acknowledged]";
            out.append(String.format("  %-12s %s%s%n", change.severity().label(), change.text(), mark));
            out.append(String.format("  %-12s %s%n", "", change.consequence()));
        }
    }
}
