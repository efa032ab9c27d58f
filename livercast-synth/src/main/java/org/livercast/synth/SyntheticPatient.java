package org.livercast.synth;

import org.livercast.core.model.PatientRecord;

/** One generated patient: the record a centre would export, who they are, what their files show, and the truth. */
public record SyntheticPatient(PatientRecord record, Identity identity, Findings findings, Truth truth, CentreProfile centre) {
    public SyntheticPatient withIdentity(Identity i) { return new SyntheticPatient(record, i, findings, truth, centre); }
}
