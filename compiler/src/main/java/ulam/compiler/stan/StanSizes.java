package ulam.compiler.stan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import ulam.compiler.check.Check;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Shape;
import ulam.compiler.check.Size;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExpr;
import ulam.compiler.check.Term;

/**
 * The sizes of a Stan program. The checker's sizes are symbolic ({@code length(P)}, {@code max(A)});
 * the sizes that the model's data checks require to be equal (a vector read row by row in a loop
 * over another's rows) form one class and get one name, declared as an {@code int} in the data
 * block. Names: {@code N} for the rows of the first likelihood, {@code N_A} for the number of
 * levels {@code max(A)} of an index {@code A}, {@code N_rows_x} for the length of another vector
 * {@code x}, {@code N_rows_D} and {@code N_cols_D} for a data matrix, {@code N_missing_x} for the
 * missing values of an imputed {@code x}. Literal sizes stay literal and a data scalar ({@code
 * vector[K]}) is its own name.
 */
final class StanSizes {

    /** A named size of the data block: its name and one size of its class (to compute its value). */
    record Named(String name, Size representative) {}

    /** Data functions whose result has one value per element of their first argument. */
    private static final Set<String> ROW_FUNCTIONS = Set.of("standardize", "asIndex", "missingMask", "imputeSlots");

    private final StanNames names;
    private final Consumer<Symbol> useData;
    private final Map<Size, Size> parent = new HashMap<>();
    private final Map<Size, String> classNames = new LinkedHashMap<>();
    private final List<Named> used = new ArrayList<>();
    private final Size main;

    /**
     * @param useData told of every data symbol a size reads ({@code vector[K]} reads {@code K})
     */
    StanSizes(ModelSpec spec, StanNames names, Consumer<Symbol> useData) {
        this.names = names;
        this.useData = useData;
        for (Check c : spec.checks()) {
            if (c instanceof Check.SameLength s) union(new Size.Length(s.vector()), s.count());
            else if (c instanceof Check.SameSize s) union(s.expected(), s.actual());
        }
        for (Symbol d : spec.derived()) {
            if (!(d.shape() instanceof Shape.Vector v) || !(v.length() instanceof Size.Length own) || own.symbol() != d) continue;
            if (d.loop() != null) {
                union(own, d.loop().count());   // computed row by row over another vector's rows
            } else if (d.dataFunction() != null && ROW_FUNCTIONS.contains(d.dataFunction()) && !d.dataFunctionArgs().isEmpty()
                    && d.dataFunctionArgs().get(0) instanceof TExpr.Ref r && r.index() == null && r.symbol().shape() instanceof Shape.Vector w) {
                union(own, w.length());   // one value per value of its argument
            }
        }
        Size first = null;
        for (Term t : spec.terms()) {
            if (t.likelihood() && t.loop() != null) {
                first = t.loop().count();
                break;
            }
        }
        this.main = first != null && atomic(first) ? find(first) : null;
    }

    private static boolean atomic(Size s) {
        return s instanceof Size.Length || s instanceof Size.Levels || s instanceof Size.Dim || s instanceof Size.Missing;
    }

    private Size find(Size s) {
        Size p = parent.getOrDefault(s, s);
        if (p.equals(s)) return s;
        Size root = find(p);
        parent.put(s, root);
        return root;
    }

    private void union(Size a, Size b) {
        if (!atomic(a) || !atomic(b)) return;
        Size ra = find(a);
        Size rb = find(b);
        if (!ra.equals(rb)) parent.put(rb, ra);
    }

    /** Whether two sizes are the same for every data set the model accepts (same literal, same class). */
    boolean same(Size a, Size b) {
        if (a.equals(b)) return true;
        if (atomic(a) && atomic(b)) return find(a).equals(find(b));
        if (a instanceof Size.Product p && b instanceof Size.Product q) return same(p.left(), q.left()) && same(p.right(), q.right());
        if (a instanceof Size.Sum p && b instanceof Size.Sum q) return same(p.left(), q.left()) && same(p.right(), q.right());
        int x = a.constant();
        return x >= 0 && x == b.constant();
    }

    /** The Stan expression of a size, naming (and recording as used) the class of an atomic size. */
    String text(Size s) {
        if (s instanceof Size.Const c) return Integer.toString(c.value());
        if (s instanceof Size.DataScalar d) {
            useData.accept(d.symbol());
            return names.of(d.symbol());
        }
        if (s instanceof Size.Product p) return factor(p.left()) + " * " + factor(p.right());
        if (s instanceof Size.Sum p) {
            String r = text(p.right());
            return text(p.left()) + (r.startsWith("-") ? " - " + r.substring(1) : " + " + r);
        }
        Size root = find(s);
        String n = classNames.get(root);
        if (n == null) {
            n = names.fresh(baseName(s, root));
            classNames.put(root, n);
            used.add(new Named(n, s));
        }
        return n;
    }

    private String factor(Size s) {
        String t = text(s);
        return s instanceof Size.Sum ? "(" + t + ")" : t;
    }

    private String baseName(Size s, Size root) {
        if (root.equals(main)) return names.taken("N") ? "N_obs" : "N";
        if (s instanceof Size.Levels l) return "N_" + StanNames.legal(l.symbol().name());
        if (s instanceof Size.Length l) return "N_rows_" + StanNames.legal(l.symbol().name());
        if (s instanceof Size.Dim d) return (d.index() == 0 ? "N_rows_" : "N_cols_") + StanNames.legal(d.symbol().name());
        return "N_missing_" + StanNames.legal(((Size.Missing) s).symbol().name());
    }

    /** The named sizes used so far: {@code N} first, then in order of first use. */
    List<Named> used() {
        List<Named> out = new ArrayList<>();
        for (Named n : used) if (main != null && find(n.representative()).equals(main)) out.add(n);
        for (Named n : used) if (!out.contains(n)) out.add(n);
        return out;
    }
}
