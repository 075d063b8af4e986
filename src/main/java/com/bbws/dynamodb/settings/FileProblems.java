package com.bbws.dynamodb.settings;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Why a path a person gave cannot be used, said of the path itself: {@link Files#exists} answers
 * false for a link that leads nowhere, which would otherwise be reported as a missing file.
 */
public final class FileProblems {

    /** Links followed before giving up, as Linux does (MAXSYMLINKS in fs/namei.c). */
    static final int MAX_LINKS = 40;

    private FileProblems() {
    }

    /**
     * The character set this JVM passes file names to the system in: the locale's ({@code LANG},
     * {@code LC_ALL}), as {@code sun.jnu.encoding} says; ASCII under {@code LANG=C}.
     */
    public static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Whether a name reaches the file system as written: the JVM turns command-line bytes it cannot
     * decode into U+FFFD, and characters its file name character set lacks into '?', so either would
     * name another file than the one meant.
     */
    public static boolean passesAsWritten(String name) {
        return name.indexOf('\uFFFD') < 0 && fileNameCharset().newEncoder().canEncode(name);
    }

    /** What to do when a name does not pass: the same words wherever it happens. */
    public static String notPassedAdvice() {
        return String.format("this JVM passes file names to the system in %s (set by the locale: LANG, LC_ALL),"
                + " which cannot hold its characters; run it under a UTF-8 locale, e.g. LANG=C.UTF-8",
                fileNameCharset().name());
    }

    /**
     * Why a symbolic link cannot be followed to a file: a loop, or a target that does not exist; empty
     * when the path is not a link or its chain ends at something that exists.
     *
     * @return the rest of a sentence that starts with the path, e.g. "is a symbolic link in a loop ..."
     */
    public static Optional<String> unresolvableLink(Path path) {
        if (!Files.isSymbolicLink(path) || Files.exists(path)) {
            return Optional.empty();
        }
        Set<Path> seen = new HashSet<>();
        Path current = path.toAbsolutePath().normalize();
        for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(current); hops++) {
            if (!seen.add(current)) {
                return Optional.of("is a symbolic link in a loop (following it leads back to " + current + ")");
            }
            try {
                current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
            } catch (IOException e) {
                return Optional.of("is a symbolic link that cannot be read (" + e.getMessage() + ")");
            }
        }
        if (Files.isSymbolicLink(current)) {
            return Optional.of("is a symbolic link that leads through more than " + MAX_LINKS + " links");
        }
        if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("is a symbolic link to " + current + ", which does not exist");
        }
        // the chain ends at something that exists, yet the link cannot be followed: a folder on the way
        // that is itself a loop or cannot be searched
        return Optional.of("is a symbolic link that cannot be followed to " + current);
    }
}
