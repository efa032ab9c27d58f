package org.livercast.pathology.leica;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.livercast.pathology.tiff.TiffException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML a Leica SCN scanner puts in the first ImageDescription: a collection (the glass, sizes in nanometres) of
 * images — the macro (a photograph of the whole glass: at offset 0 and the collection's size) and the main images
 * (scanned regions) at their offsets — each with its pyramid of directories ("dimensions", largest first, focal plane 0).
 */
record ScnCollection(long widthNm, long heightNm, String barcode, List<Image> images) {
    static final String NAMESPACE = "http://www.leica-microsystems.com/scn/";

    /** One directory of an image's pyramid. */
    record Dimension(int ifd, long width, long height) {}

    record Image(long widthNm, long heightNm, long offsetXNm, long offsetYNm, boolean macro, String illumination, String objective,
                 String aperture, String created, String deviceModel, String deviceVersion, List<Dimension> dimensions) {
        boolean brightfield() { return "brightfield".equals(illumination); }

        /** Nanometres a pixel of dimension {@code k} spans across (OpenSlide's "clicks per pixel"). */
        double nmPerPixel(int k) { return (double) widthNm / dimensions.get(k).width(); }
    }

    static ScnCollection parse(String xml, String where) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new TiffException(where + ": the Leica SCN description does not parse: " + e.getMessage(), e);
        }
        Element collection = child(root, "collection");
        if (!"scn".equals(root.getLocalName()) || collection == null) throw new TiffException(where + ": no SCN collection in the description");
        long w = number(collection, "sizeX", where);
        long h = number(collection, "sizeY", where);
        Element code = child(collection, "barcode");
        // SCN keeps the barcode base64-coded, as OpenSlide decodes it.
        String barcode = code == null ? null : decode(code.getTextContent().strip());
        List<Image> images = new ArrayList<>();
        for (Element image : children(collection, "image")) {
            Element view = child(image, "view");
            Element pixels = child(image, "pixels");
            if (view == null || pixels == null) throw new TiffException(where + ": an SCN image without its view or pixels");
            long vw = number(view, "sizeX", where);
            long vh = number(view, "sizeY", where);
            long ox = number(view, "offsetX", where);
            long oy = number(view, "offsetY", where);
            List<Dimension> dims = new ArrayList<>();
            for (Element d : children(pixels, "dimension")) {
                String z = d.getAttribute("z");
                if (!z.isEmpty() && !z.equals("0")) continue;             // focal plane 0 only
                dims.add(new Dimension((int) number(d, "ifd", where), number(d, "sizeX", where), number(d, "sizeY", where)));
            }
            dims.sort(Comparator.comparingLong(Dimension::width).reversed());
            Element settings = child(image, "scanSettings");
            Element illumination = settings == null ? null : child(settings, "illuminationSettings");
            Element objective = settings == null ? null : child(settings, "objectiveSettings");
            Element device = child(image, "device");
            images.add(new Image(vw, vh, ox, oy, ox == 0 && oy == 0 && vw == w && vh == h, text(illumination, "illuminationSource"),
                    text(objective, "objective"), text(illumination, "numericalAperture"), text(image, "creationDate"),
                    device == null ? null : device.getAttribute("model"), device == null ? null : device.getAttribute("version"), List.copyOf(dims)));
        }
        return new ScnCollection(w, h, barcode, List.copyOf(images));
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return b64;
        }
    }

    private static long number(Element e, String attribute, String where) {
        try {
            return Long.parseLong(e.getAttribute(attribute).strip());
        } catch (NumberFormatException x) {
            throw new TiffException(where + ": SCN " + e.getLocalName() + " has no whole-number " + attribute + " ('" + e.getAttribute(attribute) + "')");
        }
    }

    private static String text(Element parent, String name) {
        Element e = parent == null ? null : child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }
}
