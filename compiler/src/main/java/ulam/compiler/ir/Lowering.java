package ulam.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ulam.compiler.check.AExpr;
import ulam.compiler.check.ArrayArg;
import ulam.compiler.check.CentredPriors;
import ulam.compiler.check.Check;
import ulam.compiler.check.Elem;
import ulam.compiler.check.Kind;
import ulam.compiler.check.Loop;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.check.Shape;
import ulam.compiler.check.Size;
import ulam.compiler.check.Symbol;
import ulam.compiler.check.TExpr;
import ulam.compiler.check.TExprs;
import ulam.compiler.check.Term;
import ulam.compiler.parse.Source;
import ulam.runtime.SourceLocation;
import ulam.runtime.UlamException;
import ulam.runtime.data.Checks;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;
import ulam.stdlib.ValueType;

/**
 * Stage 4 of the compiler: a checked model to {@link ModelIR}. Model locals are inlined where
 * they are used (so a likelihood over rows computes its linear model row by row, and the fused
 * adjoint needs no stored intermediates); data are read once into typed arrays; sizes, offsets and
 * data checks become constructor steps; each {@code ~} line becomes one segment, marked with its
 * {@link Segment.Role}. The IR is not optimised here: {@link Passes#run} rewrites it afterwards.
 */
public final class Lowering {

    /** What a segment is for: how references to locals and reported values are read. */
    private enum Mode {
        /** Binding data: only data and constants. */
        PREP,
        /** The log density: locals and transformed parameters are inlined. */
        MODEL,
        /** A draw: transformed parameters and generated quantities are read back from the output array. */
        WRITE
    }

    private final ModelSpec spec;
    private final Source source;
    private final List<Slot> slots = new ArrayList<>();
    private final List<PrepStep> prep = new ArrayList<>();
    private final Map<Symbol, Map<Elem, Slot>> dataSlots = new IdentityHashMap<>();
    private final Map<Symbol, Slot> lengthSlots = new IdentityHashMap<>();
    private final Map<Symbol, Slot> levelSlots = new IdentityHashMap<>();
    private final Set<Symbol> sizeChecked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Symbol, Slot> offsets = new IdentityHashMap<>();
    private final Map<TExpr, Slot> dataCalls = new HashMap<>();
    private final Map<String, Slot> dims = new HashMap<>();
    /** Where each materialized symbol's elements live: an array slot from an offset. */
    private record Storage(Slot slot, IntExpr offset) {}
    private final Map<Symbol, Storage> stores = new IdentityHashMap<>();
    /** Work arrays written while evaluating (materialized locals) and their lengths, allocated per instance. */
    private final Map<Slot, IntExpr> workArrays = new LinkedHashMap<>();
    /** Each term's segment to its line, and the data slots' names (ModelIR#termLines, #dataNames). */
    private final Map<Segment, SourceLocation> termLines = new IdentityHashMap<>();
    private final Map<Slot, ModelIR.DataName> dataNames = new HashMap<>();
    private final Map<List<Segment>, Map<TExpr, Slot>> reductions = new IdentityHashMap<>();
    private final Slot theta;
    private final Slot out;
    private final Slot lpConst;
    private final Slot lpDropped;
    /** Scratch: one line's dropped summands, before they are added to {@link #lpDropped}. */
    private final Slot droppedLine;
    private List<Segment> pending;

    private Lowering(ModelSpec spec) {
        this.spec = spec;
        this.source = spec.source();
        this.theta = slot(Slot.Type.REAL_ARRAY, "theta: constrained parameters", true);
        this.out = slot(Slot.Type.REAL_ARRAY, "output array", false);
        this.lpConst = slot(Slot.Type.REAL, "log density constant", false);
        this.lpDropped = slot(Slot.Type.REAL, "summands Stan's ~ leaves out", false);
        this.droppedLine = slot(Slot.Type.REAL, "summands Stan's ~ leaves out of one line", false);
    }

    /**
     * Lowers a checked model.
     *
     * @throws UlamException for a form the IR cannot express yet, located
     */
    public static ModelIR lower(ModelSpec spec) {
        return new Lowering(spec).run();
    }

    private Slot slot(Slot.Type type, String label, boolean adjoint) {
        Slot s = new Slot(slots.size(), type, label, adjoint);
        slots.add(s);
        return s;
    }

    private SourceLocation at(Symbol s) {
        return source.at(s.span());
    }

