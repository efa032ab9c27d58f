package org.livercast.pathology.slide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML a Philips IntelliSite scanner puts in a TIFF's first ImageDescription (a DataObject of type DPUfsImport),
 * read as OpenSlide reads it: the top-level and first whole-slide image's attributes as {@code philips.*} properties
 * (each pixel data representation's as {@code philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[i].*}), each level's pixel
 * spacing (which gives the levels' true downsamples: the directories' sizes are padded to whole tiles), and the label and
 * macro when they are base64 JPEGs in the XML rather than directories. The barcode is base64 too.
 */
public record PhilipsMetadata(Map<String, String> properties, List<double[]> levelSpacingsMm, byte[] labelJpeg, byte[] macroJpeg, String barcode) {
    private static final String SCANNED_IMAGES = "PIM_DP_SCANNED_IMAGES";
    private static final String REPRESENTATIONS = "PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE";

    /** Whether the first directory is a Philips TIFF's: Software "Philips…" and the DPUfsImport XML. */
    public static boolean is(Ifd first) {
        String software = first.text(Ifd.SOFTWARE);
        String d = first.description();
        return software != null && software.startsWith("Philips") && d != null && d.contains("DataObject") && d.contains("DPUfsImport");
    }

    public static PhilipsMetadata parse(String xml, String where) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            root = doc.getDocumentElement();
        } catch (Exception e) {
            throw new TiffException(where + ": the Philips XML description does not parse: " + e.getMessage(), e);
        }
        if (!"DataObject".equals(root.getTagName()) || !"DPUfsImport".equals(root.getAttribute("ObjectType"))) {
            throw new TiffException(where + ": the description is not a Philips DPUfsImport DataObject");
        }
        Map<String, String> props = new LinkedHashMap<>();
        List<double[]> spacings = new ArrayList<>();
        byte[] label = null;
        byte[] macro = null;
        Element wsi = null;
        for (Element a : attributes(root)) {
            String name = a.getAttribute("Name");
            if (name.equals(SCANNED_IMAGES)) {
                for (Element image : arrayObjects(a)) {
                    String type = text(attribute(image, "PIM_DP_IMAGE_TYPE"));
                    if ("WSI".equals(type)) {
                        if (wsi != null) throw new TiffException(where + ": more than one whole-slide image in the Philips XML");
                        wsi = image;
                    } else if ("LABELIMAGE".equals(type) && label == null) {
                        label = base64(text(attribute(image, "PIM_DP_IMAGE_DATA")));
                    } else if ("MACROIMAGE".equals(type) && macro == null) {
                        macro = base64(text(attribute(image, "PIM_DP_IMAGE_DATA")));
                    }
                }
            } else if (leaf(a)) {
                props.put("philips." + name, a.getTextContent());
            }
        }
        if (wsi == null) throw new TiffException(where + ": no whole-slide image (PIM_DP_IMAGE_TYPE WSI) in the Philips XML");
        for (Element a : attributes(wsi)) {
            String name = a.getAttribute("Name");
            if (name.equals(REPRESENTATIONS)) {
                int i = 0;
                for (Element rep : arrayObjects(a)) {
                    for (Element ra : attributes(rep)) if (leaf(ra)) props.put("philips." + REPRESENTATIONS + "[" + i + "]." + ra.getAttribute("Name"), ra.getTextContent());
                    Element spacing = attribute(rep, "DICOM_PIXEL_SPACING");
                    if (spacing != null) spacings.add(spacing(spacing.getTextContent(), where));
                    i++;
                }
            } else if (leaf(a)) {
                props.put("philips." + name, a.getTextContent());
            }
        }
        String spacing = props.get("philips.DICOM_PIXEL_SPACING");
        if (spacing != null) {
            double[] s = spacing(spacing, where);
            props.put("openslide.mpp-x", Double.toString(1e3 * s[0]));
            props.put("openslide.mpp-y", Double.toString(1e3 * s[1]));
        }
        String power = objectivePower(props.get("philips.DICOM_DERIVATION_DESCRIPTION"));
        if (power != null) props.put("openslide.objective-power", power);
        String code = props.get("philips.PIM_DP_UFS_BARCODE");
        String barcode = code == null ? null : new String(base64(code), StandardCharsets.UTF_8);
        return new PhilipsMetadata(Map.copyOf(props), List.copyOf(spacings), label, macro, barcode);
    }

    /** {width, height} in mm from DICOM's row spacing then column spacing, each quoted: "0.000227" "0.000227". */
    private static double[] spacing(String s, String where) {
        String[] parts = s.strip().split("\\s+");
        try {
            if (parts.length == 2) return new double[] {Double.parseDouble(parts[1].replace("\"", "")), Double.parseDouble(parts[0].replace("\"", ""))};
        } catch (NumberFormatException ignored) {
            // named below
        }
        throw new TiffException(where + ": Philips pixel spacing '" + s + "' is not two numbers");
    }

    /** "…-levels=40,20,10-…": the first level's number when it looks like an objective power (as OpenSlide). */
    private static String objectivePower(String derivation) {
        if (derivation == null) return null;
        for (String item : derivation.split("-")) {
            if (item.startsWith("sourceFilename=")) return null;
            if (item.startsWith("levels=")) {
                String first = item.substring("levels=".length()).split(",")[0];
                try {
                    long v = Long.parseLong(first);
                    return v > 0 && v <= 200 ? Long.toString(v) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<Element> attributes(Element dataObject) {
        List<Element> out = new ArrayList<>();
        for (Node n = dataObject.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("Attribute")) out.add(e);
        }
        return out;
    }

    private static List<Element> arrayObjects(Element attribute) {
        List<Element> out = new ArrayList<>();
        for (Node n = attribute.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element array && array.getTagName().equals("Array")) {
                for (Node m = array.getFirstChild(); m != null; m = m.getNextSibling()) {
                    if (m instanceof Element o && o.getTagName().equals("DataObject")) out.add(o);
                }
            }
        }
        return out;
    }

    private static Element attribute(Element dataObject, String name) {
        for (Element a : attributes(dataObject)) if (a.getAttribute("Name").equals(name)) return a;
        return null;
    }

    private static boolean leaf(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element) return false;
        return true;
    }

    private static String text(Element e) { return e == null ? null : e.getTextContent().strip(); }

    private static byte[] base64(String s) { return s == null ? null : Base64.getMimeDecoder().decode(s.strip()); }
}
