package org.tesseracrm.imports.control;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.TooLarge;

/**
 * Parses an uploaded CSV file (Apache Commons CSV: quoted fields, doubled quotes, line breaks inside quotes) and
 * writes its records as COPY input for {@code import_row}, streaming: the file is never held in memory. The encoding
 * is the byte order mark's, else the one given, else UTF-8, decoded strictly (a byte that is not of the encoding is a
 * 400 naming the row, never a silently garbled name). The delimiter is the one given or guessed from the header
 * line. Every limit is checked while reading, so a 2 GB file or a quote that never closes stops at the limit.
 */
public final class CsvStaging {

    /** The limits of one upload. */
    public record Limits(long maxBytes, long maxRows, int maxColumns, int maxRecordChars) {
    }

    /** What the upload found: the header, how many data rows, the first few of them. */
    public record Staged(List<String> headers, long rows, List<List<String>> sample, char delimiter,
            String encoding) {
    }

    static final int SAMPLE_ROWS = 5;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private CsvStaging() {
    }

    /**
     * Reads {@code file} and writes one COPY line ({@code import_id, line_no, cells} in PostgreSQL's CSV format) per
     * data record to {@code copy}. A row's line is its record number (the header's is 1; an empty line counts, as in a
     * spreadsheet), so the error report points at the row a person sees when they open the file.
     */
    public static Staged stage(InputStream file, String encoding, String delimiter, Limits limits, UUID importId,
            Writer copy) {
        CountingInput counted = new CountingInput(file, limits.maxBytes());
        Charset charset = null;
        try {
            BufferedInputStream bytes = new BufferedInputStream(counted, 65536);
            charset = charset(bytes, encoding);
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader text = new BufferedReader(new InputStreamReader(bytes, decoder), 65536);
            char chosen = delimiter(text, delimiter);
            RecordLimit limited = new RecordLimit(text, limits.maxRecordChars());
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(chosen).setIgnoreEmptyLines(false)
                    .setTrim(false).get();
            List<String> headers = null;
            List<List<String>> sample = new ArrayList<>();
            long rows = 0;
            try (CSVParser parser = format.parse(limited)) {
                Iterator<CSVRecord> records = parser.iterator();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException e) {
                        throw unreadable(e.getCause(), parser.getRecordNumber() + 1, charset);
                    }
                    limited.recordEnded();
                    if (record.size() > limits.maxColumns()) {
                        throw new TooLarge("row " + record.getRecordNumber() + " has " + record.size()
                                + " columns; an import takes at most " + limits.maxColumns());
                    }
                    List<String> cells = record.toList();
                    if (cells.size() == 1 && cells.get(0).isEmpty()) {
                        continue; // an empty line: no row, but it keeps its number (a spreadsheet's row numbers)
                    }
                    if (headers == null) {
                        headers = headers(cells);
                        continue;
                    }
                    rows++;
                    if (rows > limits.maxRows()) {
                        throw new TooLarge("the file has more than " + limits.maxRows() + " rows; split it");
                    }
                    if (sample.size() < SAMPLE_ROWS) {
                        sample.add(cells);
                    }
                    copyLine(copy, importId, record.getRecordNumber(), cells);
                }
            }
            if (headers == null) {
                throw new InvalidInput("file", "is empty: it needs a header row and at least one row");
            }
            return new Staged(headers, rows, sample, chosen, charset.name());
        } catch (IOException e) {
            throw unreadable(e, -1, charset);
        }
    }

    private static List<String> headers(List<String> cells) {
        List<String> headers = new ArrayList<>(cells.size());
        for (String cell : cells) {
            String header = cell.replace('\u0000', ' ').strip();
            if (header.length() > 200) {
                throw new InvalidInput("file", "has a header longer than 200 characters (is row 1 a header?)");
            }
            headers.add(header);
        }
        return headers;
    }

    private static RuntimeException unreadable(Throwable e, long row, Charset charset) {
        if (e instanceof TooLargeSignal signal) {
            return new TooLarge(signal.getMessage());
        }
        if (e instanceof CharacterCodingException) {
            return new InvalidInput("file", "is not " + (charset == null ? "in its encoding" : charset.name())
                    + (row > 0 ? " (near row " + row + ")" : "")
                    + "; give the file's encoding, for example encoding=windows-1252");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException && e.getCause() instanceof TooLargeSignal signal) {
            return new TooLarge(signal.getMessage());
        }
        return new InvalidInput("file", "is not a readable CSV file" + (row > 0 ? " (near row " + row + ")" : "")
                + ": " + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    /** The byte order mark's encoding (the mark is skipped), else the one named, else UTF-8. */
    static Charset charset(BufferedInputStream bytes, String encoding) throws IOException {
        bytes.mark(4);
        int b0 = bytes.read();
        int b1 = bytes.read();
        int b2 = bytes.read();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        bytes.reset();
        if (b0 == 0xFF && b1 == 0xFE) {
            bytes.skip(2);
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            bytes.skip(2);
            return StandardCharsets.UTF_16BE;
        }
        if (encoding == null || encoding.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidInput("encoding", "is no encoding this server knows (try UTF-8 or windows-1252)");
        }
    }

    /** The delimiter given ("tab" for a tab), else the one of , ; tab | found most often in the first line. */
    static char delimiter(BufferedReader text, String given) throws IOException {
        if (given != null && !given.isEmpty()) {
            if (given.equalsIgnoreCase("tab") || given.equals("\t")) {
                return '\t';
            }
            if (given.length() != 1 || given.charAt(0) == '"' || given.charAt(0) == '\r'
                    || given.charAt(0) == '\n') {
                throw new InvalidInput("delimiter", "must be one character (or tab), not a quote or line break");
            }
            return given.charAt(0);
        }
        text.mark(65536);
        char[] start = new char[65536];
        int read = text.read(start, 0, start.length);
        text.reset();
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < Math.max(read, 0); i++) {
            char c = start[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (c == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    /** A line of COPY ... (FORMAT csv): the cells as a text[] literal; NUL (which text cannot hold) becomes U+0001. */
    static void copyLine(Writer copy, UUID importId, long line, List<String> cells) throws IOException {
        StringBuilder array = new StringBuilder(64);
        array.append('{');
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"');
            String cell = cells.get(i);
            for (int c = 0; c < cell.length(); c++) {
                char ch = cell.charAt(c);
                if (ch == '"' || ch == '\\') {
                    array.append('\\');
                }
                array.append(ch == '\u0000' ? '\u0001' : ch);
            }
            array.append('"');
        }
        array.append('}');
        copy.write(importId.toString());
        copy.write(',');
        copy.write(Long.toString(line));
        copy.write(",\"");
        copy.write(array.toString().replace("\"", "\"\""));
        copy.write("\"\n");
    }

    /** A limit was passed while reading; carried through the CSV parser's IOExceptions. */
    static final class TooLargeSignal extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeSignal(String message) {
            super(message);
        }
    }

    /** Counts the file's bytes and stops at the limit. */
    static final class CountingInput extends java.io.FilterInputStream {
        private final long max;
        private long count;

        CountingInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws TooLargeSignal {
            count += n;
            if (count > max) {
                throw new TooLargeSignal("the file is larger than " + max / (1024 * 1024) + " MB; split it");
            }
        }
    }

    /**
     * Stops a record that never ends (an unbalanced quote swallows the rest of the file into one cell): counts the
     * characters read since the last record ended. The parser reads ahead in blocks, so the count is approximate by
     * one block, which the limit allows for.
     */
    static final class RecordLimit extends FilterReader {
        private final int max;
        private long sinceRecord;

        RecordLimit(Reader in, int max) {
            super(in);
            this.max = max;
        }

        void recordEnded() {
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            counted(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            counted(Math.max(n, 0));
            return n;
        }

        private void counted(int n) throws TooLargeSignal {
            sinceRecord += n;
            if (sinceRecord > max + 65536L) {
                throw new TooLargeSignal("a row is longer than " + max / 1024
                        + " KB; is a quote left open? Quotes inside a cell are doubled (\"\")");
            }
        }
    }
}
