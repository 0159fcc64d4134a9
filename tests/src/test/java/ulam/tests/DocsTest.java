package ulam.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ulam.stdlib.DistributionSpec;
import ulam.stdlib.FunctionSpec;
import ulam.stdlib.Registry;

/** docs/language.md lists every distribution (with its aliases) and every function the registry knows. */
class DocsTest {

    @Test
    void languageReferenceCoversTheRegistry() throws IOException {
        String doc = Files.readString(Path.of("docs/language.md"));
        for (DistributionSpec d : Registry.distributions()) {
            assertTrue(doc.contains("`" + d.name() + "`"), "docs/language.md lacks distribution " + d.name());
            for (String alias : d.aliases()) {
                assertTrue(doc.contains("`" + alias + "`"), "docs/language.md lacks alias " + alias + " of " + d.name());
            }
        }
        for (FunctionSpec f : Registry.functions()) {
            assertTrue(doc.contains(f.name()), "docs/language.md lacks function " + f.name());
        }
    }
}
