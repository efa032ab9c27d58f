package org.livercast.core.model;

import org.livercast.core.Checks;

/**
 * A stained whole-slide image of the resected tumour.
 *
 * @param qcAccepted the slide QC verdict (faded, folded, broken, too little tissue); null until QC has run
 */
public record Slide(String slideId, String stain, String fileSha256, Boolean qcAccepted) {
    public Slide {
        Checks.requiredText("slide.id", slideId);
    }
}
