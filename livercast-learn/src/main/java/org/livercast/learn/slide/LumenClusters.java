package org.livercast.learn.slide;

/**
 * Cell clusters floating in a lumen: how a pathologist recognises a tumour embolus (microvascular invasion) — a cluster
 * of cells inside a vessel, set apart from the wall by an empty (often retraction) space — as opposed to a vessel with
 * blood in it, or tissue with sinusoids running through it. Tile histograms cannot see it (the embolus is a few percent
 * of a tile's pixels and its colour is the tumour's); this looks at shape instead.
 *
 * <p>The tile is averaged into {@link #BLOCK_PX}-pixel blocks (the grain of single pixels and red cells averages out),
 * each block is pale (lumen, retraction space, background) or stained, and both kinds are grouped into 4-connected
 * regions. A stained region is a cluster in a lumen when it reaches at most one edge of the tile, is larger than a
 * cluster of red cells and smaller than {@link #MAX_TILE_FRACTION} of the tile, and every pale region around it is closed
 * within the tile or cut by one edge (a lumen, not a sinusoid or the slide's background running across the tile).
 * Trabeculae between sinusoids run across the tile, a crescent of tissue between a wavy sinusoid and the tile's edge
 * borders a pale region that reaches two edges, and the tissue around a vessel is one region with its wall: none counts.
 * An embolus cut by one edge of the tile still counts (its retraction space is cut by the same edge); one whose vessel a
 * corner of the grid cuts does not, so by the grid's geometry about two in three emboli of 40–70 µm register.
 */
final class LumenClusters {
    static final int BLOCK_PX = 4;
    /**
     * A block whose mean optical density (r + g + b) is below this is pale: an empty lumen or retraction space reads
     * 0.2–0.45 under the synthetic centres' stain shifts, the palest cytoplasm (non-tumour liver) 0.55 and above.
     */
    static final double PALE_OD = 0.5;
    /** 48 blocks of 4 × 4 px = 768 px at 0.5 µm, a disc of ~8 µm radius: a cluster of red cells stays below it. */
    static final int MIN_BLOCKS = 48;
    static final double MAX_TILE_FRACTION = 0.4;

    private final int blocksWide;
    private final int blocksHigh;
    private final double[] haematoxylinSum;
    private final double[] opticalDensitySum;

    /** An empty accumulator for a tile of this size; the pixels go in through {@link #add}. */
    LumenClusters(int widthPx, int heightPx) {
        blocksWide = widthPx / BLOCK_PX;
        blocksHigh = heightPx / BLOCK_PX;
        haematoxylinSum = new double[blocksWide * blocksHigh];
        opticalDensitySum = new double[blocksWide * blocksHigh];
    }

    /**
     * One pixel's H amount and r + g + b optical density, added to its block as the encoder's single pass over the tile
     * reads it (a second pass over stored per-pixel arrays cost a third of the encoder's time); pixels of a partial block
     * at the right or bottom edge are left out.
     */
    void add(int xPx, int yPx, double haematoxylin, double opticalDensity) {
        int bx = xPx / BLOCK_PX, by = yPx / BLOCK_PX;
        if (bx >= blocksWide || by >= blocksHigh) return;
        int b = by * blocksWide + bx;
        haematoxylinSum[b] += haematoxylin;
        opticalDensitySum[b] += opticalDensity;
    }

    /** The fraction of the tile covered by clusters in a lumen, and their mean haematoxylin amount (0 with none). */
    float[] features() {
        int bw = blocksWide;
        int bh = blocksHigh;
        if (bw < 3 || bh < 3) return new float[2];
        int blocks = bw * bh;
        double[] blockH = new double[blocks];
        boolean[] stained = new boolean[blocks];
        double perBlock = BLOCK_PX * BLOCK_PX;
        for (int b = 0; b < blocks; b++) {
            blockH[b] = haematoxylinSum[b] / perBlock;
            stained[b] = opticalDensitySum[b] / perBlock >= PALE_OD;
        }
        // Pale regions first: a lumen is closed within the tile (or cut by one edge), a sinusoid or the slide's
        // background runs across it.
        int[] paleLabel = new int[blocks];
        int[] queue = new int[blocks];
        int[] paleEdgeCount = new int[blocks + 1];     // by pale label (1, 2, …): how many tile edges the region reaches
        int pale = 0;
        for (int seed = 0; seed < blocks; seed++) {
            if (stained[seed] || paleLabel[seed] != 0) continue;
            pale++;
            paleEdgeCount[pale] = Integer.bitCount(flood(seed, false, stained, paleLabel, pale, queue, bw, bh).edges);
        }
        int[] label = new int[blocks];
        long clusterBlocks = 0;
        double clusterH = 0;
        int next = 0;
        for (int seed = 0; seed < blocks; seed++) {
            if (!stained[seed] || label[seed] != 0) continue;
            Region c = flood(seed, true, stained, label, ++next, queue, bw, bh);
            if (Integer.bitCount(c.edges) > 1 || c.size < MIN_BLOCKS || c.size > MAX_TILE_FRACTION * blocks) continue;
            boolean inALumen = true;
            double sumH = 0;
            for (int i = 0; i < c.size && inALumen; i++) {
                int b = queue[i];
                sumH += blockH[b];
                int x = b % bw, y = b / bw;
                for (int nb : new int[] {x > 0 ? b - 1 : -1, x < bw - 1 ? b + 1 : -1, y > 0 ? b - bw : -1, y < bh - 1 ? b + bw : -1}) {
                    if (nb >= 0 && !stained[nb] && paleEdgeCount[paleLabel[nb]] > 1) inALumen = false;
                }
            }
            if (inALumen) {
                clusterBlocks += c.size;
                clusterH += sumH;
            }
        }
        return new float[] {(float) clusterBlocks / blocks, clusterBlocks == 0 ? 0 : (float) (clusterH / clusterBlocks)};
    }

    private record Region(int size, int edges) {}

    /**
     * Labels the 4-connected region of blocks with {@code stained[b] == kind} around {@code seed}; its blocks are left in
     * {@code queue[0, size)}, and {@code edges} has a bit for each tile edge it reaches.
     */
    private static Region flood(int seed, boolean kind, boolean[] stained, int[] label, int id, int[] queue, int bw, int bh) {
        int head = 0, tail = 0, edges = 0;
        queue[tail++] = seed;
        label[seed] = id;
        while (head < tail) {
            int b = queue[head++];
            int x = b % bw, y = b / bw;
            if (x == 0) edges |= 1;
            if (x == bw - 1) edges |= 2;
            if (y == 0) edges |= 4;
            if (y == bh - 1) edges |= 8;
            if (x > 0 && stained[b - 1] == kind && label[b - 1] == 0) { label[b - 1] = id; queue[tail++] = b - 1; }
            if (x < bw - 1 && stained[b + 1] == kind && label[b + 1] == 0) { label[b + 1] = id; queue[tail++] = b + 1; }
            if (y > 0 && stained[b - bw] == kind && label[b - bw] == 0) { label[b - bw] = id; queue[tail++] = b - bw; }
            if (y < bh - 1 && stained[b + bw] == kind && label[b + bw] == 0) { label[b + bw] = id; queue[tail++] = b + bw; }
        }
        return new Region(tail, edges);
    }
}
