package ulam.compiler.check;

import java.util.ArrayList;
import java.util.List;
import ulam.compiler.ast.Expr;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;
import ulam.stdlib.Registry;
import static ulam.compiler.check.Syntax.indexOf;
import static ulam.compiler.check.Syntax.nearest;

/**
 * Shapes (language reference A.5): of data (scalar, vector or matrix, from the data's ranks or
 * from their uses), of parameters ({@code a[G]} has {@code max(G)} elements, declared types, the
 * types {@link TypeInference} infers), and of declared types and sizes for the other rooms.
 * Writes the shapes, element types and transforms of {@link CheckState#symbols}.
 */
final class Shapes {

    private final CheckState state;
    private final Typer typer;

    Shapes(CheckState state, Typer typer) {
        this.state = state;
        this.typer = typer;
    }

    void shapeData() {
        for (Symbol s : state.byKind(Kind.DATA)) {
            if (s.anonymous()) continue;   // made by the compiler, shaped when made
            int rank = state.schema == null ? -1 : state.schema.rank(s.name());
            if (rank == 0 || (rank < 0 && state.usedAsDim.contains(s.name()) && !state.usedAsIndex.contains(s.name()))) {
                s.shape(Shape.SCALAR);
            } else if (rank == 2 || (rank < 0 && state.usedAsMatrix.contains(s.name()))) {
                s.shape(new Shape.Matrix(new Size.Dim(s, 0), new Size.Dim(s, 1)));
            } else if (rank > 2) {
                throw state.error(s.span(), "'" + s.name() + "' has " + rank + " dimensions in the data; arrays beyond matrices "
                        + Unsupported.LATER, null);
            } else {
                s.shape(new Shape.Vector(new Size.Length(s)));
            }
        }
    }

    void shapeParameters() {
        for (Symbol p : state.byKind(Kind.PARAMETER)) {
            if (state.isImputed(p)) continue;   // shaped by its variable's missing values
            Statement st = p.statement();
            Statement.Target t = st.target();
            List<Expr> index = indexOf(t);
            Shape shape;
            if (st.type() != null) {
                if (!index.isEmpty()) {
                    // an array of vectors, vector[K]:v[g]: one row per level, v[g,k] its k-th element
                    if (!List.of("vector", "row_vector").contains(st.type().name()) || index.size() != 1) {
                        throw state.error(st.target().span(), "an array (" + st.type().name() + "[..]:" + p.name() + "[..]) can be of vectors "
                                + "with one index, vector[K]:" + p.name() + "[g]", null);
                    }
                    Shape.Vector each = (Shape.Vector) declared(st.type(), p);
                    p.shape(new Shape.Matrix(levels(index.get(0), p, "index"), each.length()));
                    p.elem(Elem.REAL);
                    continue;
                }
                shape = declared(st.type(), p);
                Registry.transform(st.type().name()).ifPresent(tr -> p.transform(tr, levels(st.type().dims().get(0), p, "size")));
            } else if (!index.isEmpty()) {
                List<Size> sizes = new ArrayList<>();
                for (Expr i : index) sizes.add(levels(i, p, "index"));
                if (sizes.size() == 1) {
                    shape = new Shape.Vector(sizes.get(0));
                } else if (sizes.size() == 2) {
                    shape = new Shape.Matrix(sizes.get(0), sizes.get(1));
                } else {
                    throw state.error(st.target().span(), "a parameter can have one index (a vector) or two (a matrix)", null);
                }
            } else {
                shape = Shape.SCALAR;   // an element prior's vector may be inferred (below)
            }
            p.shape(shape);
            p.elem(Elem.REAL);
        }
        new TypeInference(state, this::levels).infer(state.program);
        for (Symbol p : state.byKind(Kind.PARAMETER)) {
            if (p.statement() != null && p.statement().target() instanceof Statement.Target.Element e && p.statement().type() == null
                    && p.shape().isScalar()) {
                throw state.error(e.span(), "'" + e.name().written() + "[" + show(e.element()) + "]' gives a prior to one element, but '"
                        + p.name() + "' is not declared as a vector on its first line",
                        "declare it there, e.g. vector[2]:" + p.name() + "[[1]] ~ ...");
            }
        }
    }

    private static String show(Expr e) {
        return e instanceof Expr.Num n ? Integer.toString((int) n.value()) : "k";
    }

