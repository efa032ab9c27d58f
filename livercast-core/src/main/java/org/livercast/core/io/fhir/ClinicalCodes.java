package org.livercast.core.io.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standard codes that carry the clinical template's columns in FHIR: LOINC for laboratory values, the ECOG score and
 * tumour size; ICD-10 (and ICD-10-CM, ICD-O-3 morphology) for diagnoses and liver disease; CPT for the operation and
 * TACE; ATC for the drugs; UCUM for units. Where several codes mean the same column, all are read and the first is
 * written. A column with no standard code here is carried by LiverCast's own code (see {@link TemplateCodes}), and a
 * centre maps its own codes to either in its {@code fhir.json} ({@link CentreCodes}).
 */
public final class ClinicalCodes {
    public static final String LOINC = "http://loinc.org";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD_O3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String ATC = "http://www.whocc.no/atc";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

    /** One code of a code system, with the display written beside it. */
    public record Code(String system, String code, String display) {
        public String key() { return system + "|" + code; }
    }

    private ClinicalCodes() {}

    /** Laboratory columns (the template's analytes and serologies) by their LOINC codes; the first of each is written. */
    public static final Map<String, List<Code>> LABS = new LinkedHashMap<>();
    static {
        LABS.put("albumin", List.of(loinc("1751-7", "Albumin [Mass/volume] in Serum or Plasma")));
        LABS.put("total_bilirubin", List.of(loinc("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"),
                loinc("14631-6", "Bilirubin.total [Moles/volume] in Serum or Plasma")));
        LABS.put("inr", List.of(loinc("6301-6", "INR in Platelet poor plasma by Coagulation assay"),
                loinc("34714-6", "INR in Blood by Coagulation assay")));
        LABS.put("afp", List.of(loinc("1834-1", "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma")));
        LABS.put("platelets", List.of(loinc("777-3", "Platelets [#/volume] in Blood by Automated count"),
                loinc("26515-7", "Platelets [#/volume] in Blood")));
        LABS.put("creatinine", List.of(loinc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"),
                loinc("14682-9", "Creatinine [Moles/volume] in Serum or Plasma")));
    }

    /** Serologies read as yes/no: a positive or negative result. */
    public static final Map<String, List<Code>> SEROLOGIES = Map.of(
            "hbsag_positive", List.of(loinc("5196-1", "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay")),
            "hcv_positive", List.of(loinc("16128-1", "Hepatitis C virus Ab [Presence] in Serum")));
    public static final Code POSITIVE = new Code(SNOMED, "10828004", "Positive");
    public static final Code NEGATIVE = new Code(SNOMED, "260385009", "Negative");

    public static final List<Code> ECOG = List.of(loinc("89247-1", "ECOG Performance Status score"));
    /** LOINC's answers for the ECOG score, 0 to 5, as a questionnaire system writes them. */
    public static final List<String> ECOG_ANSWERS = List.of("LA9622-7", "LA9623-5", "LA9624-3", "LA9625-0", "LA9626-8", "LA9627-6");
    /** A tumour's size (one Observation a nodule). */
    public static final List<Code> TUMOUR_SIZE = List.of(loinc("21889-1", "Size Tumor"), loinc("33728-7", "Size.maximum dimension in Tumor"));

    /** HL7's condition-severity value set (SNOMED): how bad ascites or encephalopathy is. */
    public static final Code MILD = new Code(SNOMED, "255604002", "Mild");
    public static final Code MODERATE = new Code(SNOMED, "6736007", "Moderate");
    public static final Code SEVERE = new Code(SNOMED, "24484000", "Severe");

    public static final Code CIRRHOSIS = new Code(ICD10, "K74.6", "Other and unspecified cirrhosis of liver");
    public static final Code ASCITES = new Code(ICD10, "R18", "Ascites");
    public static final Code HEPATIC_ENCEPHALOPATHY = new Code(ICD10_CM, "K76.82", "Hepatic encephalopathy");

    /**
     * Which liver condition a code is (cirrhosis, ascites, hepatic encephalopathy): ICD-10 by its prefix; SNOMED CT
     * 19943007 |Cirrhosis of liver|, 389026000 |Ascites|, 13920009 |Hepatic encephalopathy|, as US EHRs and Synthea code them.
     */
    public static Optional<String> liverCondition(String system, String code) {
        if (SNOMED.equals(system)) {
            return switch (code) {
                case "19943007" -> Optional.of("cirrhosis");
                case "389026000" -> Optional.of("ascites");
                case "13920009" -> Optional.of("encephalopathy");
                default -> Optional.empty();
            };
        }
        if (!icd10(system)) return Optional.empty();
        String c = code.toUpperCase(Locale.ROOT);
        if (c.startsWith("K74.6") || c.startsWith("K70.3") || c.startsWith("K74.3") || c.startsWith("K74.4") || c.startsWith("K74.5")) return Optional.of("cirrhosis");
        if (c.startsWith("R18")) return Optional.of("ascites");
        if (c.startsWith("K76.82") || c.startsWith("K72")) return Optional.of("encephalopathy");
        return Optional.empty();
    }

