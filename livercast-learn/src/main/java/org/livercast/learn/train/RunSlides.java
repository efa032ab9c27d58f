package org.livercast.learn.train;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.nn.BagSpill;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.slide.SlideBags;

/**
 * A training run's slides: their reader ({@code bags}, null when the run reads none) and, when the cohort's bags do not fit
 * the heap ({@link SlideMemory}), the scratch file the encoded patients' bags are moved to (else null). Closing it removes
 * that file; the run's patients cannot be scored after.
 */
record RunSlides(SlideBags bags, BagSpill spill) implements Closeable {
    static final RunSlides NONE = new RunSlides(null, null);

    /** The patient as encoded, with its slide's bag moved to the scratch file when the run has one. */
    InputEncoder.Encoded place(InputEncoder.Encoded e, List<Modality> modalities) throws IOException {
        if (spill == null) return e;
        for (int k = 0; k < modalities.size(); k++) if (modalities.get(k).bag()) e = e.spill(k, spill);
        return e;
    }

    @Override
    public void close() throws IOException {
        if (spill != null) spill.close();
    }
}
