package org.livercast.ingest.deid;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What is known to identify one patient, gathered from every source of the export before anything is scrubbed: the
 * hospital number, names (as DICOM writes them, with spaces, without separators, in Chinese characters), phone
 * numbers and the birth date. Free text is then cleaned of each of them wherever it appears.
 */
public final class Identifiers {
    private final String hospitalNumber;
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> otherIds = new LinkedHashSet<>();
    private final Set<String> phones = new LinkedHashSet<>();
    private LocalDate birthDate;

    public Identifiers(String hospitalNumber) { this.hospitalNumber = hospitalNumber; }

    public String hospitalNumber() { return hospitalNumber; }

    public Set<String> names() { return names; }

    public Set<String> otherIds() { return otherIds; }

    public Set<String> phones() { return phones; }

    public LocalDate birthDate() { return birthDate; }

    public void birthDate(LocalDate d) { if (d != null && birthDate == null) birthDate = d; }

    /** Adds a name and its usual spellings: "WANG^FANGWEI" also as "WANG FANGWEI" and "WANGFANGWEI" (matching ignores case). */
    public void name(String raw) {
        if (raw == null) return;
        String n = raw.strip();
        if (n.length() < 2) return;
        names.add(n);
        String spaced = n.replace('^', ' ').replaceAll("\\s+", " ").strip();
        names.add(spaced);
        names.add(spaced.replace(" ", ""));
        for (String part : spaced.split(" ")) if (part.length() >= 4) names.add(part);   // a long given or family name alone
    }

    public void otherId(String id) { if (id != null && id.strip().length() >= 4 && !id.strip().equals(hospitalNumber)) otherIds.add(id.strip()); }

    public void phone(String p) { if (p != null && p.replaceAll("\\D", "").length() >= 7) phones.add(p.strip()); }
}
