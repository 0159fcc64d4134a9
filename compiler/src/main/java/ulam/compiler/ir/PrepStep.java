package ulam.compiler.ir;

import java.util.List;
import ulam.runtime.SourceLocation;

/**
 * One step of binding a model to its data, run by the generated constructor in order: read data
 * values, compute derived data, sizes and offsets, and check indices and lengths (each failure a
 * located error naming the value and the row).
 */
public sealed interface PrepStep {

    /** Dispatches on the kind of step: a new kind fails to compile until every visitor handles it. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of {@link PrepStep}. */
    interface Visitor<R> {
        R loadArray(LoadArray s);
        R loadScalar(LoadScalar s);
        R dataDim(DataDim s);
        R length(Length s);
        R levels(Levels s);
        R setInt(SetInt s);
        R allocate(Allocate s);
        R run(Run s);
        R function(Function s);
        R indexColumn(IndexColumn s);
        R checkOutcome(CheckOutcome s);
        R aggregate(Aggregate s);
        R group(Group s);
        R toInts(ToInts s);
        R inRange(InRange s);
        R checkSize(CheckSize s);
        R literalInRange(LiteralInRange s);
        R sameLength(SameLength s);
        R parameterColumns(ParameterColumns s);
        R textOccurs(TextOccurs s);
        R parameterCount(ParameterCount s);
    }

    /**
     * {@code slot = data.ints|reals|strings(name, at)} (by the slot's type); with {@code missing},
     * {@code data.realsWithMissing(name, at)} (NA as NaN, for a column feeding an imputed variable).
     */
    record LoadArray(Slot slot, String name, SourceLocation at, boolean missing) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.loadArray(this); }
        public LoadArray(Slot slot, String name, SourceLocation at) {
            this(slot, name, at, false);
        }
    }

    /** {@code slot = data.intScalar|realScalar(name, at)} (by the slot's type). */
    record LoadScalar(Slot slot, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.loadScalar(this); }
    }

    /** {@code slot = data.dims(name, at)[index]}: a dimension of a data matrix. */
    record DataDim(Slot slot, String name, int index, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.dataDim(this); }
    }

    /** {@code slot = array.length}. */
    record Length(Slot slot, Slot array) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.length(this); }
    }

    /** {@code slot = Checks.levels(index, name, at, notes)}: the number of levels of an index, max(index). */
    record Levels(Slot slot, Slot index, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.levels(this); }
    }

    /** {@code slot = value} for an INT slot. */
    record SetInt(Slot slot, IntExpr value) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.setInt(this); }
    }

    /** {@code array = new T[length]}. */
    record Allocate(Slot array, IntExpr length) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.allocate(this); }
    }

    /** Runs a forward-only segment (derived data, constants, bounds). */
    record Run(Segment segment) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.run(this); }
    }

    /**
     * {@code out = DataFunctions.method(args...)}: a whole-vector data function
     * ({@code standardize}, {@code seq}, {@code as_index}, {@code mean}); each argument is a slot
     * (array or scalar).
     */
    record Function(Slot out, Class<?> owner, String method, List<Slot> args, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.function(this); }
    }

    /** {@code slot = ModelSupport.asIndex(data, name, at)}: a data column coded as an index (text or numbers). */
    record IndexColumn(Slot slot, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.indexColumn(this); }
    }

    /**
     * {@code ModelSupport.checkOutcome(family, y, n, nConst, outcome, at)}: discrete outcomes
     * within their support ({@code n} null: every row has {@code nConst} trials).
     */
    record CheckOutcome(String family, Slot y, Slot n, IntExpr nConst, String outcome, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.checkOutcome(this); }
    }

    /**
     * {@code {rep, ySum, nSum} = ModelSupport.aggregate(keys, y, n, nConst)} and
     * {@code groups = rep.length}: rows of a bernoulli or binomial likelihood grouped by identical
     * predictors.
     */
    record Aggregate(List<Slot> keys, Slot y, Slot n, IntExpr nConst, Slot rep, Slot ySum, Slot nSum, Slot groups)
            implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.aggregate(this); }
    }

    /**
     * {@code {rep, count} = ModelSupport.groupRows(keys, rows)} and {@code groups = rep.length}:
     * rows equal in every key column grouped, for a line evaluated once per distinct row.
     */
    record Group(List<Slot> keys, IntExpr rows, Slot rep, Slot count, Slot groups) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.group(this); }
    }

    /** {@code intArray = Checks.toInts(realArray, name, at)}: derived data used as whole numbers. */
    record ToInts(Slot intArray, Slot realArray, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.toInts(this); }
    }

    /** {@code Checks.inRange(index, bound, name, at)}: an index within the size of what it indexes. */
    record InRange(Slot index, IntExpr bound, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.inRange(this); }
    }

    /**
     * {@code Checks.size(dims, shape, name, at)}: the sizes of a declared array, known only now,
     * are not negative and not too large.
     */
    record CheckSize(List<IntExpr> dims, String shape, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.checkSize(this); }
    }

    /** A literal index within a size known only now. */
    record LiteralInRange(int value, IntExpr bound, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.literalInRange(this); }
    }

    /** {@code Checks.sameLength(expected, actual, expectedName, actualName, at)}. */
    record SameLength(IntExpr expected, IntExpr actual, String expectedName, String actualName, SourceLocation at)
            implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.sameLength(this); }
    }

    /**
     * {@code ModelSupport.refuseParameterColumns(data, this, file, names, spans)}: the data must
     * not have a column named as a parameter ({@code names}, with where each is declared).
     */
    record ParameterColumns(List<String> names, List<SourceLocation> at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.parameterColumns(this); }
    }

    /**
     * {@code Checks.textOccurs(column, text, name, at, notes)}: a text compared with a column
     * occurs in it (an error when a value is a near spelling of it, else a warning).
     */
    record TextOccurs(Slot column, String text, String name, SourceLocation at) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.textOccurs(this); }
    }

    /**
     * {@code Checks.parameterCount(dimension, this, file, names, spans, counts)}: no more
     * unconstrained parameters than the limit; {@code names}, {@code at} and {@code counts} are
     * the vector and matrix parameters' (scalars add one each).
     */
    record ParameterCount(IntExpr dimension, List<String> names, List<SourceLocation> at, List<IntExpr> counts) implements PrepStep {
        @Override public <R> R accept(Visitor<R> v) { return v.parameterCount(this); }
    }
}
