package io.borealis.api.validation;

import io.borealis.api.model.Constraint;
import io.borealis.api.model.TaskConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a job's scheduling constraints (aurora-features §1.12, §1.15): one constraint per
 * attribute; a constraint is either a set of values (possibly negated) or a positive limit; no
 * value is empty; a {@code dedicated} constraint is a plain value constraint with exactly one
 * value {@code ROLE/NAME} whose role is the job's own or {@code *}. Each message starts with the
 * attribute, quoted, so that it reads the same under the DSL's map syntax. Stateless.
 */
final class ConstraintRules {
    private ConstraintRules() {}

    static void check(List<Constraint> constraints, String role, List<Problem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < constraints.size(); i++) {
            Constraint constraint = constraints.get(i);
            String path = "constraints[" + i + "]";
            String attribute = constraint.attribute();
            if (attribute.isBlank()) {
                problems.add(new Problem(path + ".attribute", "must not be blank"));
                continue;
            }
            String named = "'" + attribute + "': ";
            if (!seen.add(attribute)) {
                problems.add(new Problem(path, named + "is constrained more than once; give one "
                        + "constraint per attribute"));
            }
            if (constraint.limit() != 0) {
                limit(constraint, path, named, problems);
            } else if (constraint.values().isEmpty()) {
                problems.add(new Problem(path, named + "needs values (such as 'a,b' or '!a') or "
                        + "a positive limit (such as 'limit:1')"));
            } else if (constraint.values().stream().anyMatch(String::isBlank)) {
                problems.add(new Problem(path, named + "holds an empty value"));
            }
            if (TaskConfig.DEDICATED_ATTRIBUTE.equals(attribute)) {
                dedicated(constraint, role, path, named, problems);
            }
        }
    }

    private static void limit(Constraint constraint, String path, String named,
            List<Problem> problems) {
        if (!constraint.values().isEmpty()) {
            problems.add(new Problem(path, named + "has both values and a limit; give one"));
        } else if (constraint.limit() < 0) {
            problems.add(new Problem(path, named + "limit must be a positive integer, got "
                    + constraint.limit()));
        }
        if (constraint.negated()) {
            problems.add(new Problem(path, named + "a limit cannot be negated"));
        }
    }

    /** Aurora's ConfigurationManager: a single-value value constraint naming the job's role. */
    private static void dedicated(Constraint constraint, String role, String path, String named,
            List<Problem> problems) {
        if (constraint.limit() != 0) {
            problems.add(new Problem(path, named + "must be a value such as '" + role
                    + "/NAME' or '*/NAME', not a limit"));
            return;
        }
        if (constraint.negated()) {
            problems.add(new Problem(path, named + "cannot be negated: a dedicated job names the "
                    + "one group of hosts it runs on"));
        }
        if (constraint.values().size() > 1) {
            problems.add(new Problem(path, named + "must have exactly one value, got "
                    + constraint.values().size() + " " + constraint.values()));
        }
        for (String value : constraint.values()) {
            int slash = value.indexOf('/');
            String owner = slash < 0 ? "" : value.substring(0, slash);
            if (slash <= 0 || slash == value.length() - 1) {
                problems.add(new Problem(path, named + "'" + value + "' must be ROLE/NAME or "
                        + "*/NAME"));
            } else if (!owner.equals("*") && !owner.equals(role)) {
                problems.add(new Problem(path, named + "'" + value + "' names role '" + owner
                        + "'; a dedicated constraint must name the job's role '" + role
                        + "' or '*'"));
            }
        }
    }
}
