package ulam.runtime.sampler;

import java.util.Locale;

/** Which warm-up tunes the sampler ({@code --adapt}); see {@link Adaptation}. */
public enum AdaptKind {
    /** Stan's windowed adaptation: metric from the draws' variances, windows 75 / 25, 50, 100, ... / 50. */
    STAN,
    /** nutpie's gradient-based adaptation: metric from the draws' and gradients' variances, updated every iteration. */
    GRADIENT;

    /** The option's value: {@code stan} or {@code gradient}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
