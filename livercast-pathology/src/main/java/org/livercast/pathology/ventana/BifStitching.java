package org.livercast.pathology.ventana;

import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.tiff.TiffException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * How a Ventana BIF's level-0 tiles are stitched, from the EncodeInfo XML in level 0's XMP packet, as OpenSlide reads it.
 *
 * <p>The scanner photographs each scanned area (AOI) as a grid of overlapping tiles; the level-0 directory keeps every
 * tile whole, on a TIFF grid where each area starts at its origin (AoiOrigin, in pixels of that grid). The joints
 * between neighbours (TileJointInfo: tiles numbered from 1 in a serpentine from the bottom left, RIGHT or UP, with the
 * overlap and the stitcher's confidence) give the advance from one tile to the next: the tile size less the overlap
 * averaged over every joint of that direction, weighted by confidence — one advance for the whole slide, as OpenSlide
 * 3.4 and 4 place the tiles. Areas stand at Pos-X and at Pos-Y measured up from below all areas; here y is measured down
 * from the top of the highest area.
 */
record BifStitching(List<Area> areas, double advanceX, double advanceY) {
    /** A scanned area: its first tile in the level-0 TIFF grid, its tiles, and where its top-left tile stands. */
    record Area(long startColumn, long startRow, long columns, long rows, long x, long y) {}

    static BifStitching parse(Document d, int tileWidth, int tileHeight, String where) {
        Element root = d.getDocumentElement();
        if (!"EncodeInfo".equals(root.getNodeName())) throw new TiffException(where + ": level 0's XMP packet is not EncodeInfo but " + root.getNodeName());
        List<Element> infos = new ArrayList<>();
        for (Element stitch : children(root, "SlideStitchInfo")) infos.addAll(children(stitch, "ImageInfo"));
        List<Element> origins = new ArrayList<>();
        for (Element o : children(root, "AoiOrigin")) origins.addAll(children(o, null));
        if (infos.size() != origins.size()) {
            throw new TiffException(where + ": EncodeInfo has " + infos.size() + " ImageInfo elements but " + origins.size() + " AoiOrigin entries");
        }
        List<long[]> raw = new ArrayList<>();
        double offsetX = 0;
        double offsetY = 0;
        long weightX = 0;
        long weightY = 0;
        for (int i = 0; i < infos.size(); i++) {
            Element info = infos.get(i);
            Element origin = origins.get(i);
            String aoi = where + ": AOI " + i;
            if (VentanaXml.integer(info, "AOIScanned", aoi) == 0) continue;
            long originX = VentanaXml.integer(origin, "OriginX", aoi);
            long originY = VentanaXml.integer(origin, "OriginY", aoi);
            long w = VentanaXml.integer(info, "Width", aoi);
            long h = VentanaXml.integer(info, "Height", aoi);
            if (w != tileWidth || h != tileHeight) {
                throw new TiffException(aoi + ": tiles of " + w + "x" + h + " where level 0's directory has " + tileWidth + "x" + tileHeight);
            }
            if (originX % tileWidth != 0 || originY % tileHeight != 0) throw new TiffException(aoi + ": origin (" + originX + ", " + originY + ") is not on the tile grid");
            long columns = VentanaXml.integer(info, "NumCols", aoi);
            long rows = VentanaXml.integer(info, "NumRows", aoi);
            if (columns <= 0 || rows <= 0) throw new TiffException(aoi + ": " + columns + " x " + rows + " tiles");
            // Whole numbers in practice, at times written as decimals: truncated, as OpenSlide does.
            long x = (long) VentanaXml.real(info, "Pos-X", aoi);
            long y = (long) VentanaXml.real(info, "Pos-Y", aoi);
            for (Element joint : children(info, "TileJointInfo")) {
                long[] t1 = tile(joint, "Tile1", columns, rows, aoi);
                long[] t2 = tile(joint, "Tile2", columns, rows, aoi);
                String direction = joint.getAttribute("Direction");
                boolean vertical;
                if ("RIGHT".equals(direction)) {
                    vertical = false;
                    if (t2[0] != t1[0] + 1 || t2[1] != t1[1]) throw badJoint(aoi, direction, t1, t2);
                } else if ("UP".equals(direction)) {
                    vertical = true;
                    if (t2[0] != t1[0] || t2[1] != t1[1] - 1) throw badJoint(aoi, direction, t1, t2);
                } else {
                    throw new TiffException(aoi + ": tile joint direction '" + direction + "' is not RIGHT or UP");
                }
                long confidence = VentanaXml.integer(joint, "Confidence", aoi);
                if (vertical) {
                    offsetY += confidence * -VentanaXml.real(joint, "OverlapY", aoi);
                    weightY += confidence;
                } else {
                    offsetX += confidence * -VentanaXml.real(joint, "OverlapX", aoi);
                    weightX += confidence;
                }
            }
            raw.add(new long[] {originX / tileWidth, originY / tileHeight, columns, rows, x, y});
        }
        // Without joints (one tile a row or column) there is no overlap to average: the tiles abut.
        double advanceX = tileWidth + (weightX == 0 ? 0 : offsetX / weightX);
        double advanceY = tileHeight + (weightY == 0 ? 0 : offsetY / weightY);
        long top = 0;
        long[] heights = new long[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            heights[i] = (long) ((raw.get(i)[3] - 1) * advanceY + tileHeight);
            top = Math.max(top, raw.get(i)[5] + heights[i]);
        }
        List<Area> areas = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            long[] a = raw.get(i);
            areas.add(new Area(a[0], a[1], a[2], a[3], a[4], top - a[5] - heights[i]));
        }
        return new BifStitching(List.copyOf(areas), advanceX, advanceY);
    }

    /** A joint's tile number (from 1, serpentine from the bottom left) as (column, row) of its area, rows from the top. */
    private static long[] tile(Element joint, String attribute, long columns, long rows, String where) {
        long n = VentanaXml.integer(joint, attribute, where);
        if (n < 1 || n > columns * rows) throw new TiffException(where + ": tile joint " + attribute + "=" + n + " is not one of the area's " + columns * rows + " tiles");
        n -= 1;
        long column = n % columns;
        long fromBottom = n / columns;
        if (fromBottom % 2 == 1) column = columns - column - 1;
        return new long[] {column, rows - fromBottom - 1};
    }

    private static TiffException badJoint(String where, String direction, long[] t1, long[] t2) {
        return new TiffException(where + ": tile joint " + direction + " from (" + t1[0] + ", " + t1[1] + ") to (" + t2[0] + ", " + t2[1] + ") does not join neighbours");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && (name == null || name.equals(e.getNodeName()))) out.add(e);
        }
        return out;
    }
}
