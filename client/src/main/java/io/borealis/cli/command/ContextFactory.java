package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Lets picocli build commands that take the {@link CliContext} in their constructor; any other
 * class is built by picocli's default factory.
 */
public final class ContextFactory implements CommandLine.IFactory {
    private final CliContext context;

    public ContextFactory(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
            constructor.setAccessible(true);
            return constructor.newInstance(context);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
