package ulam.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ulam.stdlib.testing.Signatures;

/**
 * The reflection contract: for every registry entry, every static method that
 * {@link DistributionSpec} and {@link FunctionSpec} promise exists, is public static, and has
 * exactly the JVM parameter and return types the spec implies. The compiler emits INVOKESTATIC
 * with these descriptors, so this test keeps the two sides in step.
 */
class RegistryContractTest {

    static Stream<DistributionSpec> distributions() {
        return Registry.distributions().stream();
    }

    static Stream<FunctionSpec> functions() {
        return Registry.functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void distributionMethodsHaveTheSpecifiedSignatures(DistributionSpec spec) {
        Class<?> c = spec.implementation();
        assertNotNull(c, spec.name());
        assertTrue(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers()),
                spec.name() + ": " + c.getName() + " must be public final");
        expect(c, "lpdf", ulam.stdlib.Signatures.lpdf(spec));
        expect(c, "kernel", ulam.stdlib.Signatures.kernel(spec));
        expect(c, "rng", ulam.stdlib.Signatures.rng(spec));
        expect(c, "dropped", ulam.stdlib.Signatures.dropped(spec));   // Stan's lp__ (docs/stan.md)
        if (spec.hasConstant()) {
            expect(c, "constant", ulam.stdlib.Signatures.constant(spec));
        } else {
            assertNoMethod(c, "constant");
        }
        if (spec.hasCdf()) {
            assertTrue(spec.allScalar(), spec.name() + ": cumulative distribution functions are for scalar distributions");
            expect(c, "lcdf", ulam.stdlib.Signatures.cdf(spec));
            expect(c, "lccdf", ulam.stdlib.Signatures.cdf(spec));
            expect(c, "lcdfGrad", ulam.stdlib.Signatures.cdfGrad(spec));
            expect(c, "lccdfGrad", ulam.stdlib.Signatures.cdfGrad(spec));
        } else {
            assertNoMethod(c, "lcdf");
            assertNoMethod(c, "lccdf");
        }
        // one overload of each: the compiler must never have to choose
        for (String name : new String[] {"lpdf", "kernel", "rng", "dropped", "constant", "lcdf", "lccdf", "lcdfGrad", "lccdfGrad"}) {
            long count = Arrays.stream(c.getMethods()).filter(m -> m.getName().equals(name)).count();
            assertTrue(count <= 1, spec.name() + ": " + count + " overloads of " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void distributionEntriesAreConsistent(DistributionSpec spec) {
        assertFalse(spec.description() == null || spec.description().isBlank(), spec.name() + ": description");
        assertTrue(spec.description().startsWith(spec.name() + "("), spec.name() + ": description shows the call");
        if (spec.outcomeSupport() == Support.ARG_BOUNDS) {
            assertTrue(spec.lowerArg() >= 0 && spec.lowerArg() < spec.arity(), spec.name() + ": lowerArg");
            assertTrue(spec.upperArg() >= 0 && spec.upperArg() < spec.arity(), spec.name() + ": upperArg");
            assertEquals(ValueType.REAL, spec.args().get(spec.lowerArg()).type());
            assertEquals(ValueType.REAL, spec.args().get(spec.upperArg()).type());
        } else {
            assertEquals(-1, spec.lowerArg(), spec.name() + ": lowerArg");
            assertEquals(-1, spec.upperArg(), spec.name() + ": upperArg");
        }
        if (spec.outcome() == ValueType.INT) {
            assertEquals(Support.REAL, spec.outcomeSupport(), spec.name() + ": an int outcome is never constrained");
        }
        for (DistributionSpec.LinkRewrite link : spec.linkRewrites()) {
            DistributionSpec target = Registry.distribution(link.target())
                    .orElseThrow(() -> new AssertionError(spec.name() + ": unknown rewrite target " + link.target()));
            assertTrue(Registry.function(link.inverseLink()).isPresent(),
                    spec.name() + ": unknown inverse link " + link.inverseLink());
            assertEquals(spec.arity(), target.arity(), spec.name() + " -> " + target.name() + ": arity");
            assertEquals(spec.outcome(), target.outcome(), spec.name() + " -> " + target.name() + ": outcome");
            for (int j = 0; j < spec.arity(); j++) {
                ValueType expected = j == link.argIndex() ? ValueType.REAL : spec.args().get(j).type();
                assertEquals(expected, target.args().get(j).type(), spec.name() + " -> " + target.name() + ": arg " + j);
            }
            assertEquals(Support.REAL, target.args().get(link.argIndex()).support(),
                    target.name() + ": the rewritten argument is unconstrained");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionMethodsHaveTheSpecifiedSignatures(FunctionSpec spec) {
        assertFalse(spec.description() == null || spec.description().isBlank(), spec.name() + ": description");
        switch (spec.kind()) {
            case SCALAR: {
                Class<?> c = spec.implementation();
                assertNotNull(c, spec.name());
                expect(c, spec.method(), ulam.stdlib.Signatures.function(spec));
                for (int j = 0; j < spec.arity(); j++) {
                    expect(c, spec.method() + "D" + j, ulam.stdlib.Signatures.derivative(spec));
                }
                assertNoMethod(c, spec.method() + "D" + spec.arity());
                break;
            }
            case BLOCK: {
                Class<?> c = spec.implementation();
                assertNotNull(c, spec.name());
                assertEquals(spec.arity(), spec.argShapes().size(), spec.name() + ": one shape per argument");
                expect(c, spec.method(), ulam.stdlib.Signatures.function(spec));
                expect(c, spec.method() + "Backward", ulam.stdlib.Signatures.backward(spec));
                break;
            }
            case REDUCTION:
                assertNull(spec.implementation(), spec.name() + ": reductions are lowered by the compiler");
                break;
            case DATA: {
                Class<?> c = spec.implementation();
                assertNotNull(c, spec.name());
                boolean found = Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(spec.method())
                        && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == spec.arity());
                assertTrue(found, spec.name() + ": no public static " + c.getSimpleName() + "." + spec.method()
                        + " with " + spec.arity() + " parameter(s)");
                break;
            }
            default:
                fail("unknown kind " + spec.kind());
        }
    }

    @org.junit.jupiter.api.Test
    void transformMethodsHaveTheSpecifiedSignatures() {
        for (TransformSpec spec : Registry.transforms()) {
            Class<?> c = spec.implementation();
            assertNotNull(c, spec.type());
            expect(c, "unconstrainedSize", ulam.stdlib.Signatures.SIZE);
            expect(c, "constrainedSize", ulam.stdlib.Signatures.SIZE);
            expect(c, "constrain", ulam.stdlib.Signatures.CONSTRAIN);
            expect(c, "backward", ulam.stdlib.Signatures.TRANSFORM_BACKWARD);
            expect(c, "unconstrain", ulam.stdlib.Signatures.UNCONSTRAIN);
        }
    }

    /** A public static, non-varargs method of that name with exactly that JVM descriptor (what the compiler emits). */
    private static void expect(Class<?> c, String name, String descriptor) {
        Method found = null;
        for (Method m : c.getMethods()) {
            if (!m.getName().equals(name)) continue;
            String d = java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
            if (d.equals(descriptor)) found = m;
        }
        assertNotNull(found, c.getName() + " lacks public static " + name + descriptor);
        assertTrue(Modifier.isStatic(found.getModifiers()), c.getName() + "." + name + " must be static");
        assertFalse(found.isVarArgs(), c.getName() + "." + name + " must not be varargs");
    }

    private static void assertNoMethod(Class<?> c, String name) {
        assertTrue(Arrays.stream(c.getMethods()).noneMatch(m -> m.getName().equals(name)),
                c.getName() + " has " + name + " but the registry does not say so");
    }
}
