package io.borealis.cli.render;

import java.io.PrintWriter;

/**
 * A one-line progress display ({@code 2/3 instances RUNNING}) rewritten in place. It prints only
 * when output is a terminal, so that scripts and logs stay clean.
 */
public final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private boolean shown;

    public Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    public void update(String line) {
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
            shown = true;
        }
    }

    /** Ends the progress line, if one was shown. */
    public void done() {
        if (shown) {
            err.println();
            err.flush();
            shown = false;
        }
    }
}
