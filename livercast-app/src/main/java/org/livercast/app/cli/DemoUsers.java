package org.livercast.app.cli;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.study.access.Role;
import org.livercast.study.access.Users;
import org.livercast.study.db.Database;

/**
 * The main job's demo users, one per role (an investigator and a data manager per centre): created if missing, and
 * given a fresh random password on every run, printed once on the console (only its Argon2id hash is stored).
 */
final class DemoUsers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoUsers() {}

    static String investigator(String centre) { return "investigator-" + centre.toLowerCase(java.util.Locale.ROOT); }

    static Map<String, String> ensure(Database db, List<String> centres) {
        Users users = new Users(db.jdbi());
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : centres) {
            put(users, out, investigator(c), Role.SITE_INVESTIGATOR, c);
            put(users, out, "datamanager-" + c.toLowerCase(java.util.Locale.ROOT), Role.DATA_MANAGER, c);
        }
        put(users, out, "statistician", Role.STATISTICIAN, null);
        put(users, out, "admin", Role.ADMINISTRATOR, null);
        return out;
    }

    private static void put(Users users, Map<String, String> out, String name, Role role, String centre) {
        String password = password();
        if (users.find(name).isPresent()) users.setPassword(name, password);
        else users.add(name, role, centre, password);
        out.put(name + " (" + role.id().replace('_', ' ') + (centre == null ? "" : ", " + centre) + ")", password);
    }

    private static String password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return s.toString();
    }
}
