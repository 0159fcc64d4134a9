package ulam.compiler.check;

import java.util.EnumSet;
import java.util.Set;
import ulam.compiler.ast.Span;
import ulam.compiler.ast.Statement;

/**
 * A name of the model after resolution: its kind, element type, shape and constraint, where it
 * is defined, and (for locals and derived data) its checked definition. Filled in by the
 * {@link Checker}; read-only afterwards.
 */
public final class Symbol {
    private final String name;
    private Kind kind;
    private Elem elem = Elem.REAL;
    private Shape shape = Shape.SCALAR;
    private Constraint constraint = Constraint.NONE;
    private Span span;
    private Statement statement;
    private final EnumSet<Elem> views = EnumSet.noneOf(Elem.class);
    private Loop loop;
    private TExpr value;
    private String dataFunction;
    private java.util.List<TExpr> dataFunctionArgs;
    private String link;
    private AExpr array;
    private Class<?> dataFunctionOwner;
    private boolean allowMissing;
    private ulam.stdlib.TransformSpec transform;
    private Size transformSize;
    private java.util.List<String> outputNames;

    Symbol(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** The (normalised) name. */
    public String name() { return name; }

    /** What it is. */
    public Kind kind() { return kind; }

    /** Element type: INT, REAL (STRING only for data read as text). */
    public Elem elem() { return elem; }

    /** Shape, with sizes known once data are bound. */
    public Shape shape() { return shape; }

    /** Constraint of a parameter (NONE for everything else). */
    public Constraint constraint() { return constraint; }

    /** Where it is declared: the defining line's left side, or the first prior. */
    public Span span() { return span; }

    /** The defining statement (locals, derived data) or first prior (parameters); null for data. */
    public Statement statement() { return statement; }

    /**
     * For data: the element types the model reads it as (INT for an index or count, REAL for a
     * number, STRING for a comparison with text); each becomes one array when data are bound.
     */
    public Set<Elem> views() { return views; }

    /** For vector-valued locals and derived data computed element by element: the loop; else null. */
    public Loop loop() { return loop; }

    /** For locals and derived data: the checked value of one element (in terms of {@link #loop()}); else null. */
    public TExpr value() { return value; }

    /** For derived data computed by a whole-vector data function ({@code standardize}, {@code seq}): its Java method; else null. */
    public String dataFunction() { return dataFunction; }

    /** The class of {@link #dataFunction()}, or null for the library's {@code DataFunctions}. */
    public Class<?> dataFunctionOwner() { return dataFunctionOwner; }

    /** For a data column: whether it is read with its NA (as NaN), because it feeds an imputed variable. */
    public boolean allowsMissing() { return allowMissing; }

    /** Arguments of {@link #dataFunction()}: {@link TExpr.Ref} with null index for whole vectors, or scalars. */
    public java.util.List<TExpr> dataFunctionArgs() { return dataFunctionArgs; }

    /**
     * For a materialized local: its whole value, computed into an array before the terms that
     * read it; else null (the local is inlined where used, from {@link #value()}).
     */
    public AExpr array() { return array; }

    /** Whether the value is computed into an array rather than inlined where used. */
    public boolean materialized() { return array != null; }

    /** Whether the compiler made it for a part of an expression (it has no name in the model). */
    public boolean anonymous() { return name.startsWith("#"); }

    /** For a parameter of a constrained vector or matrix type ({@code simplex[K]}, {@code corr_matrix[K]}): its transform; else null. */
    public ulam.stdlib.TransformSpec transform() { return transform; }

    /** The K of {@link #transform()}: a simplex's length, a correlation matrix's rows. */
    public Size transformSize() { return transformSize; }

    void transform(ulam.stdlib.TransformSpec t, Size k) {
        this.transform = t;
        this.transformSize = k;
    }

    /**
     * For a reported value: the names its elements are reported under, in column-major order
     * ({@code output_names = list(...)} of the wrapper, {@link OutputNames}); null for Stan's
     * names ({@code a[1]}, {@code b[1,2]}).
     */
    public java.util.List<String> outputNames() { return outputNames; }

    void outputNames(java.util.List<String> names) { this.outputNames = names; }

    /** For a local written {@code logit(p) <- ...}: the link ({@code logit}); else null. */
    public String link() { return link; }

    void kind(Kind k) { this.kind = k; }
    void elem(Elem e) { this.elem = e; }
    void shape(Shape s) { this.shape = s; }
    void constraint(Constraint c) { this.constraint = c; }
    void span(Span s) { this.span = s; }
    void statement(Statement s) { this.statement = s; }
    void define(Loop loop, TExpr value) { this.loop = loop; this.value = value; }
    void defineByFunction(String method, java.util.List<TExpr> args) {
        defineByFunction(null, method, args);
    }

    void defineByFunction(Class<?> owner, String method, java.util.List<TExpr> args) {
        this.dataFunctionOwner = owner;
        this.dataFunction = method;
        this.dataFunctionArgs = args;
    }

    void allowMissing() { this.allowMissing = true; }
    void link(String l) { this.link = l; }
    void defineArray(AExpr a) { this.array = a; }
    void view(Elem e) { views.add(e); }

    /** Whether it is data or derived data. */
    public boolean isData() {
        return kind == Kind.DATA || kind == Kind.TRANSFORMED_DATA;
    }

    @Override
    public String toString() {
        return name;
    }
}
