package org.livercast.study.access;

/** A signed-in user and the access rules that follow from the role and centre. */
public record User(String username, Role role, String centreId) {
    /** Patient-level data of a centre: one's own centre, or every centre for an administrator. */
    public boolean canSeePatientsOf(String centre) {
        return switch (role) {
            case ADMINISTRATOR -> true;
            case SITE_INVESTIGATOR, DATA_MANAGER -> centreId != null && centreId.equals(centre);
            case STATISTICIAN -> false;
        };
    }

    /** Enrol, record treatment, visits and adverse events for one's centre. */
    public boolean canEditPatientsOf(String centre) {
        return (role == Role.SITE_INVESTIGATOR || role == Role.DATA_MANAGER) && canSeePatientsOf(centre);
    }

    /** Locking a prediction is a clinical act: the centre's investigator. */
    public boolean canLockFor(String centre) { return role == Role.SITE_INVESTIGATOR && canSeePatientsOf(centre); }

    /** Study-level pages and analyses (aggregate, de-identified). */
    public boolean canSeeStudy() { return true; }

    /** The centres whose patients this user may list; null means all. */
    public String centreScope() { return role == Role.ADMINISTRATOR ? null : centreId; }
}