    /** A size written in a type or as an index on the left: a literal, an integer data scalar, or an index column (its levels). */
    Size levels(Expr e, Symbol of, String what) {
        if (e instanceof Expr.Num n) {
            if (!n.integer() || n.value() < 1) {
                throw state.error(e.span(), "a size must be a whole number of at least 1", null);
            }
            if (what.equals("index")) {
                throw state.error(e.span(), "a literal index on the left (" + of.name() + "[" + (int) n.value() + "] ~ ...) " + Unsupported.LATER,
                        "to give one element its own prior, element priors name[[k]] ~ ... come later; to declare a vector of "
                                + (int) n.value() + " write vector[" + (int) n.value() + "]:" + of.name() + " ~ ...");
            }
            return new Size.Const((int) n.value());
        }
        if (e instanceof Expr.Name n) {
            Symbol s = state.redirect.getOrDefault(n.name(), state.symbols.get(n.name()));
            if (s == null) throw state.error(e.span(), "unknown name '" + n.name() + "'", null);
            if (!s.isData()) {
                throw state.error(e.span(), "the size '" + n.name() + "' must be data, but it is a " + s.kind().description, null);
            }
            if (s.kind() == Kind.DATA && s.shape().isScalar()) return new Size.DataScalar(s);
            if (s.kind() == Kind.TRANSFORMED_DATA && derivedIsScalar(s)) return new Size.DataScalar(s);
            return new Size.Levels(s);
        }
        throw state.error(e.span(), "a size must be a whole number, a data value or an index column", null);
    }

    private boolean derivedIsScalar(Symbol s) {
        if (s.statement() == null) return false;   // made by the compiler (a prediction's shifted index)
        Expr rhs = s.statement().rhs();
        if (rhs instanceof Expr.Num) return true;
        return rhs instanceof Expr.Call c && (c.function().equals("length") || c.function().equals("max") || c.function().equals("sum"));
    }

    Shape declared(Statement.TypeDecl type, Symbol of) {
        List<Expr> dims = type.dims();
        switch (type.name()) {
            case "real", "int" -> {
                if (dims.isEmpty() || (dims.size() == 1 && dims.get(0) instanceof Expr.Num n && n.value() == 1)) return Shape.SCALAR;
                if (dims.size() == 1) return new Shape.Vector(levels(dims.get(0), of, "size"));
                if (dims.size() == 2) return new Shape.Matrix(levels(dims.get(0), of, "size"), levels(dims.get(1), of, "size"));
                throw state.error(type.span(), "arrays with more than two dimensions " + Unsupported.LATER, null);
            }
            case "vector", "row_vector" -> {
                if (dims.size() != 1) throw state.error(type.span(), type.name() + " takes one size: " + type.name() + "[n]", null);
                return new Shape.Vector(levels(dims.get(0), of, "size"));
            }
            case "matrix" -> {
                if (dims.size() != 2) throw state.error(type.span(), "matrix takes two sizes: matrix[rows, columns]", null);
                return new Shape.Matrix(levels(dims.get(0), of, "size"), levels(dims.get(1), of, "size"));
            }
            default -> {
                ulam.stdlib.TransformSpec t = Registry.transform(type.name()).orElse(null);
                if (t != null) {
                    if (dims.size() != 1) throw state.error(type.span(), type.name() + " takes one size: " + type.name() + "[K]", null);
                    Size k = levels(dims.get(0), of, "size");
                    return t.shape().startsWith("matrix") ? new Shape.Matrix(k, k) : new Shape.Vector(k);
                }
                String near = nearest(type.name(), List.of("real", "int", "vector", "row_vector", "matrix", "simplex", "ordered",
                        "positive_ordered", "corr_matrix", "cholesky_factor_corr", "cov_matrix", "cholesky_factor_cov"));
                throw state.error(type.span(), "unknown type '" + type.name() + "'", near != null ? "did you mean '" + near + "'?"
                        : "types are real, int, vector, row_vector and matrix");
            }
        }
    }

    void sameShapeAs(Shape declared, Shape actual, Span at) {
        if (declared instanceof Shape.Vector d && actual instanceof Shape.Vector a) {
            typer.sameSize(d.length(), a.length(), "the declared length and the value's", at);
        } else if (declared instanceof Shape.Matrix d && actual instanceof Shape.Matrix a) {
            typer.sameSize(d.rows(), a.rows(), "the declared rows and the value's", at);
            typer.sameSize(d.cols(), a.cols(), "the declared columns and the value's", at);
        } else {
            throw state.error(at, "declared a " + declared + " but the value is a " + actual, null);
        }
    }
}
