package org.livercast.learn.inputs;

import java.io.IOException;
import org.livercast.core.model.Pathology;
import org.livercast.core.model.ResectionMargin;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.report.PathologyFindings;
import org.livercast.learn.report.PathologyReportReader;
import org.livercast.learn.report.ReportHeader;
import org.livercast.learn.slide.SlideBag;
import org.livercast.learn.slide.SlideBags;
import java.util.Optional;

/**
 * What is known once pathology has reported, before any adjuvant therapy: the pre-operative inputs, the pathology
 * (the report's findings, completed by the structured export where the report is silent), the margin, whether
 * neoadjuvant therapy was given, and the H&amp;E slide's tile embeddings when there is a slide and a
 * {@link SlideBags} to read it with. Adjuvant treatment and follow-up are not here: they come after the POST prediction.
 */
public record PostOperativeInputs(PreOperativeInputs pre, PathologyFindings pathology, ResectionMargin margin,
                                  boolean neoadjuvant, String pathologyText, Optional<SlideBag> slide) {
    /** Without the slide. */
    public static PostOperativeInputs of(PatientCase c) throws IOException { return of(c, null); }

    /** With the slide embedded (or read from the cache) by {@code slides}, when the case has one; {@code slides} may be null. */
    public static PostOperativeInputs of(PatientCase c, SlideBags slides) throws IOException { return of(c, slides, false); }

    /** With the slide (when {@code slides} is given) and the MRI tensor (when {@code images}). */
    public static PostOperativeInputs of(PatientCase c, SlideBags slides, boolean images) throws IOException {
        PreOperativeInputs pre = PreOperativeInputs.of(c, images);
        PathologyFindings fromReport = PathologyFindings.none();
        String text = "";
        if (c.pathologyReport().isPresent()) {
            String raw = org.livercast.core.io.TextEncoding.read(c.pathologyReport().get()).text();
            fromReport = PathologyReportReader.read(raw);
            text = ReportHeader.strip(raw);
        }
        Pathology structured = c.record().pathology();
        PathologyFindings merged = new PathologyFindings(
                first(fromReport.diagnosis(), structured.diagnosis()), first(fromReport.mvi(), structured.mvi()),
                first(fromReport.edmondsonGrade(), structured.edmondsonGrade()), first(fromReport.satelliteNodules(), structured.satelliteNodules()),
                first(fromReport.capsuleComplete(), structured.capsuleComplete()),
                first(fromReport.margin(), c.record().treatment() == null ? null : c.record().treatment().margin()),
                fromReport.tumourSizesMm(), fromReport.reportDate());
        boolean neo = c.record().treatment() != null && c.record().treatment().hadNeoadjuvantTherapy();
        Optional<SlideBag> bag = slides != null && c.slide().isPresent() ? Optional.of(slides.of(c.slide().get())) : Optional.empty();
        return new PostOperativeInputs(pre, merged, merged.margin(), neo, text, bag);
    }

    /**
     * The same inputs with the case's slide read by {@code slides} (none when either is absent): a training run reads the
     * other inputs once and each slide only while it encodes that patient, so a cohort's tile embeddings are never all
     * held at once beside the networks' flattened copy of them.
     */
    public PostOperativeInputs withSlide(PatientCase c, SlideBags slides) throws IOException {
        Optional<SlideBag> bag = slides != null && c.slide().isPresent() ? Optional.of(slides.of(c.slide().get())) : Optional.empty();
        return new PostOperativeInputs(pre, pathology, margin, neoadjuvant, pathologyText, bag);
    }

    private static <T> T first(T a, T b) { return a != null ? a : b; }
}