    private ModelIR run() {
        if (!spec.mode().predicting()) {
            prep.add(new PrepStep.ParameterColumns(spec.parameters().stream().map(Symbol::name).toList(),
                    spec.parameters().stream().map(this::at).toList()));
        }
        for (Symbol d : spec.data()) loadData(d);
        List<Check> checks = new ArrayList<>(spec.checks());
        for (Symbol t : spec.derived()) {
            checksReady(checks);   // the sizes a derived value is computed with are checked before it is
            derive(t);
        }
        for (Symbol p : spec.parameters()) checkSize(p);
        for (Symbol g : spec.generated()) checkSize(g);
        for (Symbol m : spec.materialized()) checkSize(m);
        List<ModelIR.Param> params = new ArrayList<>();
        IntExpr total = new IntExpr.Const(0);
        IntExpr qTotal = new IntExpr.Const(0);
        // each offset is the previous one plus its count (never the sum of all counts before it):
        // code and depth stay constant per parameter, however many there are
        for (Symbol p : spec.parameters()) {
            Slot offset = intSlot("offset of " + p.name(), total);
            Slot count = intSlot("count of " + p.name(), size(p.shape().count()));
            offsets.put(p, offset);
            total = add(IntExpr.of(offset), IntExpr.of(count));
            Slot qOffset = intSlot("unconstrained offset of " + p.name(), qTotal);
            Slot qCount = count;
            Slot k = null;
            if (p.transform() != null) {
                k = intSlot("size of " + p.name(), size(p.transformSize()));
                qCount = slot(Slot.Type.INT, "unconstrained count of " + p.name(), false);
                prep.add(new PrepStep.Function(qCount, p.transform().implementation(), "unconstrainedSize", List.of(k), at(p)));
            }
            qTotal = add(IntExpr.of(qOffset), IntExpr.of(qCount));
            Segment boundCode = Segment.straight("bounds of " + p.name());
            Slot lower = p.constraint().lower() == null ? null : bound(p, p.constraint().lower(), "lower", boundCode);
            Slot upper = p.constraint().upper() == null ? null : bound(p, p.constraint().upper(), "upper", boundCode);
            params.add(new ModelIR.Param(p.name(), offset, count, lower, upper, at(p), qOffset, qCount, p.transform(), k,
                    boundCode.sinks().isEmpty() ? null : boundCode));
        }
        Slot dimension = intSlot("dimension", qTotal);
        if (!spec.mode().predicting()) {   // the fit's data were accepted already
            List<String> names = new ArrayList<>();
            List<SourceLocation> where = new ArrayList<>();
            List<IntExpr> counts = new ArrayList<>();
            for (ModelIR.Param p : params) {
                if (p.qCount().isConstant() && (Integer) p.qCount().constant() <= 1) continue;
                names.add(p.name());
                where.add(p.at());
                counts.add(IntExpr.of(p.qCount()));
            }
            prep.add(new PrepStep.ParameterCount(IntExpr.of(dimension), names, where, counts));
        }
        Slot thetaCount = intSlot("constrained parameter values", total);
        List<ModelIR.Output> outputs = new ArrayList<>();
        for (Symbol p : spec.parameters()) outputs.add(new ModelIR.Output(p.name(), dims(p.shape()), offsets.get(p), p.outputNames()));
        IntExpr outTotal = IntExpr.of(thetaCount);
        for (Symbol g : spec.generated()) {
            Slot offset = intSlot("output offset of " + g.name(), outTotal);
            offsets.put(g, offset);
            outputs.add(new ModelIR.Output(g.name(), dims(g.shape()), offset, g.outputNames()));
            outTotal = add(IntExpr.of(offset), size(g.shape().count()));
        }
        Slot outputCount = intSlot("output count", outTotal);
        for (Check c : checks) check(c);

        List<Segment> modelProducers = new ArrayList<>();
        List<Symbol> generatedMaterialized = new ArrayList<>();
        pending = modelProducers;
        for (Symbol m : spec.materialized()) {
            if (m.kind() == Kind.GENERATED) {
                generatedMaterialized.add(m);
                continue;
            }
            Slot slot = slot(Slot.Type.REAL_ARRAY, "materialized " + m.name(), true);
            workArrays.put(slot, size(m.shape().count()));
            stores.put(m, new Storage(slot, new IntExpr.Const(0)));
            modelProducers.addAll(produce(m, Mode.MODEL));
        }
        List<Segment> density = new ArrayList<>(modelProducers);
        pending = density;
        List<Slot> constants = new ArrayList<>();
        Segment zero = Segment.straight("summands Stan's ~ leaves out, from 0");
        zero.set(lpDropped, zero.constReal(0));
        prep.add(new PrepStep.Run(zero));
        for (Term t : spec.terms()) {
            if (t.likelihood() && spec.mode().priorOnly()) continue;   // sampling the prior
            Segment term = term(t);
            density.add(term);
            termLines.put(term, source.at(t.statement().span()));
            if (t.likelihood() && t.density() != null && t.density().distribution().hasConstant()) constants.add(constant(t));
            if (dropped(t)) {   // added to the total at once: no field per line (20,000 lines must fit a class)
                Segment add = Segment.straight("summands Stan's ~ leaves out, plus " + t.lhs().name());
                add.set(lpDropped, add.realOp(Value.Op.DADD, add.slot(lpDropped), add.slot(droppedLine)));
                prep.add(new PrepStep.Run(add));
            }
        }
        sum("log density constant", constants, lpConst);

        List<Segment> generate = new ArrayList<>(modelProducers);
        pending = generate;
        for (Symbol g : generatedMaterialized) {
            if (g.anonymous()) {
                Slot slot = slot(Slot.Type.REAL_ARRAY, "materialized " + g.name(), false);
                workArrays.put(slot, size(g.shape().count()));
                stores.put(g, new Storage(slot, new IntExpr.Const(0)));
            } else {
                stores.put(g, new Storage(out, IntExpr.of(offsets.get(g))));   // written straight into the draw
            }
        }
        for (Symbol g : spec.materialized()) {
            if (g.kind() != Kind.GENERATED) continue;
            if (g.anonymous()) generate.addAll(produce(g, Mode.WRITE));
        }
        for (Symbol g : spec.generated()) {
            if (g.materialized() && g.kind() == Kind.GENERATED) {
                generate.addAll(produce(g, Mode.WRITE));
            } else if (g.materialized()) {
                generate.add(copyToOutput(g));
            } else {
                generate.add(write(g));
            }
        }

        List<Segment> logLik = new ArrayList<>(modelProducers);
        pending = logLik;
        IntExpr obs = new IntExpr.Const(0);
        Map<Symbol, Slot> outcomeOffsets = new LinkedHashMap<>();   // lines on one outcome add into its observations (A.8)
        for (Term t : spec.likelihoods()) {
            Slot offset = outcomeOffsets.get(t.lhs());
            if (offset == null) {
                offset = intSlot("log-likelihood offset of " + t.lhs().name(), obs);
                outcomeOffsets.put(t.lhs(), offset);
                obs = add(IntExpr.of(offset), t.loop() == null ? new IntExpr.Const(1) : size(t.loop().count()));
            }
            logLik.add(pointwise(t, offset));
        }
        Slot observations = intSlot("observations", obs);
        return new ModelIR(spec.name(), source.file(), source.text(), spec.options(), spec.notes(),
                CentredPriors.advice(spec), List.copyOf(slots),
                List.copyOf(prep), params, outputs, density, generate, logLik, theta, out, lpConst, lpDropped, dimension, thetaCount, outputCount,
                observations, Collections.unmodifiableMap(new LinkedHashMap<>(workArrays)), Collections.unmodifiableMap(termLines),
                Map.copyOf(dataNames));   // workArrays in insertion order: Map.copyOf's order varies between JVM runs, and the class bytes with it
    }

    /** A prep step setting {@code target} to the sum of {@code slots}. */
    /** Rows of one summing segment: 400 additions keep its method far below the JVM's 64 KB. */
    private static final int SUM_CHUNK = 400;

    private void sum(String name, List<Slot> slots, Slot target) {
        if (slots.size() > SUM_CHUNK) {   // partial sums first (a model with thousands of ~ lines)
            List<Slot> parts = new ArrayList<>();
            for (int from = 0; from < slots.size(); from += SUM_CHUNK) {
                Slot part = slot(Slot.Type.REAL, name + ", part " + (parts.size() + 1), false);
                sum(name + ", part " + (parts.size() + 1), slots.subList(from, Math.min(slots.size(), from + SUM_CHUNK)), part);
                parts.add(part);
            }
            sum(name, parts, target);
            return;
        }
        Segment seg = Segment.straight(name);
        Value c = seg.constReal(0);
        for (Slot s : slots) c = seg.realOp(Value.Op.DADD, c, seg.slot(s));
        seg.set(target, c);
        prep.add(new PrepStep.Run(seg));
    }

    private static IntExpr add(IntExpr a, IntExpr b) {
        return IntExpr.add(a, b);
    }

    /** An INT slot set to {@code value} when the data are bound; a constant slot when {@code value} is one. */
    private Slot intSlot(String label, IntExpr value) {
        if (value instanceof IntExpr.Const c) {
            Slot s = new Slot(slots.size(), Slot.Type.INT, label, false, c.value());
            slots.add(s);
            return s;
        }
        Slot s = slot(Slot.Type.INT, label, false);
        prep.add(new PrepStep.SetInt(s, value));
        return s;
    }

    /**
     * The sizes of an array known only when the data are bound are checked then, before anything
     * is allocated or counted with them ({@code vector[N]:a} with {@code N = -1}, a matrix of
     * 100000 x 100000 elements).
     */
    private void checkSize(Symbol s) {
        if (s.shape().isScalar() || s.shape().count().constant() >= 0 && s.shape().count().constant() <= Checks.MAX_LEVELS) return;
        if (!sizeChecked.add(s)) return;
        prep.add(new PrepStep.CheckSize(dims(s.shape()), s.shape().toString(), s.name(), at(s)));
    }

    private List<IntExpr> dims(Shape shape) {
        if (shape instanceof Shape.Vector v) return List.of(size(v.length()));
        if (shape instanceof Shape.Matrix m) return List.of(size(m.rows()), size(m.cols()));
        return List.of();
    }

    // ------------------------------------------------------------------ data

    private void loadData(Symbol d) {
        for (Elem view : d.views()) {
            boolean scalar = d.shape().isScalar();
            Slot.Type type = switch (view) {
                case INT -> scalar ? Slot.Type.INT : Slot.Type.INT_ARRAY;
                case STRING -> Slot.Type.STRING_ARRAY;
                default -> scalar ? Slot.Type.REAL : Slot.Type.REAL_ARRAY;
            };
            Slot s = slot(type, "data " + d.name() + " (" + view.name().toLowerCase() + ")", false);
            prep.add(scalar && view != Elem.STRING ? new PrepStep.LoadScalar(s, d.name(), at(d))
                    : new PrepStep.LoadArray(s, d.name(), at(d), d.allowsMissing() && view == Elem.REAL));
            dataSlots.computeIfAbsent(d, k -> new EnumMap<>(Elem.class)).put(view, s);
            dataNames.put(s, new ModelIR.DataName(d.name(), null));
        }
    }

