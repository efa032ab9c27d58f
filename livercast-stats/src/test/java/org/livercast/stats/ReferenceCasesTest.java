package org.livercast.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.livercast.stats.reference.ReferenceCases;

/** Every case folder under shared/reference/stats must match R within its tolerance. */
class ReferenceCasesTest {
    static final Path SHARED = Path.of("..", "..", "shared", "reference", "stats");

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseMatchesR() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "shared/reference/stats is beside the repository");
        List<Path> cases = ReferenceCases.find(SHARED);
        assertThat(cases).isNotEmpty();
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            ReferenceCases.Outcome o = ReferenceCases.run(dir);
            assertThat(o.failures()).as(o.name() + " (" + o.kind() + ")").isEmpty();
        }));
    }
}
