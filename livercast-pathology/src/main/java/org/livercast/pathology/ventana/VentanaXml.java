package org.livercast.pathology.ventana;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.livercast.pathology.tiff.TiffException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The XML a Ventana BIF keeps in its TIFF XMP packets (tag 700): parsed without DTDs or external entities. */
final class VentanaXml {
    private VentanaXml() {}

    static Document parse(byte[] xmp, String where) {
        // XMP packets are padded with NULs by some writers.
        int n = xmp.length;
        while (n > 0 && xmp[n - 1] == 0) n--;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xmp, 0, n));
        } catch (Exception e) {
            throw new TiffException(where + ": XMP packet is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The iScan element: the root, or a child of a Metadata root (found in some slides); null when neither. */
    static Element iScan(Document d) {
        Element root = d.getDocumentElement();
        if ("iScan".equals(root.getNodeName())) return root;
        if ("Metadata".equals(root.getNodeName())) {
            for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && "iScan".equals(e.getNodeName())) return e;
            }
        }
        return null;
    }

    /** Whether a directory's XMP packet is a Ventana iScan description (what OpenSlide detects a BIF by). */
    static boolean isIScan(byte[] xmp) {
        if (xmp == null || !new String(xmp, StandardCharsets.ISO_8859_1).contains("iScan")) return false;
        try {
            return iScan(parse(xmp, "")) != null;
        } catch (TiffException notXml) {
            return false;
        }
    }

    static long integer(Element e, String attribute, String where) {
        String v = e.getAttribute(attribute);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException ex) {
            throw new TiffException(where + ": " + e.getNodeName() + " " + attribute + "='" + v + "' is not an integer");
        }
    }

    static double real(Element e, String attribute, String where) {
        String v = e.getAttribute(attribute);
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException ex) {
            throw new TiffException(where + ": " + e.getNodeName() + " " + attribute + "='" + v + "' is not a number");
        }
    }
}