    private void derive(Symbol t) {
        boolean scalar = t.shape().isScalar();
        Elem computed = t.elem();
        Slot.Type type = computed == Elem.INT ? (scalar ? Slot.Type.INT : Slot.Type.INT_ARRAY)
                : computed == Elem.STRING ? Slot.Type.STRING_ARRAY : (scalar ? Slot.Type.REAL : Slot.Type.REAL_ARRAY);
        Slot s = slot(type, "derived " + t.name(), false);
        dataSlots.computeIfAbsent(t, k -> new EnumMap<>(Elem.class)).put(computed, s);
        String derivedName = t.name() + (t.anonymous() ? "" : " (derived data, line " + t.span().line() + ")");
        dataNames.put(s, new ModelIR.DataName(derivedName, null));
        if (t.materialized()) {
            checkSize(t);
            prep.add(new PrepStep.Allocate(s, size(t.shape().count())));
            stores.put(t, new Storage(s, new IntExpr.Const(0)));
            for (Segment seg : produce(t, Mode.PREP)) prep.add(new PrepStep.Run(seg));
        } else if (ulam.compiler.check.Checker.COLUMN_INDEX.equals(t.dataFunction())) {
            prep.add(new PrepStep.IndexColumn(s, ((TExpr.Str) t.dataFunctionArgs().get(0)).value(), at(t)));
        } else if (t.dataFunction() != null) {
            List<Slot> args = new ArrayList<>();
            boolean real = t.dataFunction().equals("standardize");
            for (TExpr a : t.dataFunctionArgs()) args.add(dataArgument(a, real));
            Class<?> owner = t.dataFunctionOwner() != null ? t.dataFunctionOwner() : dataFunctionOwner();
            prep.add(new PrepStep.Function(s, owner, t.dataFunction(), args, at(t)));
        } else if (scalar) {
            Segment seg = Segment.straight("derived " + t.name());
            Value v = lower(t.value(), seg, Map.of(), Mode.PREP);
            seg.set(s, computed == Elem.INT ? v : seg.real(v));
            prep.add(new PrepStep.Run(seg));
        } else {
            Loop loop = t.loop();
            IntExpr count = size(loop.count());
            prep.add(new PrepStep.Allocate(s, count));
            Segment seg = Segment.loop("derived " + t.name());
            seg.count(count.in(seg));
            Value v = lower(t.value(), seg, Map.of(loop, seg.counter()), Mode.PREP);
            if (computed == Elem.REAL) v = seg.real(v);
            seg.store(s, seg.counter(), v);
            prep.add(new PrepStep.Run(seg));
        }
        if (!scalar) {
            Slot len = slot(Slot.Type.INT, "length of " + t.name(), false);
            prep.add(new PrepStep.Length(len, s));
            lengthSlots.put(t, len);
        }
        if (t.views().contains(Elem.INT) && computed == Elem.REAL) {
            Slot ints = slot(scalar ? Slot.Type.INT : Slot.Type.INT_ARRAY, "derived " + t.name() + " (int)", false);
            if (scalar) {
                throw source.error(t.span(), "'" + t.name() + "' is used as a whole number but computed as a real number",
                        "compute it from whole numbers");
            }
            prep.add(new PrepStep.ToInts(ints, s, t.name(), at(t)));
            dataNames.put(ints, new ModelIR.DataName(derivedName, null));
            dataSlots.get(t).put(Elem.INT, ints);
        }
    }

    private static Class<?> dataFunctionOwner() {
        FunctionSpec f = Registry.function("standardize").orElseThrow();
        return f.implementation();
    }

    /**
     * A whole-vector or scalar argument of a data function, as a slot; {@code real} asks for a
     * real vector (integer data are converted).
     */
    private Slot dataArgument(TExpr a, boolean real) {
        if (a instanceof TExpr.Ref r && r.index() == null && !r.symbol().shape().isScalar()) {
            Symbol d = r.symbol();
            if (r.elem() == Elem.STRING) return dataSlot(d, Elem.STRING);
            Slot s = dataSlot(d, real ? Elem.REAL : d.elem() == Elem.INT ? Elem.INT : Elem.REAL);
            if (real && s.type() == Slot.Type.INT_ARRAY) {
                Slot conv = slot(Slot.Type.REAL_ARRAY, d.name() + " as reals", false);
                prep.add(new PrepStep.Function(conv, ulam.runtime.model.ModelSupport.class, "toReals", List.of(s), null));
                dataSlots.get(d).put(Elem.REAL, conv);
                return conv;
            }
            return s;
        }
        Segment seg = Segment.straight("argument");
        Value v = lower(a, seg, Map.of(), Mode.PREP);
        Slot s = slot(v.type() == Value.Type.INT ? Slot.Type.INT : Slot.Type.REAL, "argument", false);
        seg.set(s, v.type() == Value.Type.INT ? v : seg.real(v));
        prep.add(new PrepStep.Run(seg));
        return s;
    }

    /** The slot holding a data value as {@code elem}, made on demand (INT from a real column is checked). */
    private Slot dataSlot(Symbol d, Elem elem) {
        Map<Elem, Slot> views = dataSlots.get(d);
        if (views == null && d.kind() == Kind.DATA && d.shape().isScalar() && elem != Elem.STRING) {
            // a data scalar read only by a size check (simplex[K] on a data column): loaded on demand
            Slot s = slot(elem == Elem.INT ? Slot.Type.INT : Slot.Type.REAL, "data " + d.name() + " (" + elem.name().toLowerCase() + ")", false);
            prep.add(new PrepStep.LoadScalar(s, d.name(), at(d)));
            dataSlots.computeIfAbsent(d, k -> new EnumMap<>(Elem.class)).put(elem, s);
            dataNames.put(s, new ModelIR.DataName(d.name(), null));
            return s;
        }
        if (views == null) throw new IllegalStateException("no data slot for " + d.name());
        Slot s = views.get(elem);
        if (s != null) return s;
        if (elem == Elem.REAL && views.containsKey(Elem.INT)) return views.get(Elem.INT);   // converted on read
        throw new IllegalStateException("no " + elem + " view of " + d.name() + ": the checker's views are incomplete");
    }

    private Slot length(Symbol d) {
        Slot s = lengthSlots.get(d);
        if (s != null) return s;
        Map<Elem, Slot> views = dataSlots.get(d);
        s = slot(Slot.Type.INT, "length of " + d.name(), false);
        if (views == null || views.isEmpty()) {   // read for its length alone (a prediction's outcome): ask the data
            prep.add(new PrepStep.DataDim(s, d.name(), 0, at(d)));
        } else {
            prep.add(new PrepStep.Length(s, views.values().iterator().next()));
        }
        lengthSlots.put(d, s);
        return s;
    }

    private Slot levels(Symbol d) {
        Slot s = levelSlots.get(d);
        if (s != null) return s;
        Slot values = dataSlot(d, Elem.INT);
        if (values.type() == Slot.Type.INT) return values;   // the levels of one whole number (N <- TRUE): its value
        s = slot(Slot.Type.INT, "levels of " + d.name(), false);
        prep.add(new PrepStep.Levels(s, values, d.name(), at(d)));
        levelSlots.put(d, s);
        return s;
    }

