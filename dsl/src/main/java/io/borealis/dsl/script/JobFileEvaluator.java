package io.borealis.dsl.script;

import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.borealis.api.model.JobConfiguration;
import io.borealis.dsl.diagnostic.Diagnostics;
import io.borealis.dsl.spec.JobBuilder;
import io.borealis.dsl.spec.StructFactory;
import io.borealis.dsl.spec.TaskHelpers;
import io.borealis.dsl.spec.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * Evaluates a job file: compiles it as a {@link JobScript}, runs it, and builds its {@code jobs} into validated
 * {@link JobConfiguration}s. Every problem comes back as a diagnostic; nothing is thrown for a
 * bad file. Only the client runs this; the scheduler never evaluates Groovy.
 *
 * <p>Thread-safe: each call uses its own shell, class loader and collector.
 */
public final class JobFileEvaluator {
    /**
     * The name every job file is compiled under. Groovy names a script's class after its source,
     * so that in {@code fail.groovy} the line {@code fail = Process(...)} would assign to the
     * class {@code fail} and not compile; under this neutral name it does. Its stack frames carry
     * this name, and {@link StructFactory} and {@link ScriptErrors} map them back to the user's
     * file name and line.
     */
    static final String SOURCE_NAME = "BorealisJobFile.groovy";

    /** Reads and evaluates {@code file}; only an unreadable file throws. */
    public Evaluation evaluate(Path file, Map<String, String> bindings) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return evaluate(file.getFileName().toString(), text, bindings);
    }

    /**
     * @param fileName the name problems are reported under, e.g. {@code hello_world.groovy}
     * @param bindings the client's {@code --bind NAME=VALUE}s
     */
    public Evaluation evaluate(String fileName, String text, Map<String, String> bindings) {
        Diagnostics diagnostics = new Diagnostics();
        StructFactory factory = new StructFactory(SOURCE_NAME, fileName, diagnostics);
        JobBinding binding = new JobBinding(factory);
        binding.setVariable("Tasks", new TaskHelpers(factory));
        GroovyShell shell = new GroovyShell(JobScript.class.getClassLoader(), binding,
                configuration());
        Script script;
        try {
            GroovyCodeSource source = new GroovyCodeSource(text, SOURCE_NAME,
                    "/borealis/jobfile");
            source.setCachable(false);
            script = Compilation.quietly(() -> shell.parse(source));
        } catch (MultipleCompilationErrorsException e) {
            ScriptErrors.compilation(e, fileName, text, diagnostics);
            return new Evaluation(fileName, List.of(), diagnostics.sorted());
        }
        ((JobScript) script).attach(factory);
        try {
            script.run();
        } catch (RuntimeException | StackOverflowError e) {
            Set<String> variables = new HashSet<>();
            binding.getVariables().keySet().forEach(k -> variables.add(String.valueOf(k)));
            ScriptErrors.runtime(e, SOURCE_NAME, fileName, variables, diagnostics);
            return new Evaluation(fileName, List.of(), diagnostics.sorted());
        }
        List<JobConfiguration> jobs = new JobBuilder(diagnostics, bindings)
                .build(binding.jobs(), binding.jobsAssignedAt(fileName));
        return new Evaluation(fileName, diagnostics.hasErrors() ? List.of() : jobs,
                diagnostics.sorted());
    }

    private static CompilerConfiguration configuration() {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(JobScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStaticStars(Units.class.getName());
        imports.addImports(Units.class.getName());
        configuration.addCompilationCustomizers(imports, new CallLines());
        return configuration;
    }
}
