package ulam.runtime.cli;

import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/**
 * Whether the process's standard error is a terminal, the test that decides between progress bars
 * ({@link BarProgress}) and plain lines ({@link TextProgress}). It asks JLine's exec terminal
 * provider, which runs {@code test -t 2} with the process's own descriptors (no native library, so
 * no native-access warning on JDK 24+). {@code System.console()} is not used: it looks at standard
 * input and output, so {@code ulam run 2> log} would fill the log with bar frames and
 * {@code ulam run > out.txt} would show no bars.
 */
public final class Terminals {
    private static Boolean stderr;

    private Terminals() {
    }

    /**
     * Whether file descriptor 2 is a terminal that can show bars: false when it is a file or a
     * pipe, when {@code TERM} is {@code dumb} or unset, or when the check itself fails (then
     * plain lines are the safe choice). Computed once per process.
     *
     * @return true for an interactive terminal
     */
    public static synchronized boolean stderrIsTerminal() {
        if (stderr == null) {
            String term = System.getenv("TERM");
            boolean t;
            if (term == null || term.isEmpty() || term.equals("dumb")) {
                t = false;
            } else {
                try {
                    t = new ExecTerminalProvider().isSystemStream(SystemStream.Error);
                } catch (RuntimeException | LinkageError e) {
                    t = false;
                }
            }
            stderr = t;
        }
        return stderr;
    }
}
