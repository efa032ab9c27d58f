package org.livercast.app.cli;

import picocli.CommandLine;

/** Entry point of the {@code livercast} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(LiverCastCommand.commandLine().execute(args));
    }
}
