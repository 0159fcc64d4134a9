package ulam.compiler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ulam.compiler.ast.Program;
import ulam.compiler.check.Checker;
import ulam.compiler.check.CompileMode;
import ulam.compiler.check.DataSchema;
import ulam.compiler.check.ModelSpec;
import ulam.compiler.codegen.ClassGen;
import ulam.compiler.formula.FormulaFrontEnd;
import ulam.compiler.stanfront.StanFrontEnd;
import ulam.compiler.ir.Lowering;
import ulam.compiler.ir.ModelIR;
import ulam.compiler.ir.Pass;
import ulam.compiler.ir.Passes;
import ulam.compiler.parse.Parser;
import ulam.compiler.parse.Source;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The compiler's entry point: model text to a JVM class implementing {@link Model}, through
 * parse, check, lower and generate (docs/design.md, "The compiler, stage by stage"). A file that
 * holds a brms or rstanarm call goes through the formula front end first, whose alist the
 * checker checks ({@link FormulaFrontEnd}); a Stan program ({@code .stan}) through the Stan front
 * end ({@link StanFrontEnd}).
 */
public final class Compiler {
    private Compiler() {}

    /** Package of generated model classes. */
    public static final String PACKAGE = "ulam.model";

    /**
     * A compiled model.
     *
     * @param spec      the checked model (what {@code ulam check} prints)
     * @param ir        its IR
     * @param className binary name of the generated class
     * @param classFile the class file
     * @param nanos     compile time, parse to bytes
     * @param prepare   what is done to the data before the class binds them: null (nothing), or a
     *                  Stan program's transformed data computed and added
     *                  ({@link StanFrontEnd.Translation#transformedData}); a model jar does not
     *                  carry it, so {@code ulam compile} refuses to pack such a model
     * @param finish    what is done to the model once bound: null (nothing), or a Stan program's
     *                  imperative generated quantities added to its draws (given the bound data
     *                  and the model: {@link ulam.compiler.stanfront.InterpretedQuantities#wrap});
     *                  a model jar does not carry it either
     */
    public record Compiled(ModelSpec spec, ModelIR ir, String className, byte[] classFile, long nanos,
                           java.util.function.UnaryOperator<DataSet> prepare,
                           java.util.function.BiFunction<DataSet, Model, Model> finish) {

        /** A compiled model that binds the data as they are. */
        public Compiled(ModelSpec spec, ModelIR ir, String className, byte[] classFile, long nanos) {
            this(spec, ir, className, classFile, nanos, null, null);
        }

        /** Whether binding runs compiler code beyond the class ({@link #prepare} or {@link #finish}), which a model jar lacks. */
        public boolean needsCompiler() {
            return prepare != null || finish != null;
        }

        /**
         * Defines the class in a fresh class loader and returns how to bind it to data.
         * The factory throws {@link UlamException} for bad data (located in the Stan program for
         * its transformed data).
         */
        public Function<DataSet, Model> factory() {
            Class<?> c = new ModelClassLoader(Compiler.class.getClassLoader()).define(className, classFile);
            Function<DataSet, Model> bind = Compiler.factory(c);
            if (prepare == null && finish == null) return bind;
            return data -> {
                DataSet d = prepare == null ? data : prepare.apply(data);
                Model m = bind.apply(d);
                return finish == null ? m : finish.apply(d, m);
            };
        }
    }