    /** The template's diagnoses written as ICD-10 (and ICD-O-3 morphology for the combined tumour). */
    public static final Map<String, List<Code>> DIAGNOSES = new LinkedHashMap<>();
    static {
        DIAGNOSES.put("hcc", List.of(new Code(ICD10, "C22.0", "Liver cell carcinoma"), new Code(ICD_O3, "8170/3", "Hepatocellular carcinoma, NOS")));
        DIAGNOSES.put("icc", List.of(new Code(ICD10, "C22.1", "Intrahepatic bile duct carcinoma"), new Code(ICD_O3, "8160/3", "Cholangiocarcinoma")));
        DIAGNOSES.put("chcc_cca", List.of(new Code(ICD10, "C22.7", "Other specified carcinomas of liver"),
                new Code(ICD_O3, "8180/3", "Combined hepatocellular carcinoma and cholangiocarcinoma")));
        DIAGNOSES.put("other_malignant", List.of(new Code(ICD10, "C78.7", "Secondary malignant neoplasm of liver and intrahepatic bile duct")));
        DIAGNOSES.put("benign", List.of(new Code(ICD10, "D13.4", "Benign neoplasm of liver")));
    }

    /**
     * The template's diagnosis a code means: SNOMED CT 25370001 HCC, 312104005 ICC; ICD-10 C22.0 HCC, C22.1 ICC, C22.7 (with ICD-O-3 8180/3) combined, other C22
     * and C78.7 other malignant, D13.4 benign; ICD-O-3 morphology 8170–8175 HCC, 8160 ICC, 8180 combined, behaviour /0
     * benign. A more specific code (ICD-O-3) wins over a less specific one when a Condition has both.
     */
    public static Optional<String> diagnosis(String system, String code) {
        String c = code.toUpperCase(Locale.ROOT);
        // SNOMED CT 25370001 |Hepatocellular carcinoma|, 312104005 |Cholangiocarcinoma of intrahepatic bile duct|.
        if (SNOMED.equals(system)) return code.equals("25370001") ? Optional.of("hcc") : code.equals("312104005") ? Optional.of("icc") : Optional.empty();
        if (ICD_O3.equals(system)) {
            if (c.endsWith("/0")) return Optional.of("benign");
            if (c.startsWith("817")) return Optional.of("hcc");
            if (c.startsWith("8160")) return Optional.of("icc");
            if (c.startsWith("8180")) return Optional.of("chcc_cca");
            return Optional.empty();
        }
        if (!icd10(system)) return Optional.empty();
        if (c.startsWith("C22.0")) return Optional.of("hcc");
        if (c.startsWith("C22.1")) return Optional.of("icc");
        if (c.startsWith("C22.7")) return Optional.of("chcc_cca");
        if (c.startsWith("C22") || c.startsWith("C78.7")) return Optional.of("other_malignant");
        if (c.startsWith("D13.4")) return Optional.of("benign");
        return Optional.empty();
    }

    /** Operations on the liver (CPT) and what the template calls them. */
    public static final Map<String, Code> PROCEDURES = new LinkedHashMap<>();
    static {
        PROCEDURES.put("curative_resection", new Code(CPT, "47120", "Hepatectomy, resection of liver; partial lobectomy"));
        PROCEDURES.put("transplant", new Code(CPT, "47135", "Liver allotransplantation, orthotopic"));
        PROCEDURES.put("ablation", new Code(CPT, "47382", "Ablation, 1 or more liver tumor(s), percutaneous, radiofrequency"));
    }
    public static final Code TACE = new Code(CPT, "37243", "Vascular embolization or occlusion; for tumors, organ ischemia, or infarction");

    /** The planned procedure a CPT code is: hepatectomies 47120–47130, transplant 47135, ablation 47370–47383; else empty. */
    public static Optional<String> procedure(String system, String code) {
        if (!CPT.equals(system)) return Optional.empty();
        return switch (code) {
            case "47120", "47122", "47125", "47130" -> Optional.of("curative_resection");
            case "47135" -> Optional.of("transplant");
            case "47370", "47371", "47380", "47381", "47382", "47383" -> Optional.of("ablation");
            case "37243" -> Optional.of("tace");
            default -> Optional.empty();
        };
    }

    /** Anticancer drugs by their ATC code, named as the template names them. */
    public static final Map<String, String> DRUGS_BY_ATC = Map.of(
            "L01EX08", "lenvatinib", "L01EX02", "sorafenib", "L01FF05", "atezolizumab", "L01FG01", "bevacizumab",
            "L01XA03", "oxaliplatin", "L01BC02", "fluorouracil", "L01EX05", "regorafenib", "L01FF02", "pembrolizumab",
            "L01FF01", "nivolumab", "L01EX07", "cabozantinib");

    /** A Specimen that is one of the resected tumour's stained slides: its type says so ("H&E slide", 切片). */
    public static final String SLIDE_TYPE_TEXT = "H&E slide";

    public static boolean slide(String typeText) {
        String t = typeText.toLowerCase(Locale.ROOT);
        return t.contains("slide") || t.contains("切片");
    }

    /** The template's units and their UCUM codes; a unit without one (mAU/mL) is written as text only. */
    public static final Map<String, String> UCUM_OF_UNIT = Map.of(
            "g/L", "g/L", "g/dL", "g/dL", "umol/L", "umol/L", "mg/dL", "mg/dL", "ng/mL", "ng/mL", "ug/L", "ug/L",
            "IU/mL", "[IU]/mL", "10^9/L", "10*9/L", "10^3/uL", "10*3/uL", "ratio", "1");

    /** A UCUM code as the template writes the unit (10*9/L → 10^9/L, [IU]/mL → IU/mL); any other code as it is. */
    public static String templateUnit(String ucum) {
        for (Map.Entry<String, String> e : UCUM_OF_UNIT.entrySet()) if (e.getValue().equals(ucum)) return e.getKey();
        if ("{INR}".equals(ucum) || "{ratio}".equals(ucum)) return "ratio";
        return ucum;
    }

    static boolean icd10(String system) { return ICD10.equals(system) || ICD10_CM.equals(system); }

    private static Code loinc(String code, String display) { return new Code(LOINC, code, display); }
}
