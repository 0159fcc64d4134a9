package ulam.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The row-block partition, the threads a chain gets, and the runner of block groups. */
class RowThreadsTest {

    @AfterEach
    void defaults() {
        RowBlocks.forTests(RowBlocks.DEFAULT_THRESHOLD, RowBlocks.DEFAULT_BLOCK_ROWS);
    }

    @Test
    void partitionDependsOnTheRowsAlone() {
        assertEquals(1, RowBlocks.blocks(RowBlocks.DEFAULT_THRESHOLD - 1));
        assertEquals(4, RowBlocks.blocks(20_000));
        assertEquals(16, RowBlocks.blocks(100_000));
        assertEquals(RowBlocks.MAX_BLOCKS, RowBlocks.blocks(10_000_000));
        RowBlocks.forTests(10, 7);
        assertEquals(1, RowBlocks.blocks(9));
        assertEquals(2, RowBlocks.blocks(10));
        assertEquals(5, RowBlocks.blocks(35));
    }

    @Test
    void extraThreadsOnlyWhenCoresExceedRunningChains() {
        try (RowThreads t = new RowThreads(4)) {
            assertEquals(4, t.threadsNow());   // no chain registered: a benchmark's single caller
            for (int c = 0; c < 4; c++) t.chainStarted();
            assertEquals(1, t.threadsNow());
            t.chainEnded();
            t.chainEnded();
            assertEquals(2, t.threadsNow());
            t.chainEnded();
            assertEquals(4, t.threadsNow());
        }
        assertThrows(IllegalArgumentException.class, () -> new RowThreads(0));
    }

    @Test
    void everyGroupRunsOnceAndHelpersRunSome() {
        try (RowThreads t = new RowThreads(3)) {
            ConcurrentHashMap<Integer, String> ran = new ConcurrentHashMap<>();
            AtomicInteger calls = new AtomicInteger();
            t.parallel(3, g -> {
                calls.incrementAndGet();
                ran.put(g, Thread.currentThread().getName());
            });
            assertEquals(3, calls.get());
            assertEquals(Thread.currentThread().getName(), ran.get(0), "group 0 runs on the caller");
            assertTrue(ran.get(1).startsWith("ulam-rows-") && ran.get(2).startsWith("ulam-rows-"), ran.toString());
            assertEquals(1, t.splits());
        }
    }

    @Test
    void aHelpersFailureIsRethrownAndAClosedPoolRunsOnTheCaller() {
        RowThreads t = new RowThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.parallel(2, g -> {
            if (g == 1) throw new IllegalStateException("block failed");
        }));
        assertEquals("block failed", e.getMessage());
        t.close();
        String[] where = new String[2];
        t.parallel(2, g -> where[g] = Thread.currentThread().getName());
        assertArrayEquals(new String[] {Thread.currentThread().getName(), Thread.currentThread().getName()}, where);
    }

    /**
     * A reused {@link RowThreads.Job} runs every group once per call, over many calls and group
     * counts that grow; a failure is rethrown by its call only, not by the next one.
     */
    @Test
    void aReusedJobRunsEveryGroupOncePerCallAndForgetsAFailure() {
        try (RowThreads t = new RowThreads(3)) {
            int[] counts = new int[8];
            boolean[] fail = {false};
            RowThreads.Job job = new RowThreads.Job(g -> {
                synchronized (counts) {
                    counts[g]++;
                }
                if (fail[0] && g == 1) throw new IllegalArgumentException("group 1");
            });
            int calls = 0;
            for (int c = 0; c < 500; c++) {
                int groups = 2 + c % 7;
                t.parallel(groups, job);
                calls++;
                synchronized (counts) {
                    for (int g = 0; g < groups; g++) assertTrue(counts[g] > 0);
                }
            }
            int sum = 0;
            for (int n : counts) sum += n;
            int expected = 0;
            for (int c = 0; c < 500; c++) expected += 2 + c % 7;
            assertEquals(expected, sum, calls + " calls");
            fail[0] = true;
            assertThrows(IllegalArgumentException.class, () -> t.parallel(3, job));
            fail[0] = false;
            t.parallel(3, job);   // the failure is not thrown again
        }
    }

    @Test
    void concurrentCallersShareTheHelpersAndEveryGroupRunsOncePerCall() throws Exception {
        try (RowThreads t = new RowThreads(3)) {
            int callers = 4;
            int calls = 2_000;
            long[][] counts = new long[callers][4];
            Thread[] threads = new Thread[callers];
            AtomicInteger failures = new AtomicInteger();
            for (int c = 0; c < callers; c++) {
                long[] mine = counts[c];
                threads[c] = new Thread(() -> {
                    try {
                        for (int k = 0; k < calls; k++) {
                            long[] seen = new long[4];
                            t.parallel(4, g -> seen[g]++);
                            for (int g = 0; g < 4; g++) mine[g] += seen[g];
                        }
                    } catch (Throwable e) {
                        failures.incrementAndGet();
                    }
                });
                threads[c].start();
            }
            for (Thread th : threads) th.join();
            assertEquals(0, failures.get());
            for (long[] mine : counts) assertArrayEquals(new long[] {calls, calls, calls, calls}, mine);
            assertEquals((long) callers * calls, t.splits());
        }
    }
}