    /** A factory calling a model class's {@code (DataSet)} constructor; user errors pass through. */
    public static Function<DataSet, Model> factory(Class<?> modelClass) {
        Constructor<?> ctor;
        try {
            ctor = modelClass.getConstructor(DataSet.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(modelClass + " is not a compiled model", e);
        }
        return data -> {
            try {
                return (Model) ctor.newInstance(data);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * Compiles a model.
     *
     * @param source the model file
     * @param schema what is known of the data (names and ranks), or null
     * @throws UlamException for any error in the model, located
     */
    public static Compiled compile(Source source, DataSchema schema) {
        return compile(source, schema, CompileMode.POSTERIOR);
    }

    /**
     * Compiles a model for sampling its posterior or prior, or as a prediction program
     * ({@link CompileMode}).
     *
     * @throws UlamException for any error in the model, located
     */
    public static Compiled compile(Source source, DataSchema schema, CompileMode mode) {
        return compile(source, schema, mode, Passes.ALL);
    }

    /**
     * Compiles a model with a chosen list of optimising passes ({@link Passes#ALL} by default,
     * {@link Passes#NONE} for the IR as lowered): for {@code ulam check --passes} and the
     * differential tests, which compare a model compiled with and without them.
     *
     * @throws UlamException for any error in the model, located
     */
    public static Compiled compile(Source source, DataSchema schema, CompileMode mode, List<Pass> passes) {
        return onDeepStack(() -> compileHere(source, schema, mode, passes));
    }

    /**
     * The stack of the compiler's thread: the passes recurse over expressions, and a local's
     * expression is inlined where it is used, so the depth grows with a chain of locals
     * ({@code m2 <- m1 + a2}, ..., 20,000 lines deep). Reserved, not committed: the pages a
     * compile touches are all it costs.
     */
    static final long STACK_BYTES = 1L << 30;

    /** Runs {@code work} on a thread of {@link #STACK_BYTES} of stack, rethrowing what it throws. */
    private static <T> T onDeepStack(java.util.function.Supplier<T> work) {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.get();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "ulam-compiler", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (thrown[0] instanceof RuntimeException r) throw r;
        if (thrown[0] instanceof Error e) throw e;
        if (thrown[0] != null) throw new IllegalStateException(thrown[0]);
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }

    private static Compiled compileHere(Source source, DataSchema schema, CompileMode mode, List<Pass> passes) {
        long t0 = System.nanoTime();
        String name = modelName(source.file());
        Source model = source;
        Program program;
        java.util.List<String> notes = java.util.List.of();
        if (FormulaFrontEnd.recognises(source)) {   // brm(...), stan_glmer(...): the alist they become
            FormulaFrontEnd.Expansion x = FormulaFrontEnd.expand(source, schema == null ? null : schema.values());
            model = x.alist();
            program = x.program();
            notes = x.notes();
        } else if (StanFrontEnd.recognises(source)) {   // a Stan program: the alist of the same model
            StanFrontEnd.Translation x = StanFrontEnd.translate(source, schema);
            model = x.alist();
            program = x.program();
            notes = x.notes();
            try {
                ModelSpec checked = FormulaFrontEnd.withNotes(Checker.check(program, model, name, x.schema(), mode), notes);
                Compiled c = generate(checked, mode, passes, name, t0);
                return new Compiled(c.spec(), c.ir(), c.className(), c.classFile(), c.nanos(), x.transformedData(),
                        x.quantities() == null ? null : x.quantities()::wrap);
            } catch (UlamException e) {
                throw x.relocate(e);
            }
        } else {
            program = Parser.parse(source);
        }
        ModelSpec spec = FormulaFrontEnd.withNotes(Checker.check(program, model, name, schema, mode), notes);
        return generate(spec, mode, passes, name, t0);
    }

    /** The checked model's IR, passes and class file. */
    private static Compiled generate(ModelSpec spec, CompileMode mode, List<Pass> passes, String name, long t0) {
        if (CompileMode.PRIOR.equals(mode)) refuseImproperPriors(spec);
        ModelIR ir = Passes.run(Lowering.lower(spec), passes);
        String className = PACKAGE + "." + className(name);
        byte[] bytes = ClassGen.generate(ir, className);
        return new Compiled(spec, ir, className, bytes, System.nanoTime() - t0);
    }

    /** Sampling the prior alone needs proper priors: a flat() prior is an error at its line. */
    private static void refuseImproperPriors(ModelSpec spec) {
        for (ulam.compiler.check.Term t : spec.terms()) {
            if (t.density() != null && t.density().distribution().improper()) {
                throw spec.source().error(t.statement().span(), "--prior-only samples the prior, and this prior is the improper"
                        + " flat(): it has no distribution to sample", "give the parameter a proper prior (for brms: prior(normal(0, 1), class = b))");
            }
        }
    }

    /** What the compiler may know of data it has: every name with its rank, and which hold whole numbers only. */
    public static DataSchema schema(DataSet data) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        java.util.Set<String> integers = new java.util.HashSet<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String n : data.names()) {
            ranks.put(n, data.dims(n, null).length);
            int na = data.missingCount(n, null);
            if (na > 0) missing.put(n, na);
            if (data.kind(n, null) == DataSet.Kind.INT && na == 0) integers.add(n);
        }
        return new DataSchema(ranks, integers, missing, data);
    }

    /** The model name: the file's stem ({@code examples/chimpanzees.ulam} gives {@code chimpanzees}). */
    public static String modelName(String file) {
        String base = file.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** A JVM class name made from a model name: letters, digits and '_' only, starting with a capital. */
    static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) sb.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        if (sb.length() == 0 || !Character.isLetter(sb.charAt(0))) sb.insert(0, 'M');
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }

    /** One loader per compiled model, so a model class can be compiled and loaded again under the same name. */
    static final class ModelClassLoader extends ClassLoader {
        ModelClassLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
