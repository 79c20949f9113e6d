package io.borealis.scheduler.storage.h2;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-size {@code IN (?, ...)} lists for statements over many keys: H2 looks each value up in
 * the column's index, where one large {@code = ANY(?)} array can end up compared with every
 * row. Every chunk binds {@value #SIZE} values (a short chunk repeats its first value), so one
 * statement text serves all of them.
 */
final class InLists {
    static final int SIZE = 100;
    /** {@code (?, ?, ..., ?)} with {@value #SIZE} placeholders. */
    static final String PLACEHOLDERS = "(" + "?, ".repeat(SIZE - 1) + "?)";

    private InLists() {}

    /** {@code values} in chunks of at most {@value #SIZE}. */
    static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += SIZE) {
            chunks.add(values.subList(from, Math.min(values.size(), from + SIZE)));
        }
        return chunks;
    }

    /** Binds {@code chunk} (not empty) to parameters 1..{@value #SIZE}, padding with its first. */
    static void bind(PreparedStatement statement, List<String> chunk) throws SQLException {
        for (int i = 0; i < SIZE; i++) {
            statement.setString(i + 1, chunk.get(i < chunk.size() ? i : 0));
        }
    }
}
