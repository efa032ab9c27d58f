package org.livercast.learn.slide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.WholeSlide;

/**
 * A cohort's tile embeddings written out as TRIDENT writes a foundation model's
 * ({@code features_<encoder>/<slide>.h5}, {@link TileFeaturesH5}): for a MIL model trained elsewhere on LiverCast's tiles,
 * for TRIDENT's slide encoders, and to read back with {@code --tile-encoder DIR}.
 */
public final class TileFeaturesExport {
    private TileFeaturesExport() {}

    /**
     * What was written.
     *
     * @param folder {@code out/features_<encoder id>}
     * @param withoutTissue slides in which no tile is tissue: no file (as TRIDENT writes none; HDF5 as jHDF writes it has no
     *     empty dataset), so a model reading the folder refuses them by name
     */
    public record Written(Path folder, int files, List<Path> withoutTissue) {}

    /**
     * Embeds (or reads from the cache) every slide and writes its file; slides are embedded on all cores.
     *
     * @throws UnusableInputException when two slides share a name (their files would overwrite each other)
     */
    public static Written write(List<Path> slides, SlideBags bags, Path out, Consumer<String> progress) throws IOException {
        Map<String, Path> byName = new HashMap<>();
        for (Path s : slides) {
            Path other = byName.putIfAbsent(TileFeaturesH5.slideName(s), s);
            if (other != null) {
                throw new UnusableInputException(s + ": another slide has the same name (" + other + "); a features folder holds one file per slide name");
            }
        }
        Path folder = out.resolve("features_" + bags.encoder().id());
        SlideProgress bar = new SlideProgress(slides.size(), progress);
        List<Path> withoutTissue = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            slides.parallelStream().forEach(s -> {
                try {
                    double mpp;
                    try (WholeSlide slide = Slides.open(s)) {
                        mpp = slide.micronsPerPixel();
                    }
                    String name = TileFeaturesH5.slideName(s);
                    SlideBag bag = bags.of(s);
                    if (bag.size() == 0) {
                        withoutTissue.add(s);
                    } else {
                        TileFeaturesH5.write(folder.resolve(name + ".h5"), bag, name, mpp, bags.encoder().id());
                    }
                    bar.slideDone();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> empty = withoutTissue.stream().sorted().toList();
        return new Written(folder, slides.size() - empty.size(), empty);
    }
}
