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
        Class<?> outcome = Signatures.jvm(spec.outcome());
        expect(c, "lpdf", Signatures.lpdf(spec), double.class);
        expect(c, "kernel", Signatures.kernel(spec), double.class);
        expect(c, "rng", Signatures.rng(spec), outcome);
        if (spec.hasConstant()) {
            expect(c, "constant", Signatures.constant(spec), double.class);
        } else {
            assertNoMethod(c, "constant");
        }
        // one overload of each: the compiler must never have to choose
        for (String name : new String[] {"lpdf", "kernel", "rng", "constant"}) {
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
                expect(c, spec.method(), Signatures.function(spec), double.class);
                for (int j = 0; j < spec.arity(); j++) {
                    expect(c, spec.method() + "D" + j, Signatures.functionPartial(spec), double.class);
                }
                assertNoMethod(c, spec.method() + "D" + spec.arity());
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

    private static void expect(Class<?> c, String name, Class<?>[] parameters, Class<?> result) {
        Method m;
        try {
            m = c.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            fail(c.getName() + " lacks public " + result.getSimpleName() + " " + name
                    + Arrays.toString(Arrays.stream(parameters).map(Class::getSimpleName).toArray()));
            return;
        }
        assertTrue(Modifier.isStatic(m.getModifiers()), c.getName() + "." + name + " must be static");
        assertEquals(result, m.getReturnType(), c.getName() + "." + name + " return type");
        assertFalse(m.isVarArgs(), c.getName() + "." + name + " must not be varargs");
    }

    private static void assertNoMethod(Class<?> c, String name) {
        assertTrue(Arrays.stream(c.getMethods()).noneMatch(m -> m.getName().equals(name)),
                c.getName() + " has " + name + " but the registry does not say so");
    }
}
