package io.borealis.scheduler.backup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.StateTables;
import io.borealis.scheduler.storage.StateTables.Column;
import io.borealis.scheduler.storage.StateTables.Table;
import io.borealis.scheduler.storage.StateTables.Type;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The backup file: gzip-compressed JSON values, one a line, storage-neutral.
 *
 * <pre>
 * {"format":"borealis-backup","formatVersion":1,"schemaVersion":"4","createdAt":MILLIS}
 * {"table":"task_configs","columns":[["config_hash","STRING"],["config_json","STRING"]]}
 * ["3f2a...","{...}"]                       one array per row, values in column order
 * {"rows":1}                                 end of the table, with its row count
 * ... every other table the same way, parents before children ...
 * {"end":"borealis-backup","tables":6}
 * </pre>
 *
 * <p>Reading checks everything it can: the header, each value's type against its column, each
 * table's row count, the end record, and (reading to the end) gzip's CRC and length. A file that
 * fails any check is refused with a message naming what is wrong; a truncated file never loads
 * as a smaller state.
 */
final class BackupFormat {
    static final String FORMAT = "borealis-backup";
    static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxStringLength(64 * 1024 * 1024).build())
            .build();

    private BackupFormat() {}

    /** What one written backup holds: rows per table. */
    record Written(Map<String, Long> rowsPerTable) {
        Written {
            rowsPerTable = Map.copyOf(rowsPerTable);
        }
    }

    /** Writes every table of {@code source} to {@code out} (which this closes). */
    static Written write(StateTables.Reader source, long createdAt, OutputStream out)
            throws IOException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (JsonGenerator json = JSON.createGenerator(fastGzip(out))) {
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeStringField("schemaVersion", source.schemaVersion());
            json.writeNumberField("createdAt", createdAt);
            json.writeEndObject();
            Optional<Table> table;
            while ((table = source.nextTable()).isPresent()) {
                rows.put(table.get().name(), writeTable(json, table.get(), source));
            }
            json.writeStartObject();
            json.writeStringField("end", FORMAT);
            json.writeNumberField("tables", rows.size());
            json.writeEndObject();
        }
        return new Written(rows);
    }

    /**
     * gzip at deflate's fastest level: half the CPU of the default level (about a third of a
     * backup's time went to deflate), for a file a little larger; any gzip reader reads it.
     */
    private static OutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(new BufferedOutputStream(out, 1 << 16), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static long writeTable(JsonGenerator json, Table table, StateTables.Reader source)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("table", table.name());
        json.writeArrayFieldStart("columns");
        for (Column column : table.columns()) {
            json.writeStartArray();
            json.writeString(column.name());
            json.writeString(column.type().name());
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
        long count = 0;
        Object[] row;
        while ((row = source.nextRow()) != null) {
            json.writeStartArray();
            for (int i = 0; i < row.length; i++) {
                writeValue(json, table.columns().get(i).type(), row[i]);
            }
            json.writeEndArray();
            count++;
        }
        json.writeStartObject();
        json.writeNumberField("rows", count);
        json.writeEndObject();
        return count;
    }

    private static void writeValue(JsonGenerator json, Type type, @Nullable Object value)
            throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type) {
            case STRING -> json.writeString((String) value);
            case LONG -> json.writeNumber((Long) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
        }
    }

    /**
     * A reader over the backup in {@code in} (closed with the reader). The header is read now;
     * the rest as the caller pulls. Any problem is a {@link PlatformException} INVALID_REQUEST
     * saying {@code backup NAME is corrupt: ...} (or {@code truncated}).
     */
    static StateTables.Reader read(String name, InputStream in) {
        try {
            return new FileReader(name, JSON.createParser(
                    new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16)));
        } catch (IOException e) {
            closeQuietly(in);
            throw FileReader.corrupt(name, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Already failing; the caller sees the first failure.
        }
    }

    /** Pulls tables and rows from a backup file, checking each against the format. */
    private static final class FileReader implements StateTables.Reader {
        private final String name;
        private final JsonParser json;
        private final String schemaVersion;
        private @Nullable Table current;
        private long rowsRead;
        private int tables;
        private boolean ended;

        FileReader(String name, JsonParser json) {
            this.name = requireNonNull(name, "name is null");
            this.json = json;
            try {
                Map<String, Object> header = object();
                if (!FORMAT.equals(header.get("format"))) {
                    throw corrupt("it does not start with a " + FORMAT + " header");
                }
                if (!Long.valueOf(FORMAT_VERSION).equals(header.get("formatVersion"))) {
                    throw corrupt("format version " + header.get("formatVersion")
                            + " is not " + FORMAT_VERSION);
                }
                if (!(header.get("schemaVersion") instanceof String version)
                        || !version.matches("[0-9][0-9.]{0,20}")) {
                    throw corrupt("its schema version is missing or malformed");
                }
                this.schemaVersion = version;
            } catch (IOException e) {
                close();
                throw corrupt(name, e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public String schemaVersion() {
            return schemaVersion;
        }

        @Override
        public Optional<Table> nextTable() {
            try {
                while (current != null) {
                    nextRow();
                }
                if (ended) {
                    return Optional.empty();
                }
                Map<String, Object> record = object();
                if (FORMAT.equals(record.get("end"))) {
                    if (!Long.valueOf(tables).equals(record.get("tables"))) {
                        throw corrupt("its end record counts " + record.get("tables")
                                + " tables, the file has " + tables);
                    }
                    if (json.nextToken() != null) {
                        throw corrupt("something follows its end record");
                    }
                    ended = true;
                    return Optional.empty();
                }
                Table table = table(record);
                current = table;
                rowsRead = 0;
                tables++;
                return Optional.of(table);
            } catch (IOException e) {
                throw corrupt(name, e);
            }
        }

        private Table table(Map<String, Object> record) {
            if (!(record.get("table") instanceof String table)
                    || !(record.get("columns") instanceof List<?> columns)) {
                throw corrupt("a table record is malformed: " + record.keySet());
            }
            List<Column> parsed = new ArrayList<>();
            for (Object column : columns) {
                if (!(column instanceof List<?> pair) || pair.size() != 2
                        || !(pair.get(0) instanceof String columnName)
                        || !(pair.get(1) instanceof String typeName)) {
                    throw corrupt("table " + table + " has a malformed column " + column);
                }
                try {
                    parsed.add(new Column(columnName, Type.valueOf(typeName)));
                } catch (IllegalArgumentException e) {
                    throw corrupt("table " + table + " column " + columnName
                            + " has unknown type " + typeName);
                }
            }
            return new Table(table, parsed);
        }

        @Override
        public @Nullable Object @Nullable [] nextRow() {
            Table table = current;
            if (table == null) {
                return null;
            }
            try {
                JsonToken token = json.nextToken();
                if (token == JsonToken.START_OBJECT) {
                    Map<String, Object> end = fields();
                    if (!Long.valueOf(rowsRead).equals(end.get("rows"))) {
                        throw corrupt("table " + table.name() + " ends counting "
                                + end.get("rows") + " rows after " + rowsRead);
                    }
                    current = null;
                    return null;
                }
                if (token != JsonToken.START_ARRAY) {
                    throw corrupt("table " + table.name() + " row " + (rowsRead + 1)
                            + " is not an array");
                }
                Object[] row = new Object[table.columns().size()];
                int i = 0;
                while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                    if (i >= row.length) {
                        throw corrupt("table " + table.name() + " row " + (rowsRead + 1)
                                + " has more than " + row.length + " values");
                    }
                    row[i] = value(table, table.columns().get(i), token);
                    i++;
                }
                if (i != row.length) {
                    throw corrupt("table " + table.name() + " row " + (rowsRead + 1) + " has "
                            + i + " values for " + row.length + " columns");
                }
                rowsRead++;
                return row;
            } catch (IOException e) {
                throw corrupt(name, e);
            }
        }

        private @Nullable Object value(Table table, Column column, @Nullable JsonToken token)
                throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            boolean fits = switch (column.type()) {
                case STRING -> token == JsonToken.VALUE_STRING;
                case LONG -> token == JsonToken.VALUE_NUMBER_INT;
                case DOUBLE -> token == JsonToken.VALUE_NUMBER_INT
                        || token == JsonToken.VALUE_NUMBER_FLOAT;
                case BOOLEAN -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
            };
            if (!fits) {
                throw corrupt("table " + table.name() + " row " + (rowsRead + 1) + " column "
                        + column.name() + " is " + token + ", not " + column.type());
            }
            return switch (column.type()) {
                case STRING -> json.getText();
                case LONG -> json.getLongValue();
                case DOUBLE -> json.getDoubleValue();
                case BOOLEAN -> json.getBooleanValue();
            };
        }

        /** The next root value, which must be an object of scalars and arrays. */
        private Map<String, Object> object() throws IOException {
            JsonToken token = json.nextToken();
            if (token == null) {
                throw corrupt("it ends before its end record (truncated?)");
            }
            if (token != JsonToken.START_OBJECT) {
                throw corrupt("a record where " + token + " was found");
            }
            return fields();
        }

        private Map<String, Object> fields() throws IOException {
            Map<String, Object> fields = new LinkedHashMap<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                fields.put(field, anyValue(json.nextToken()));
            }
            return fields;
        }

        private @Nullable Object anyValue(@Nullable JsonToken token) throws IOException {
            if (token == null) {
                throw corrupt("it ends inside a record (truncated?)");
            }
            return switch (token) {
                case VALUE_STRING -> json.getText();
                case VALUE_NUMBER_INT -> json.getLongValue();
                case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
                case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    JsonToken next;
                    while ((next = json.nextToken()) != JsonToken.END_ARRAY) {
                        list.add(anyValue(next));
                    }
                    yield list;
                }
                case VALUE_NULL -> null;
                case START_OBJECT, END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT,
                        NOT_AVAILABLE -> throw corrupt("a record holds an unexpected " + token);
            };
        }

        private PlatformException corrupt(String detail) {
            return PlatformException.invalid("backup " + name + " is corrupt: " + detail);
        }

        static PlatformException corrupt(String name, IOException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean truncated = e instanceof java.io.EOFException
                    || detail.contains("Unexpected end");
            return PlatformException.invalid("backup " + name + " is "
                    + (truncated ? "truncated" : "corrupt") + ": " + detail);
        }

        @Override
        public void close() {
            try {
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
