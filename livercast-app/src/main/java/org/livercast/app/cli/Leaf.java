package org.livercast.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every runnable subcommand: access to the global options and to the command's output streams. */
abstract class Leaf implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    LiverCastCommand root() { return (LiverCastCommand) spec.root().userObject(); }

    PrintWriter out() { return spec.commandLine().getOut(); }
}
