package ulam.stdlib;

import static ulam.stdlib.ValueType.INT;
import static ulam.stdlib.ValueType.REAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import ulam.stdlib.DistributionSpec.Arg;
import ulam.stdlib.DistributionSpec.LinkRewrite;
import ulam.stdlib.FunctionSpec.Kind;
import ulam.stdlib.data.DataFunctions;
import ulam.stdlib.math.Functions;

/** Builders for the registry's tables ({@link CoreTable} and the others): short, declarative entries. */
final class Tables {
    private Tables() {}

    /** An unconstrained real argument. */
    static Arg real(String name) {
        return new Arg(name, REAL, Support.REAL);
    }

    /** A real argument that must be &gt; 0 (a scale, a rate). */
    static Arg positive(String name) {
        return new Arg(name, REAL, Support.POSITIVE);
    }

    /** A real argument in (0, 1) (a probability). */
    static Arg unit(String name) {
        return new Arg(name, REAL, Support.UNIT);
    }

    /** An int argument (a number of trials); it must be data, so no constraint applies. */
    static Arg count(String name) {
        return new Arg(name, INT, Support.REAL);
    }

    /** A real vector or matrix argument, e.g. {@code shaped("mu", "vector[K]", Support.REAL)}. */
    static Arg shaped(String name, String shape, Support support) {
        return new Arg(name, REAL, support, shape);
    }

    /** An integer vector argument (data), e.g. {@code ints("y", "int[K]")}. */
    static Arg ints(String name, String shape) {
        return new Arg(name, INT, Support.REAL, shape);
    }

    /**
     * A BLOCK function of vectors and matrices with a hand-written adjoint
     * ({@code method} and {@code method + "Backward"} in {@code owner}; see {@link Signatures}).
     *
     * @param argShapes per argument "" (a scalar) or a shape such as {@code matrix[K,N]}
     */
    static FunctionSpec block(String name, Class<?> owner, String method, List<ValueType> args, List<String> argShapes,
                              String resultShape, String description, String... aliases) {
        return new FunctionSpec(name, List.of(aliases), owner, method, args, Kind.BLOCK, description, argShapes, resultShape);
    }

    static DistBuilder dist(String name, Class<?> implementation, String description) {
        return new DistBuilder(name, implementation, description);
    }

    static FunctionSpec scalar(String name, String method, int arity, String description,
                                       String... aliases) {
        return new FunctionSpec(name, List.of(aliases), Functions.class, method,
                Collections.nCopies(arity, REAL), Kind.SCALAR, description);
    }

    static FunctionSpec reduction(String name, String description) {
        return new FunctionSpec(name, List.of(), null, name, List.of(REAL), Kind.REDUCTION, description);
    }

    static FunctionSpec data(String name, String method, List<ValueType> args, String description) {
        return new FunctionSpec(name, List.of(), DataFunctions.class, method, args, Kind.DATA, description);
    }

    /** Collects one distribution entry; defaults: real outcome on the whole line, no bounds, no constant. */
    static final class DistBuilder {
        private final String name;
        private final Class<?> implementation;
        private final String description;
        private List<String> aliases = List.of();
        private ValueType outcome = REAL;
        private Support outcomeSupport = Support.REAL;
        private List<Arg> args = List.of();
        private int lowerArg = -1;
        private int upperArg = -1;
        private boolean hasConstant;
        private final List<LinkRewrite> links = new ArrayList<>();
        private String outcomeShape = "";
        private boolean hasCdf;

        DistBuilder(String name, Class<?> implementation, String description) {
            this.name = name;
            this.implementation = implementation;
            this.description = description;
        }

        DistBuilder aliases(String... names) {
            aliases = List.of(names);
            return this;
        }

        DistBuilder outcome(ValueType type, Support support) {
            outcome = type;
            outcomeSupport = support;
            return this;
        }

        DistBuilder args(Arg... list) {
            args = List.of(list);
            return this;
        }

        DistBuilder bounds(int lower, int upper) {
            lowerArg = lower;
            upperArg = upper;
            return this;
        }

        /** A vector or matrix outcome, e.g. {@code vector[K]}. */
        DistBuilder outcomeShape(String shape) {
            outcomeShape = shape;
            return this;
        }

        /** {@code lcdf}, {@code lccdf}, {@code lcdfGrad}, {@code lccdfGrad} exist (truncation). */
        DistBuilder withCdf() {
            hasCdf = true;
            return this;
        }

        DistBuilder withConstant() {
            hasConstant = true;
            return this;
        }

        DistBuilder link(int argIndex, String inverseLink, String target) {
            links.add(new LinkRewrite(argIndex, inverseLink, target));
            return this;
        }

        DistributionSpec build() {
            return new DistributionSpec(name, aliases, implementation, outcome, outcomeSupport, args,
                    lowerArg, upperArg, hasConstant, List.copyOf(links), description, outcomeShape, hasCdf);
        }
    }
}
