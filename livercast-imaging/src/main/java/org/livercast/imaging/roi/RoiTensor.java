package org.livercast.imaging.roi;

import java.util.List;
import org.livercast.core.model.Phase;

/**
 * The model input: phases × D × H × W floats on one tumour-centred grid (row-major: phase, k, j, i), the tumour mask
 * and its peritumoral shell on the same grid, and the grid's geometry so every value can be traced to patient space.
 */
public record RoiTensor(List<Phase> phases, Grid grid, float[] data, boolean[] tumour, boolean[] shell) {
    public int[] shape() { return new int[] {phases.size(), grid.nz(), grid.ny(), grid.nx()}; }

    public float value(int phase, int i, int j, int k) {
        return data[phase * grid.size() + i + grid.nx() * (j + grid.ny() * k)];
    }
}
