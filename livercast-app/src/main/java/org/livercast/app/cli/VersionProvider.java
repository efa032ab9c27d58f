package org.livercast.app.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = LiverCastCommand.class.getPackage().getImplementationVersion();
        return new String[] {"livercast " + (v == null ? "development build" : v)};
    }
}
