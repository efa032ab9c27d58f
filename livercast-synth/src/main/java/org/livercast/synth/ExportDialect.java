package org.livercast.synth;

import java.util.Locale;

/**
 * How a centre's systems write its export's tables and reports — what ingest meets in real centres, so that a synthetic
 * export exercises it. The template's own form is the default; {@link #BY_CENTRE} gives each centre a hospital's.
 */
public enum ExportDialect {
    /** The template: comma-separated UTF-8 tables with ISO dates, UTF-8 reports. */
    TEMPLATE,
    /**
     * A mainland Chinese hospital information system: both tables in one Excel 97-2003 workbook (patients and follow-up
     * on two sheets, dates as date cells, yes/no as 是/否), some columns under the hospital's Chinese names and enumerations
     * in its words (mapped by a columns.json beside it), reports saved in GB18030.
     */
    CHINESE_HIS,
    /** A Taiwan hospital: reports in traditional characters saved in Big5, sizes in 公分; tables with a UTF-8 BOM, dates 2024/1/12, sex 男/女. */
    TAIWAN_HIS,
    /**
     * A European hospital: tables separated by semicolons with decimal commas (Excel where the decimal mark is a comma),
     * dates day-first in tables and reports (12/01/2024), declared in a columns.json.
     */
    EUROPEAN,
    /**
     * An EHR's FHIR Bulk Data export instead of the tables: Patient, Observation, Condition, Procedure,
     * MedicationStatement, Encounter, ImagingStudy, AdverseEvent and Specimen resources as NDJSON, a file a type (reports
     * as the template's text files).
     */
    FHIR,
    /**
     * Centres take turns: the first, sixth, … a Chinese system's; the second, seventh, … a European's; the third … Taiwan's;
     * the fourth … the template; the fifth … an EHR's FHIR export.
     */
    BY_CENTRE;

    /** The dialect centre {@code id} ("C02") writes. */
    public ExportDialect formatFor(String centreId) {
        if (this != BY_CENTRE) return this;
        return switch ((Integer.parseInt(centreId.substring(1)) - 1) % 5) {
            case 0 -> CHINESE_HIS;
            case 1 -> EUROPEAN;
            case 2 -> TAIWAN_HIS;
            case 3 -> TEMPLATE;
            default -> FHIR;
        };
    }

    /** How a user names it: "template", "chinese-his", "taiwan-his", "european", "fhir", "by-centre". */
    public static ExportDialect parse(String s) {
        for (ExportDialect d : values()) if (d.word().equals(s.toLowerCase(Locale.ROOT).replace("by-center", "by-centre"))) return d;
        throw new IllegalArgumentException("'" + s + "' is not template, chinese-his, taiwan-his, european, fhir or by-centre");
    }

    public String word() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
}
