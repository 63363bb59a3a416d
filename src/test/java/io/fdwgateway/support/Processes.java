package io.fdwgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs for tests. Their output goes to files, not to a pipe the test would have to
 * drain before waiting, so a timeout fires however much or little a program prints; a program
 * that overruns is killed with its children and fails the test with what it printed.
 */
public final class Processes {

    private Processes() {
    }

    /** The {@code java} launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the program to its end, at most {@code timeout}. */
    public static Result run(List<String> command, Path directory, Map<String, String> env, Duration timeout) {
        return start(command, directory, env).await(timeout);
    }

    /**
     * Starts the program with stdin closed and its output in temporary files. Its environment is
     * the test's, less any {@code QUARKUS_*} and {@code GATEWAY_*} variable of the machine, plus
     * {@code env}: only what the test sets configures a gateway it starts.
     */
    public static Running start(List<String> command, Path directory, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("fdw-gateway-test", ".out");
            Path err = Files.createTempFile("fdw-gateway-test", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("GATEWAY_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            return new Running(process, command, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
        }
    }

    /** A started program. */
    public record Running(Process process, List<String> command, Path stdout, Path stderr) {

        /** Waits for the end; kills the program and fails when it overruns. */
        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "\n" + result(-1));
                }
                return result(process.exitValue());
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + command, e);
            }
        }

        /** Kills the program and everything it started. */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Result result(int exitCode) {
            try {
                return new Result(command, exitCode, Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                stdout.toFile().delete();
                stderr.toFile().delete();
            }
        }
    }

    /** What a finished program printed, and its exit code (-1 when it was killed). */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** stdout then stderr. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
