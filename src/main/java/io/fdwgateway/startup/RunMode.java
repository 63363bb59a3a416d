package io.fdwgateway.startup;

/**
 * Whether this process serves HTTP or runs a one-off command. Set once by the main class
 * before Quarkus starts; a command skips the start-up checks, which exist to refuse serving
 * from an unsafe database, because the audit command's job is to report that database.
 */
public final class RunMode {

    private static volatile boolean command;

    private RunMode() {
    }

    public static void command() {
        command = true;
    }

    public static boolean serving() {
        return !command;
    }
}
