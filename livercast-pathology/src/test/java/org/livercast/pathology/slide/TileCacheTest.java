package org.livercast.pathology.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Threads asking for the same tile while it is being decoded wait for that decode instead of decoding it again (readers
 * of neighbouring regions of a MIRAX or BIF slide need the same stored image at the same moment); a failed decode fails
 * every thread that waited for it, and the next request tries again.
 */
class TileCacheTest {
    @Test
    void aTileBeingLoadedIsLoadedOnceForEveryThreadAskingForIt() throws Exception {
        TileCache cache = new TileCache(4);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TileCache.Loader slow = () -> {
            loads.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return new int[] {42};
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<int[]> first = pool.submit(() -> cache.get(0, 1, 2, slow));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Future<int[]> second = pool.submit(() -> cache.get(0, 1, 2, slow));
            Future<int[]> third = pool.submit(() -> cache.get(0, 1, 2, slow));
            Thread.sleep(200);                                        // the two others now wait for the first's load
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(42);
            assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get());
            assertThat(third.get(10, TimeUnit.SECONDS)).isSameAs(first.get());
            assertThat(loads.get()).as("one decode").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLoadFailsItsCallerAndIsTriedAgain() throws Exception {
        TileCache cache = new TileCache(4);
        assertThatThrownBy(() -> cache.get(1, 0, 0, () -> { throw new IOException("tile (0, 0) is damaged"); }))
                .isInstanceOf(IOException.class).hasMessage("tile (0, 0) is damaged");
        assertThat(cache.get(1, 0, 0, () -> new int[] {7})).containsExactly(7);
    }
}
