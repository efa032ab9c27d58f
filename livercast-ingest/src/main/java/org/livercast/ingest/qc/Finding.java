package org.livercast.ingest.qc;

/** Why a patient (or one of its files) was rejected or flagged: the file, the field or tag, and the reason. */
public record Finding(String file, String field, String reason) {
    @Override public String toString() {
        return (file == null ? "" : file + ": ") + (field == null || field.isEmpty() ? "" : field + ": ") + reason;
    }
}