    /** A size as a constructor-time integer. */
    private IntExpr size(Size size) {
        return size.accept(new Size.Visitor<IntExpr>() {
            @Override public IntExpr constant(Size.Const c) { return new IntExpr.Const(c.value()); }
            @Override public IntExpr length(Size.Length l) { return IntExpr.of(Lowering.this.length(l.symbol())); }
            @Override public IntExpr levels(Size.Levels l) { return IntExpr.of(Lowering.this.levels(l.symbol())); }
            @Override public IntExpr dataScalar(Size.DataScalar d) { return IntExpr.of(dataSlot(d.symbol(), Elem.INT)); }
            @Override public IntExpr sum(Size.Sum p) { return IntExpr.add(size(p.left()), size(p.right())); }
            @Override public IntExpr product(Size.Product p) { return IntExpr.mul(size(p.left()), size(p.right())); }

            @Override
            public IntExpr dim(Size.Dim d) {
                Slot s = dims.computeIfAbsent(d.symbol().name() + "#" + d.index(), k -> {
                    Slot x = slot(Slot.Type.INT, (d.index() == 0 ? "rows of " : "columns of ") + d.symbol().name(), false);
                    prep.add(new PrepStep.DataDim(x, d.symbol().name(), d.index(), at(d.symbol())));
                    return x;
                });
                return IntExpr.of(s);
            }

            @Override
            public IntExpr missing(Size.Missing m) {
                Slot s = dims.computeIfAbsent("missing " + m.symbol().name(), k -> {
                    Slot x = slot(Slot.Type.INT, "missing values of " + m.symbol().name(), false);
                    prep.add(new PrepStep.Function(x, ulam.runtime.model.ModelSupport.class, "countMissing",
                            List.of(dataSlot(m.symbol(), Elem.REAL)), null));
                    return x;
                });
                return IntExpr.of(s);
            }
        });
    }

    /**
     * A parameter's bound: a constant slot for a literal ({@code sigma ~ dexp(1)} has lower bound 0),
     * a slot computed from the data when the constructor binds them, or, for a bound that reads
     * earlier parameters ({@code upper=1 - alpha1}), a slot with an adjoint that {@code code}
     * computes from theta in the constraining transform, before the parameter's own transform
     * (its backward sweep passes the bound's adjoint on to those parameters).
     */
    private Slot bound(Symbol p, TExpr e, String which, Segment code) {
        String label = which + " bound of " + p.name();
        if (!TExprs.all(e, x -> !(x instanceof TExpr.Ref r) || r.symbol().isData())) {
            Slot s = slot(Slot.Type.REAL, label, true);
            code.accumulate(s, code.real(lower(e, code, Map.of(), Mode.MODEL)));   // from 0: the bound's value
            return s;
        }
        Segment seg = Segment.straight(label);
        Value v = seg.real(lower(e, seg, Map.of(), Mode.PREP));
        if (v.op() == Value.Op.CONST_D) {
            Slot s = new Slot(slots.size(), Slot.Type.REAL, label, false, v.realConstant());
            slots.add(s);
            return s;
        }
        Slot s = slot(Slot.Type.REAL, label, false);
        seg.set(s, v);
        prep.add(new PrepStep.Run(seg));
        return s;
    }

    /** Emits (and removes) the checks whose values are all known by now: data, and derived data computed so far. */
    private void checksReady(List<Check> checks) {
        for (Iterator<Check> it = checks.iterator(); it.hasNext(); ) {
            Check c = it.next();
            List<Symbol> uses = new ArrayList<>();
            c.uses(uses::add);
            if (uses.stream().allMatch(u -> u.kind() == Kind.DATA || dataSlots.containsKey(u))) {
                check(c);
                it.remove();
            }
        }
    }

    /** A data check as a bind-time step (none when it holds by construction). */
    private void check(Check c) {
        c.accept(new Check.Visitor<Void>() {
            @Override
            public Void textLevel(Check.TextLevel t) {
                if (!spec.mode().predicting()) {   // new data for predictions may well lack a level
                    prep.add(new PrepStep.TextOccurs(dataSlot(t.column(), Elem.STRING), t.text(), t.column().name(), source.at(t.span())));
                }
                return null;
            }

            @Override
            public Void indexRange(Check.IndexRange r) {
                prep.add(new PrepStep.InRange(dataSlot(r.index(), Elem.INT), size(r.bound()), r.index().name(), source.at(r.span())));
                return null;
            }

            @Override
            public Void literalRange(Check.LiteralRange r) {
                prep.add(new PrepStep.LiteralInRange(r.value(), size(r.bound()), r.indexed().name(), source.at(r.span())));
                return null;
            }

            @Override
            public Void sameLength(Check.SameLength l) {
                if (l.count() instanceof Size.Length len && len.symbol() == l.vector()) return null;
                prep.add(new PrepStep.SameLength(size(l.count()), IntExpr.of(length(l.vector())),
                        "the rows of this line", "'" + l.vector().name() + "'", source.at(l.span())));
                return null;
            }

            @Override
            public Void sameSize(Check.SameSize s) {
                if (s.expected().equals(s.actual()) || s.expected().toString().equals(s.actual().toString())) return null;
                prep.add(new PrepStep.SameLength(size(s.expected()), size(s.actual()), "the length this line works on",
                        s.what(), source.at(s.span())));
                return null;
            }
        });
    }

    // ------------------------------------------------------------------ segments

    /** A segment over a term's elements (or a straight one), with its counter in {@code counters}. */
    private Segment termSegment(Term t, String name, Map<Loop, Value> counters) {
        Segment seg = t.loop() == null ? Segment.straight(name) : Segment.loop(name);
        if (t.loop() != null) {
            seg.count(size(t.loop().count()).in(seg));
            counters.put(t.loop(), seg.counter());
        }
        return seg;
    }

    private Segment term(Term t) {
        String name = (t.likelihood() ? "likelihood " : "prior ") + t.lhs().name();
        Map<Loop, Value> counters = new HashMap<>();
        Segment seg = termSegment(t, name, counters);
        TExpr.Density d = t.density();
        if (d != null) {
            Value y = lower(d.outcome(), seg, counters, Mode.MODEL);
            List<Value> args = new ArrayList<>();
            for (TExpr a : d.args()) args.add(lower(a, seg, counters, Mode.MODEL));
            seg.accumulate(null, seg.kernel(d.distribution(), y, args));
        } else {
            seg.accumulate(null, lower(t.value(), seg, counters, Mode.MODEL));
        }
        if (!t.likelihood()) {
            seg.role(Segment.Role.PRIOR);
            return seg;
        }
        Aggregate.Counts counts = Aggregate.Counts.of(seg);
        if (counts != null && t.condition() == null) {
            prep.add(new PrepStep.CheckOutcome(counts.family(), counts.y(), counts.n(), counts.nConst(), t.lhs().name(),
                    source.at(t.statement().span())));
        }
        if (t.condition() != null) {
            Segment rows = filtered(t, seg);
            rows.role(Segment.Role.FILTERED_LIKELIHOOD);
            return rows;
        }
        seg.role(Segment.Role.LIKELIHOOD);
        return seg;
    }

    private final Map<Term, Slot[]> filters = new IdentityHashMap<>();

