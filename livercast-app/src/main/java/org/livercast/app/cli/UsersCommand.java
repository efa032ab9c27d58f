package org.livercast.app.cli;

import org.livercast.study.access.Role;
import org.livercast.study.access.User;
import org.livercast.study.access.Users;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast users add|list}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Web users, their roles and centres.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
final class UsersCommand {
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; the password is read from $LIVERCAST_PASSWORD or asked for.")
    static final class Add extends Leaf {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "The name the user signs in with.") String username;

        @Option(names = "--role", required = true, description = "site_investigator, data_manager, statistician or administrator") String role;

        @Option(names = "--centre", description = "The centre of a site investigator or data manager.") String centre;

        @Override
        public Integer call() {
            String password = System.getenv("LIVERCAST_PASSWORD");
            if (password == null && System.console() != null) password = new String(System.console().readPassword("password for %s: ", username));
            if (password == null) throw new org.livercast.core.InvalidValueException("password", "", "set LIVERCAST_PASSWORD or run in a terminal");
            try (Database db = root().openDatabase()) {
                User u = new Users(db.jdbi()).add(username, Role.of(role), centre, password);
                out().printf("added %s (%s%s)%n", u.username(), u.role().id(), u.centreId() == null ? "" : ", centre " + u.centreId());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers extends Leaf {
        @Override
        public Integer call() {
            try (Database db = root().openDatabase()) {
                for (User u : new Users(db.jdbi()).all()) out().printf("%-20s %-18s %s%n", u.username(), u.role().id(), u.centreId() == null ? "" : u.centreId());
            }
            return ExitCodes.OK;
        }
    }
}
