package io.borealis.scheduler.storage.h2;

import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import java.sql.SQLException;

/** Turns JDBC's checked failures into the scheduler's internal error. */
final class Jdbc {
    private Jdbc() {}

    /** A JDBC action that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlAction<T> {
        T run() throws SQLException;
    }

    static <T> T call(String what, SqlAction<T> action) {
        try {
            return action.run();
        } catch (SQLException e) {
            throw new PlatformException(ErrorCode.INTERNAL,
                    "storage failure while " + what + ": " + e.getMessage(), e);
        }
    }
}