    /**
     * {@code y | cond ~ ...}: the rows where the data-only condition holds, found when the data
     * are bound, and {@code seg} rebuilt to loop over them only.
     */
    private Segment filtered(Term t, Segment seg) {
        Slot[] rows = filters.computeIfAbsent(t, k -> {
            Slot mask = slot(Slot.Type.INT_ARRAY, "condition of " + t.lhs().name(), false);
            IntExpr n = size(t.loop().count());
            prep.add(new PrepStep.Allocate(mask, n));
            Segment fill = Segment.loop("condition of " + t.lhs().name());
            fill.count(n.in(fill));
            Value test = lower(t.condition(), fill, Map.of(t.loop(), fill.counter()), Mode.PREP);
            fill.store(mask, fill.counter(), fill.select(test, fill.constInt(1), fill.constInt(0)));
            prep.add(new PrepStep.Run(fill));
            Slot which = slot(Slot.Type.INT_ARRAY, "rows where the condition of " + t.lhs().name() + " holds", false);
            prep.add(new PrepStep.Function(which, ulam.runtime.model.ModelSupport.class, "which", List.of(mask), null));
            Slot count = slot(Slot.Type.INT, "rows of " + t.lhs().name() + " with the condition", false);
            prep.add(new PrepStep.Length(count, which));
            return new Slot[] {which, count};
        });
        Segment out = Segment.loop(seg.name() + " (rows where the condition holds)");
        out.count(out.slot(rows[1]));
        Value row = out.load(rows[0], out.counter());
        new Rebuild(out, v -> v.op() == Value.Op.COUNTER ? row : null).sinks(seg);
        return out;
    }

    /** The data-only constant of a likelihood, summed once when the data are bound. */
    private Slot constant(Term t) {
        Map<Loop, Value> counters = new HashMap<>();
        Segment seg = termSegment(t, "constant " + t.lhs().name(), counters);
        TExpr.Density d = t.density();
        Value y = lower(d.outcome(), seg, counters, Mode.PREP);
        List<Value> ints = new ArrayList<>();
        for (int k = 0; k < d.args().size(); k++) {
            if (d.distribution().args().get(k).type() == ValueType.INT) ints.add(lower(d.args().get(k), seg, counters, Mode.PREP));
        }
        Slot s = slot(Slot.Type.REAL, "constant of " + t.lhs().name(), false);
        seg.accumulate(s, seg.constant(d.distribution(), y, ints));
        prep.add(new PrepStep.Run(t.condition() == null ? seg : filtered(t, seg)));
        return s;
    }

    /**
     * The summands of a {@code ~} line that Stan's {@code ~} leaves out (docs/stan.md, "lp__"),
     * summed over its rows once when the data are bound: the stdlib's {@code dropped} with the mask
     * of the operands that are data (a parameter operand is passed as NaN, 0 or a slice it does not
     * read). Null for a line tagged {@link ulam.compiler.ast.Statement#KEEP_CONSTANTS} and for {@code custom} and
     * {@code mixture} lines (Stan's {@code target +=}); a truncated line drops its density's
     * summands and keeps the normalisation, as Stan does.
     */
    private boolean dropped(Term t) {
        if (ulam.compiler.ast.Statement.KEEP_CONSTANTS.equals(t.statement().tag())) return false;
        TExpr v = t.value();
        if (v instanceof TExpr.Arith a && a.op() == TExpr.Op.SUB && a.left() instanceof TExpr.Density d) v = d;
        if (!(v instanceof TExpr.Density) && !(v instanceof TExpr.VDensity)) return false;
        Map<Loop, Value> counters = new HashMap<>();
        Segment seg = termSegment(t, "dropped " + t.lhs().name(), counters);
        Value c;
        if (v instanceof TExpr.Density d) {
            List<TExpr> operands = new ArrayList<>(List.of(d.outcome()));
            operands.addAll(d.args());
            int mask = 0;
            List<Value> ops = new ArrayList<>();
            for (int k = 0; k < operands.size(); k++) {
                boolean integer = (k == 0 ? d.distribution().outcome() : d.distribution().args().get(k - 1).type()) == ValueType.INT;
                if (dataOnly(operands.get(k))) {
                    mask |= 1 << k;
                    ops.add(lower(operands.get(k), seg, counters, Mode.PREP));
                } else {
                    ops.add(integer ? seg.constInt(0) : seg.constReal(Double.NaN));
                }
            }
            c = seg.dropped(d.distribution(), seg.constInt(mask), ops.get(0), ops.subList(1, ops.size()));
        } else {
            c = vectorDropped((TExpr.VDensity) v, seg, counters);
        }
        seg.accumulate(droppedLine, c);   // the segment's sum overwrites the scratch slot
        prep.add(new PrepStep.Run(t.condition() == null ? seg : filtered(t, seg)));
        return true;
    }

    /** Whether an expression involves no parameter or model local (a slice of one included). */
    private static boolean dataOnly(TExpr e) {
        return TExprs.all(e, x -> x instanceof TExpr.Ref r ? r.symbol().isData() : !(x instanceof TExpr.Slice s) || s.symbol().isData());
    }

