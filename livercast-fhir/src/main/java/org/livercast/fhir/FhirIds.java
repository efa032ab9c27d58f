package org.livercast.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logical ids of the resources LiverCast writes. A FHIR id is at most 64 of {@code A-Z a-z 0-9 - .}: a patient is
 * {@code centre.pseudonym} when that fits (a centre id has no dot, so the first dot splits it), else a hash of the two;
 * a model's Device is its 64-hex content hash; a stored prediction, diagnosis or recommendation is its kind and row id,
 * which never change once written.
 */
public final class FhirIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern STORED = Pattern.compile("(prediction|diagnosis|recommendation)-([0-9]{1,18})");

    private FhirIds() {}

    public static String patient(String centreId, String patientId) {
        String readable = centreId + "." + patientId;
        if (VALID.matcher(readable).matches()) return readable;
        return "p-" + sha256(centreId + "/" + patientId).substring(0, 40);
    }

    public static String prediction(long id) { return "prediction-" + id; }

    public static String diagnosis(long id) { return "diagnosis-" + id; }

    public static String recommendation(long id) { return "recommendation-" + id; }

    /** One of the patient's staging Observations: the patient's id and the staging's code ({@code C01.P7-bclc-stage}). */
    public static String observation(String patientResourceId, String code) { return patientResourceId + "-" + code; }

    /** The Provenance of a RiskAssessment: how it was made and from which inputs. */
    public static String provenanceOf(String riskAssessmentId) { return riskAssessmentId + "-provenance"; }

    /** What a RiskAssessment id names in the store: its table and row id; empty for an id LiverCast does not write. */
    public record Stored(String kind, long rowId) {}

    public static Optional<Stored> stored(String riskAssessmentId) {
        Matcher m = STORED.matcher(riskAssessmentId);
        return m.matches() ? Optional.of(new Stored(m.group(1), Long.parseLong(m.group(2)))) : Optional.empty();
    }

    public static boolean valid(String id) { return id != null && VALID.matcher(id).matches(); }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
