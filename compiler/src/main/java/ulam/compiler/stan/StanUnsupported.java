package ulam.compiler.stan;

/**
 * A construct the Stan writer cannot express (yet). The writer catches it where it knows the
 * model line and reports it as a located "stancode does not support ... yet" error.
 */
final class StanUnsupported extends RuntimeException {

    /** @param what the construct, as the message names it ("the distribution zipois") */
    StanUnsupported(String what) {
        super(what, null, false, false);
    }

    /** The construct. */
    String what() {
        return getMessage();
    }
}
