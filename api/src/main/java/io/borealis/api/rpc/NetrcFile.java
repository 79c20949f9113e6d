package io.borealis.api.rpc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries of a netrc file ({@code machine HOST login USER password PW}, and a
 * {@code default login USER password PW} entry), the one format every Borealis program reads
 * HTTP Basic credentials from: the clients ({@code ~/.netrc}, {@code $BOREALIS_NETRC}) and the
 * agents ({@code --scheduler-netrc}). Entries missing a login or a password are skipped;
 * {@code account} and {@code macdef} are not supported.
 */
public final class NetrcFile {
    private NetrcFile() {}

    /** One entry; {@code machine} is null for the {@code default} entry. */
    public record Entry(String machine, String login, String password) {
        public Entry {
            requireNonNull(login, "login is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Entry[machine=" + machine + ", login=" + login + ", password=***]";
        }
    }

    /** The entries of {@code text}, in file order. */
    public static List<Entry> parse(String text) {
        List<String> tokens = List.of(text.trim().split("\\s+"));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean machine = tokens.get(i).equals("machine") && i + 1 < tokens.size();
            boolean isDefault = tokens.get(i).equals("default");
            if (!machine && !isDefault) {
                continue;
            }
            String name = machine ? tokens.get(i + 1) : null;
            String login = null;
            String password = null;
            int j = machine ? i + 2 : i + 1;
            for (; j + 1 < tokens.size() && !tokens.get(j).equals("machine")
                    && !tokens.get(j).equals("default"); j += 2) {
                switch (tokens.get(j)) {
                    case "login" -> login = tokens.get(j + 1);
                    case "password" -> password = tokens.get(j + 1);
                    default -> { }
                }
            }
            if (login != null && password != null) {
                entries.add(new Entry(name, login, password));
            }
            i = j - 1;
        }
        return entries;
    }

    /**
     * The entry for {@code host}: the first naming it (the first with login {@code login} among
     * those, when {@code login} is given), else the {@code default} entry.
     */
    public static Optional<Entry> find(List<Entry> entries, String host, String login) {
        List<Entry> forHost = entries.stream().filter(e -> host.equals(e.machine())).toList();
        Optional<Entry> named = login == null ? Optional.empty()
                : forHost.stream().filter(e -> e.login().equals(login)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        if (!forHost.isEmpty()) {
            return Optional.of(forHost.get(0));
        }
        return entries.stream().filter(e -> e.machine() == null).reduce((a, b) -> b);
    }
}
