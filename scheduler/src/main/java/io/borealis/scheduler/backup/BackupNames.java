package io.borealis.scheduler.backup;

import io.borealis.scheduler.error.PlatformException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup names: {@code scheduler-backup-YYYY-MM-DD-HH-MM-SS-mmm} (UTC, Aurora's
 * {@code scheduler-backup-yyyy-MM-dd-HH-mm} with seconds and millis, so two backups in one
 * minute do not collide), optionally with {@code -N} when one millisecond saw two. A name is
 * also the file's name in the backup directory, so a caller's name is checked against this
 * grammar before any file is opened: nothing with a path character, nothing else. Pure.
 */
final class BackupNames {
    static final String PREFIX = "scheduler-backup-";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(
            "scheduler-backup-(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{3})(-[1-9]\\d{0,3})?");
    /** Longest name this grammar allows. */
    static final int MAX_LENGTH = PREFIX.length() + 23 + 5;

    private BackupNames() {}

    /** The name of a backup taken at {@code millis}, the {@code n}th that millisecond (0: first). */
    static String name(long millis, int n) {
        return PREFIX + TIME.format(Instant.ofEpochMilli(millis)) + (n == 0 ? "" : "-" + n);
    }

    /** When the backup named {@code name} was taken; empty if it is not a backup name. */
    static Optional<Long> timestamp(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(matcher.group(1), TIME)
                    .toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code id} if it is a backup name.
     *
     * @throws PlatformException INVALID_REQUEST naming what is wrong with it
     */
    static String check(String id) {
        if (id == null || id.isEmpty()) {
            throw PlatformException.invalid("backup id is missing: give a name from "
                    + "listBackups, e.g. " + name(0, 0));
        }
        if (id.length() > MAX_LENGTH) {
            throw PlatformException.invalid("backup id is " + id.length()
                    + " characters long; backup names have at most " + MAX_LENGTH);
        }
        if (id.contains("/") || id.contains("\\") || id.contains("..") || id.contains("\0")) {
            throw PlatformException.invalid("backup id '" + printable(id) + "' contains a path "
                    + "character; give a name from listBackups, e.g. " + name(0, 0));
        }
        if (timestamp(id).isEmpty()) {
            throw PlatformException.invalid("backup id '" + printable(id) + "' is not a backup "
                    + "name (" + PREFIX + "YYYY-MM-DD-HH-MM-SS-mmm)");
        }
        return id;
    }

    private static String printable(String id) {
        StringBuilder shown = new StringBuilder();
        id.codePoints().forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return shown.toString();
    }
}
