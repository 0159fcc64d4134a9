package ulam.compiler.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Statement;
import static ulam.compiler.check.Syntax.names;

/**
 * The order in which locals are computed (language reference A.4): by dependency, source order
 * among independent ones; rejects a local defined in terms of itself (but for a recurrence,
 * {@link Locals#recurrence}) and cycles. Reads
 * {@link CheckState#definitions} and {@link CheckState#symbols}; writes nothing.
 */
final class LocalOrder {

    private final CheckState state;

    LocalOrder(CheckState state) {
        this.state = state;
    }

    static Map<String, Set<String>> localDeps(CheckState state) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        for (Map.Entry<String, Statement> e : state.definitions.entrySet()) {
            Set<String> d = new LinkedHashSet<>();
            Statement st = e.getValue();
            names(st.rhs(), n -> d.add(n.name()), n -> { });
            if (st.type() != null) for (Expr x : st.type().dims()) names(x, n -> d.add(n.name()), n -> { });
            d.remove(e.getKey());
            deps.put(e.getKey(), d);
        }
        return deps;
    }

    /** Locals in dependency order (A.4), source order among independent ones. */
    List<Symbol> orderLocals() {
        Map<String, Set<String>> deps = localDeps(state);
        for (Map.Entry<String, Statement> e : state.definitions.entrySet()) {
            Statement st = e.getValue();
            Set<String> self = new HashSet<>();
            names(st.rhs(), n -> self.add(n.name()), n -> { });
            if (self.contains(e.getKey()) && !Locals.recurrence(e.getKey(), st)) {
                throw state.error(st.rhs().span(), "'" + e.getKey() + "' is defined in terms of itself", null);
            }
            if (st.type() != null) {
                for (Expr dim : st.type().dims()) {
                    names(dim, n -> {
                        if (n.name().equals(e.getKey())) {
                            throw state.error(n.span(), "the size of '" + e.getKey() + "' cannot depend on '" + e.getKey() + "' itself",
                                    "give its size as a number or another data value");
                        }
                    }, n -> { });
                }
            }
        }
        List<Symbol> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<String> pending = new ArrayList<>(state.definitions.keySet());
        while (!pending.isEmpty()) {
            String ready = null;
            for (String name : pending) {
                boolean ok = true;
                for (String d : deps.get(name)) {
                    if (state.definitions.containsKey(d) && !done.contains(d)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    ready = name;
                    break;
                }
            }
            if (ready == null) {
                List<String> lines = new ArrayList<>();
                for (String n : pending) lines.add(n + " (line " + state.definitions.get(n).span().line() + ")");
                Statement first = state.definitions.get(pending.get(0));
                throw state.error(first.span(), "these lines depend on each other in a cycle: " + String.join(", ", lines),
                        "a local cannot be computed from itself, directly or through others");
            }
            pending.remove(ready);
            done.add(ready);
            order.add(state.symbols.get(ready));
        }
        return order;
    }
}