    /** {@link #dropped} of a density with vector or matrix operands: a parameter slice is passed as {@code theta} from 0, not read. */
    private Value vectorDropped(TExpr.VDensity vd, Segment seg, Map<Loop, Value> counters) {
        DistributionSpec d = vd.distribution();
        List<String> names = ulam.stdlib.Signatures.dims(ulam.stdlib.Signatures.shapes(d));
        List<Operand> ops = new ArrayList<>();
        int mask = 0;
        for (int k = 0; k < vd.operands().size(); k++) {
            TExpr o = vd.operands().get(k);
            boolean integer = (k == 0 ? d.outcome() : d.args().get(k - 1).type()) == ValueType.INT;
            if (dataOnly(o)) {
                mask |= 1 << k;
                ops.add(vectorOperand(o, integer, seg, counters, Mode.PREP));
            } else if (o instanceof TExpr.Slice) {
                ops.add(new Segment.Slice(theta, seg.constInt(0)));
            } else {
                ops.add(integer ? seg.constInt(0) : seg.constReal(Double.NaN));
            }
        }
        List<Value> dims = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) dims.add(size(vd.dims().get(i)).in(seg));
        return seg.vectorDropped(d, seg.constInt(mask), ops, dims);
    }

    private Segment write(Symbol g) {
        Loop loop = g.loop();
        Segment seg = loop == null ? Segment.straight(g.kind().description + " " + g.name()) : Segment.loop(g.kind().description + " " + g.name());
        Map<Loop, Value> counters = new HashMap<>();
        Value index = seg.slot(offsets.get(g));
        if (loop != null) {
            seg.count(size(loop.count()).in(seg));
            counters.put(loop, seg.counter());
            index = seg.intOp(Value.Op.IADD, index, seg.counter());
        }
        Value v = lower(g.value(), seg, counters, Mode.WRITE);
        seg.store(out, index, seg.real(v));
        return seg;
    }

    /** One line's pointwise log-likelihood (constants kept), added into its outcome's observations. */
    private Segment pointwise(Term t, Slot offset) {
        Map<Loop, Value> counters = new HashMap<>();
        Segment seg = termSegment(t, "log-likelihood " + t.lhs().name(), counters);
        Value index = seg.slot(offset);
        if (t.loop() != null) index = seg.intOp(Value.Op.IADD, index, seg.counter());
        TExpr.Density d = t.density();
        Value v;
        if (d != null) {
            Value y = lower(d.outcome(), seg, counters, Mode.MODEL);
            List<Value> args = new ArrayList<>();
            for (TExpr a : d.args()) args.add(lower(a, seg, counters, Mode.MODEL));
            v = seg.lpdf(d.distribution(), y, args);
        } else if (t.value() instanceof TExpr.VDensity vd) {
            v = vectorDensity(vd, seg, counters, Mode.MODEL, false);
        } else {
            v = lower(t.value(), seg, counters, Mode.MODEL);
        }
        seg.store(out, index, seg.realOp(Value.Op.DADD, seg.load(out, index), v));
        return t.condition() == null ? seg : filtered(t, seg);
    }

    // ------------------------------------------------------------------ materialized arrays

    /** The recurrence whose loop is being lowered ({@code produce}), whose reads of itself are guarded; else null. */
    private Symbol recurrent;

    /** The segments that compute a materialized symbol into its storage. */
    private List<Segment> produce(Symbol sym, Mode mode) {
        Storage st = stores.get(sym);
        List<Segment> segs = new ArrayList<>();
        AExpr a = sym.array();
        String name = "materialize " + sym.name();
        a.accept(new AExpr.Visitor<Void>() {
            @Override
            public Void whole(AExpr.Whole w) {
                return elementByElement();
            }

            @Override
            public Void elementwise(AExpr.Elementwise e) {
                if (!TExprs.all(e.body(), x -> !(x instanceof TExpr.Ref r && r.symbol() == sym))) {
                    // a recurrence (Locals.typeRecurrence): element k reads earlier elements of the
                    // same array, so the loop is carried and its adjoint runs backwards
                    Segment seg = Segment.loop(name);
                    seg.count(size(a.shape().count()).in(seg));
                    recurrent = sym;
                    try {
                        seg.store(st.slot(), seg.intOp(Value.Op.IADD, st.offset().in(seg), seg.counter()), element(a, seg.counter(), seg, mode));
                    } finally {
                        recurrent = null;
                    }
                    seg.carried(true);
                    segs.add(seg);
                    return null;
                }
                return elementByElement();
            }

            /** A whole symbol or an elementwise expression: one loop over the elements. */
            private Void elementByElement() {
                Segment seg = Segment.loop(name);
                seg.count(size(a.shape().count()).in(seg));
                seg.store(st.slot(), seg.intOp(Value.Op.IADD, st.offset().in(seg), seg.counter()), element(a, seg.counter(), seg, mode));
                segs.add(seg);
                return null;
            }

            @Override
            public Void concat(AExpr.Concat c) {
                IntExpr at = st.offset();
                for (ArrayArg part : c.parts()) {
                    IntExpr here = at;
                    at = part.fold(t -> {
                        Segment seg = Segment.straight(name);
                        seg.store(st.slot(), here.in(seg), seg.real(lower(t, seg, Map.of(), mode)));
                        segs.add(seg);
                        return add(here, new IntExpr.Const(1));
                    }, p -> {
                        IntExpr n = size(p.shape().count());
                        Segment seg = Segment.loop(name);
                        seg.count(n.in(seg));
                        seg.store(st.slot(), seg.intOp(Value.Op.IADD, here.in(seg), seg.counter()), element(p, seg.counter(), seg, mode));
                        segs.add(seg);
                        return add(here, n);
                    });
                }
                return null;
            }

            @Override
            public Void transpose(AExpr.Transpose t) {
                // result[r, c] (rows R' = cols of the source) = source[c, r]
                Shape.Matrix src = (Shape.Matrix) t.of().shape();
                Segment seg = Segment.loop(name);
                Value rows = size(src.cols()).in(seg);    // rows of the result
                Value srcRows = size(src.rows()).in(seg);
                seg.count(seg.intOp(Value.Op.IMUL, rows, srcRows));
                Value r = seg.intOp(Value.Op.IREM, seg.counter(), rows);
                Value c = seg.intOp(Value.Op.IDIV, seg.counter(), rows);
                Value from = seg.intOp(Value.Op.IADD, c, seg.intOp(Value.Op.IMUL, r, srcRows));
                seg.store(st.slot(), seg.intOp(Value.Op.IADD, st.offset().in(seg), seg.counter()), element(t.of(), from, seg, mode));
                segs.add(seg);
                return null;
            }

            @Override
            public Void cumulativeSum(AExpr.CumulativeSum c) {
                // out[k + 1] = out[k] + of[k]; out[0] stays 0
                Segment seg = Segment.loop(name);
                seg.count(size(c.of().shape().count()).in(seg));
                Value base = st.offset().in(seg);
                Value here = seg.intOp(Value.Op.IADD, base, seg.counter());
                Value prev = seg.load(st.slot(), here);
                Value sum = seg.realOp(Value.Op.DADD, prev, element(c.of(), seg.counter(), seg, mode));
                seg.store(st.slot(), seg.intOp(Value.Op.IADD, here, seg.constInt(1)), sum);
                seg.carried(true);
                segs.add(seg);
                return null;
            }

            @Override
            public Void draw(AExpr.Draw d) {
                Segment seg = Segment.straight(name + " (" + d.distribution().name() + "_rng)");
                List<Operand> ops = new ArrayList<>();
                for (int k = 0; k < d.operands().size(); k++) {
                    ops.add(vectorOperand(d.operands().get(k), d.distribution().args().get(k).type() == ValueType.INT, seg, Map.of(), mode));
                }
                List<Value> dims = new ArrayList<>();
                for (Size s : d.dims()) dims.add(size(s).in(seg));
                seg.draw(d.distribution(), ops, dims, new Segment.Slice(st.slot(), st.offset().in(seg)));
                segs.add(seg);
                return null;
            }

            @Override
            public Void block(AExpr.Block b) {
                Segment seg = Segment.straight(name + " (" + b.function().name() + ")");
                List<Operand> ops = new ArrayList<>();
                for (ArrayArg o : b.args()) {
                    ops.add(o.fold(t -> seg.real(lower(t, seg, Map.of(), mode)), w -> {
                        Storage of = storageOf(((AExpr.Whole) w).symbol());
                        return new Segment.Slice(of.slot(), of.offset().in(seg));
                    }));
                }
                List<Value> dims = new ArrayList<>();
                for (Size d : b.dims()) dims.add(size(d).in(seg));
                seg.call(b.function(), ops, dims, new Segment.Slice(st.slot(), st.offset().in(seg)));
                segs.add(seg);
                return null;
            }
        });
        return segs;
    }

    /** Where a whole symbol's elements lie: a parameter's in theta, data in their array, a materialized local in its storage. */
    private Storage storageOf(Symbol s) {
        if (s.kind() == Kind.PARAMETER) return new Storage(theta, IntExpr.of(offsets.get(s)));
        if (s.isData() && !s.materialized()) {
            Map<Elem, Slot> views = dataSlots.get(s);
            Slot real = views.get(Elem.REAL);
            if (real == null) throw new IllegalStateException("data " + s.name() + " has no real view for a library function");
            return new Storage(real, new IntExpr.Const(0));
        }
        Storage st = stores.get(s);
        if (st == null && s.kind() == Kind.GENERATED && offsets.containsKey(s)) {
            return new Storage(out, IntExpr.of(offsets.get(s)));   // a reported value, read back from the draw
        }
        if (st == null) throw new IllegalStateException(s.name() + " is not stored");
        return st;
    }

    /** The element of an array expression at a flat position given as a value of {@code seg}. */
    private Value element(AExpr a, Value index, Segment seg, Mode mode) {
        Loop at = new Loop("k", new Size.Const(0));
        Map<Loop, Value> counters = new HashMap<>();
        counters.put(at, index);
        if (a instanceof AExpr.Whole w) {
            return seg.real(lower(new TExpr.Ref(w.symbol(), new TExpr.LoopIndex(at), Elem.REAL), seg, counters, mode));
        }
        if (a instanceof AExpr.Elementwise e) {
            counters.put(e.loop(), index);
            return seg.real(lower(e.body(), seg, counters, mode));
        }
        throw new IllegalStateException("element of " + a.getClass().getSimpleName() + " not materialized");
    }

    /** A transformed parameter or saved local computed into an array is copied into the draw. */
    private Segment copyToOutput(Symbol g) {
        Segment seg = Segment.loop("report " + g.name());
        seg.count(size(g.shape().count()).in(seg));
        Storage st = stores.get(g);
        Value v = seg.load(st.slot(), seg.intOp(Value.Op.IADD, st.offset().in(seg), seg.counter()));
        seg.store(out, seg.intOp(Value.Op.IADD, seg.slot(offsets.get(g)), seg.counter()), v);
        return seg;
    }

    // ------------------------------------------------------------------ expressions

    /** Lowers a checked expression into {@code seg}; {@code counters} maps each loop in scope to its counter. */
    private Value lower(TExpr e, Segment seg, Map<Loop, Value> counters, Mode mode) {
        return e.accept(new Lower(seg, counters, mode));
    }

    /** The lowering of each kind of checked expression into one segment. */
    private final class Lower implements TExpr.Visitor<Value> {
        private final Segment seg;
        private final Map<Loop, Value> counters;
        private final Mode mode;

        Lower(Segment seg, Map<Loop, Value> counters, Mode mode) {
            this.seg = seg;
            this.counters = counters;
            this.mode = mode;
        }

        private Value of(TExpr e) {
            return e.accept(this);
        }

        private List<Value> all(List<TExpr> es) {
            List<Value> out = new ArrayList<>(es.size());
            for (TExpr a : es) out.add(of(a));
            return out;
        }

        @Override
        public Value num(TExpr.Num n) {
            return switch (n.elem()) {
                case INT -> seg.constInt((int) n.value());
                case BOOL -> seg.constBool(n.value() != 0);
                default -> seg.constReal(n.value());
            };
        }

        @Override
        public Value str(TExpr.Str s) {
            return seg.constString(s.value());
        }

        @Override
        public Value loopIndex(TExpr.LoopIndex l) {
            Value c = counters.get(l.loop());
            if (c == null) throw new IllegalStateException("loop " + l.loop() + " not in scope");
            return c;
        }

        @Override
        public Value sizeOf(TExpr.SizeOf s) {
            return size(s.size()).in(seg);
        }

        @Override
        public Value ref(TExpr.Ref r) {
            return Lowering.this.ref(r, seg, counters, mode);
        }

        @Override
        public Value call(TExpr.Call c) {
            return seg.call(c.function(), all(c.args()));
        }

        @Override
        public Value dataCall(TExpr.DataCall c) {
            return seg.slot(Lowering.this.dataCall(c));
        }

        @Override
        public Value arith(TExpr.Arith a) {
            Value l = of(a.left());
            Value r = of(a.right());
            if (a.elem() == Elem.INT && l.type() == Value.Type.INT && r.type() == Value.Type.INT) {
                return seg.intOp(switch (a.op()) {
                    case ADD -> Value.Op.IADD;
                    case SUB -> Value.Op.ISUB;
                    default -> Value.Op.IMUL;
                }, l, r);
            }
            return switch (a.op()) {
                case ADD -> seg.realOp(Value.Op.DADD, l, r);
                case SUB -> seg.realOp(Value.Op.DSUB, l, r);
                case MUL -> seg.realOp(Value.Op.DMUL, l, r);
                case DIV -> seg.realOp(Value.Op.DDIV, l, r);
                case POW -> power(seg, l, r);
            };
        }

        @Override
        public Value neg(TExpr.Neg n) {
            Value v = of(n.operand());
            return v.type() == Value.Type.INT ? seg.intNeg(v) : seg.realNeg(v);
        }

        @Override
        public Value logic(TExpr.Logic l) {
            Value a = of(l.left());
            Value b = of(l.right());
            return switch (l.op()) {
                case AND -> seg.logic(Value.Op.AND, a, b);
                case OR -> seg.logic(Value.Op.OR, a, b);
                case EQ -> a.type() == Value.Type.STRING ? seg.stringEquals(a, b) : seg.compare(Value.Op.EQ, a, b);
                case NE -> a.type() == Value.Type.STRING ? seg.not(seg.stringEquals(a, b)) : seg.compare(Value.Op.NE, a, b);
                case LT -> seg.compare(Value.Op.LT, a, b);
                case LE -> seg.compare(Value.Op.LE, a, b);
                case GT -> seg.compare(Value.Op.GT, a, b);
                default -> seg.compare(Value.Op.GE, a, b);
            };
        }

        @Override
        public Value not(TExpr.Not n) {
            return seg.not(of(n.operand()));
        }

        @Override
        public Value ifElse(TExpr.IfElse f) {
            return seg.select(of(f.test()), of(f.yes()), of(f.no()));
        }

        @Override
        public Value reduce(TExpr.Reduce r) {
            return seg.slot(reduction(r, counters, mode));
        }

        @Override
        public Value density(TExpr.Density d) {
            // inside an expression (custom(...), mixture(...), _lpdf calls): the full log density
            Value y = of(d.outcome());
            List<Value> args = new ArrayList<>();
            List<Value> ints = new ArrayList<>();
            for (int k = 0; k < d.args().size(); k++) {
                Value a = of(d.args().get(k));
                args.add(a);
                if (d.distribution().args().get(k).type() == ValueType.INT) ints.add(a);
            }
            Value v = seg.kernel(d.distribution(), y, args);
            return d.distribution().hasConstant() ? seg.realOp(Value.Op.DADD, v, seg.constant(d.distribution(), y, ints)) : v;
        }

        @Override
        public Value slice(TExpr.Slice s) {
            throw new IllegalStateException("a slice is an operand of a vector density, not a value: " + TExprs.show(s));
        }

        @Override
        public Value vDensity(TExpr.VDensity vd) {
            return vectorDensity(vd, seg, counters, mode, true);
        }

        @Override
        public Value vRng(TExpr.VRng r) {
            List<Operand> ops = new ArrayList<>();
            for (int k = 0; k < r.operands().size(); k++) {
                ops.add(vectorOperand(r.operands().get(k), r.distribution().args().get(k).type() == ValueType.INT, seg, counters, mode));
            }
            List<Value> dims = new ArrayList<>();
            for (Size d : r.dims()) dims.add(size(d).in(seg));
            return seg.vectorRng(r.distribution(), ops, dims);
        }

        @Override
        public Value cdf(TExpr.Cdf c) {
            List<Value> args = all(c.args());
            return seg.cdf(c.distribution(), c.complement(), of(c.at()), args);
        }

        @Override
        public Value rng(TExpr.Rng g) {
            return seg.rng(g.distribution(), all(g.args()));
        }
    }

    /**
     * A density with vector or matrix operands: each {@link TExpr.Slice} becomes an array and an
     * offset; with {@code kernel}, each vector REAL operand gets a work array for its partials.
     */
    private Value vectorDensity(TExpr.VDensity vd, Segment seg, Map<Loop, Value> counters, Mode mode, boolean kernel) {
        DistributionSpec d = vd.distribution();
        List<String> shapes = ulam.stdlib.Signatures.shapes(d);
        List<String> names = ulam.stdlib.Signatures.dims(shapes);
        Map<String, IntExpr> dimOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) dimOf.put(names.get(i), size(vd.dims().get(i)));
        List<Operand> ops = new ArrayList<>();
        List<Slot> partials = new ArrayList<>();
        List<Value> lengths = new ArrayList<>();
        for (int k = 0; k < vd.operands().size(); k++) {
            TExpr o = vd.operands().get(k);
            if (!(o instanceof TExpr.Slice sl)) {
                ops.add(lower(o, seg, counters, mode));
                continue;
            }
            boolean integer = (k == 0 ? d.outcome() : d.args().get(k - 1).type()) == ValueType.INT;
            ops.add(vectorOperand(sl, integer, seg, counters, mode));
            if (kernel && !integer) {
                IntExpr length = null;
                for (String n : ulam.stdlib.Signatures.sizeNames(shapes.get(k))) {
                    length = length == null ? dimOf.get(n) : IntExpr.mul(length, dimOf.get(n));
                }
                Slot work = slot(Slot.Type.REAL_ARRAY, "partials of " + d.name() + " by operand " + k, false);
                workArrays.put(work, length);
                partials.add(work);
                lengths.add(length.in(seg));
            }
        }
        List<Value> dims = new ArrayList<>();
        for (String n : names) dims.add(dimOf.get(n).in(seg));
        return seg.vectorDensity(d, kernel, ops, dims, partials, lengths);
    }

    /** An operand of a vector density or draw: a {@link Segment.Slice} for a {@link TExpr.Slice}, else its value. */
    private Operand vectorOperand(TExpr o, boolean integer, Segment seg, Map<Loop, Value> counters, Mode mode) {
        if (!(o instanceof TExpr.Slice sl)) return lower(o, seg, counters, mode);
        Storage st = integer ? new Storage(dataSlot(sl.symbol(), Elem.INT), new IntExpr.Const(0)) : storageOf(sl.symbol());
        Value offset = seg.intOp(Value.Op.IADD, st.offset().in(seg), lower(sl.offset(), seg, counters, mode));
        return new Segment.Slice(st.slot(), offset);
    }

    private Value power(Segment seg, Value base, Value exponent) {
        if (exponent.op() == Value.Op.CONST_D && exponent.realConstant() == 2.0) {
            return seg.call(Registry.function("square").orElseThrow(), List.of(base));
        }
        if (exponent.op() == Value.Op.CONST_D && exponent.realConstant() == 1.0) return seg.real(base);
        return seg.call(Registry.function("pow").orElseThrow(), List.of(base, exponent));
    }

    private Value ref(TExpr.Ref r, Segment seg, Map<Loop, Value> counters, Mode mode) {
        Symbol s = r.symbol();
        Kind k = s.kind();
        if (k == Kind.PARAMETER) {
            Value index = seg.slot(offsets.get(s));
            if (r.index() != null) index = seg.intOp(Value.Op.IADD, index, lower(r.index(), seg, counters, mode));
            return seg.load(theta, index);
        }
        if (k == Kind.DATA || k == Kind.TRANSFORMED_DATA) {
            Elem want = r.elem() == Elem.STRING ? Elem.STRING : r.elem() == Elem.INT ? Elem.INT : Elem.REAL;
            Slot slot = dataSlot(s, want);
            Value v = slot.type().isArray()
                    ? seg.load(slot, r.index() == null ? seg.constInt(0) : lower(r.index(), seg, counters, mode))
                    : seg.slot(slot);
            return want == Elem.REAL ? seg.real(v) : v;
        }
        if (s.materialized()) {
            Storage st = stores.get(s);
            if (st == null) throw new IllegalStateException("materialized " + s.name() + " has no storage here");
            Value index = st.offset().in(seg);
            Value at = r.index() == null ? null : lower(r.index(), seg, counters, mode);
            if (at != null) index = seg.intOp(Value.Op.IADD, index, at);
            if (s == recurrent) {
                // a recurrence reading itself: an element not yet computed (at or after the counter) reads 0
                return seg.select(seg.compare(Value.Op.LT, at, seg.counter()), seg.real(seg.load(st.slot(), index)), seg.constReal(0));
            }
            return seg.load(st.slot(), index);
        }
        boolean reported = k == Kind.GENERATED || k == Kind.TRANSFORMED_PARAMETER || k == Kind.SAVED;
        if (mode == Mode.WRITE && reported) {
            Value index = seg.slot(offsets.get(s));
            if (r.index() != null) index = seg.intOp(Value.Op.IADD, index, lower(r.index(), seg, counters, mode));
            return seg.load(out, index);
        }
        if (k == Kind.GENERATED) throw new IllegalStateException("generated quantity in the model: " + s.name());
        // a model local, transformed parameter or saved local: inline its definition at this element
        TExpr value = s.value();
        if (s.loop() != null) {
            if (r.index() == null) throw new IllegalStateException("whole vector local " + s.name());
            value = TExprs.substitute(value, s.loop(), r.index());
        }
        return lower(value, seg, counters, mode);
    }

    private Slot dataCall(TExpr.DataCall c) {
        Slot s = dataCalls.get(c);
        if (s != null) return s;
        FunctionSpec f = c.function();
        TExpr arg = c.args().get(0);
        if (f.name().equals("length") && arg instanceof TExpr.Ref r && r.index() == null) {
            s = length(r.symbol());
        } else if (f.kind() == FunctionSpec.Kind.REDUCTION) {
            Slot a = dataArgument(arg, true);
            s = slot(Slot.Type.REAL, f.name() + " of data", false);
            Segment seg = Segment.loop(f.name() + " of data");
            Value n = seg.slot(lengthOfArray(a));
            seg.count(n);
            Value x = seg.load(a, seg.counter());
            if (f.name().equals("mean")) x = seg.realOp(Value.Op.DDIV, x, seg.real(n));
            seg.accumulate(s, x);
            prep.add(new PrepStep.Run(seg));
        } else {
            Slot a = dataArgument(arg, true);
            s = slot(c.elem() == Elem.INT ? Slot.Type.INT : Slot.Type.REAL, f.name() + " of data", false);
            prep.add(new PrepStep.Function(s, f.implementation(), f.method(), List.of(a), null));
        }
        dataCalls.put(c, s);
        return s;
    }

    private Slot lengthOfArray(Slot array) {
        Slot len = slot(Slot.Type.INT, "length", false);
        prep.add(new PrepStep.Length(len, array));
        return len;
    }

    /** A sum or mean over a vector: its own segment, run before the segment that uses it. */
    private Slot reduction(TExpr.Reduce r, Map<Loop, Value> outer, Mode mode) {
        Map<TExpr, Slot> done = reductions.computeIfAbsent(mode == Mode.PREP ? List.of() : pending, k -> new HashMap<>());
        Slot s = done.get(r);
        if (s != null) return s;
        for (Loop l : outer.keySet()) {
            boolean[] uses = {false};
            TExprs.walk(r.body(), x -> {
                if (x instanceof TExpr.LoopIndex li && li.loop() == l) uses[0] = true;
            });
            if (uses[0]) {
                throw new UlamException("a sum or mean that changes from row to row is not supported yet", null,
                        "compute it as a local of its own");
            }
        }
        boolean active = !TExprs.all(r.body(), x -> !(x instanceof TExpr.Ref ref) || ref.symbol().isData());
        s = slot(Slot.Type.REAL, r.kind().name().toLowerCase() + " over " + r.loop().count(), active && mode == Mode.MODEL);
        Segment seg = Segment.loop(r.kind().name().toLowerCase());
        Value n = size(r.loop().count()).in(seg);
        seg.count(n);
        Value body = lower(r.body(), seg, Map.of(r.loop(), seg.counter()), mode);
        if (r.kind() == TExpr.Reduction.MEAN) body = seg.realOp(Value.Op.DDIV, body, seg.real(n));
        seg.accumulate(s, body);
        if (mode == Mode.PREP) prep.add(new PrepStep.Run(seg));
        else pending.add(seg);
        done.put(r, s);
        return s;
    }

}
