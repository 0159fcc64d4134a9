package ulam.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import ulam.runtime.Model;
import ulam.runtime.UlamException;
import ulam.runtime.data.DataSet;

/**
 * The {@code Main-Class} of a jar written by {@code ulam compile}: {@code java -jar model.jar
 * --data d.csv} samples the model. The model class is named by the manifest attribute
 * {@value #MODEL_CLASS_ATTRIBUTE}; it implements {@link Model} and has a public constructor taking a
 * {@link DataSet}. Options are {@link RunOptions}; {@code --help} prints them. Exits with
 * {@link RunCommand}'s status (0, 1 for user errors, 2 for internal errors).
 */
public final class ModelMain {
    /** Manifest attribute naming the model class. */
    public static final String MODEL_CLASS_ATTRIBUTE = "Ulam-Model-Class";

    private ModelMain() {
    }

    @Command(name = "java -jar <model>.jar", mixinStandardHelpOptions = true, version = "ulam 0.1",
            description = "Samples the model compiled into this jar with NUTS and prints its precis summary.",
            sortOptions = false)
    static final class Cli {
        @Mixin
        RunOptions options = new RunOptions();
    }

    /**
     * Entry point.
     *
     * @param args command-line options ({@link RunOptions})
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Finds the model class in the manifest and runs it. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String className;
        try {
            className = modelClassName();
        } catch (IOException e) {
            className = null;
        }
        if (className == null) {
            err.println("internal error: this jar's manifest has no " + MODEL_CLASS_ATTRIBUTE + " attribute naming"
                    + " the model class; " + RunCommand.REPORT_HINT);
            return 2;
        }
        return run(args, className, out, err);
    }

    /**
     * Parses the options and runs the named model class.
     *
     * @param args      command-line options
     * @param className the model class (implements {@link Model}, public constructor taking {@link DataSet})
     * @return exit status
     */
    static int run(String[] args, String className, PrintStream out, PrintStream err) {
        Cli cli = new Cli();
        CommandLine cl = new CommandLine(cli);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.print(CommandErrors.usageError(e).format());
            return CommandErrors.USER_ERROR;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            return 0;
        }
        Constructor<? extends Model> constructor;
        try {
            Class<?> cls = Class.forName(className, true, ModelMain.class.getClassLoader());
            constructor = cls.asSubclass(Model.class).getConstructor(DataSet.class);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            err.println("internal error: cannot load the model class " + className + ": " + e + "; "
                    + RunCommand.REPORT_HINT);
            return 2;
        }
        return RunCommand.run(factory(constructor), cli.options, out, err);
    }

    /** Calls the constructor, letting the {@link UlamException}s of data checks through unwrapped. */
    static Function<DataSet, Model> factory(Constructor<? extends Model> constructor) {
        return data -> {
            try {
                return constructor.newInstance(data);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error er) throw er;
                throw new IllegalStateException(cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct the model: " + e, e);
            }
        };
    }

    /** The {@value #MODEL_CLASS_ATTRIBUTE} of the first manifest on the class path that has one, or null. */
    static String modelClassName() throws IOException {
        ClassLoader loader = ModelMain.class.getClassLoader();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            try (InputStream in = manifests.nextElement().openStream()) {
                String value = new Manifest(in).getMainAttributes().getValue(MODEL_CLASS_ATTRIBUTE);
                if (value != null && !value.isBlank()) return value.trim();
            }
        }
        return null;
    }
}
