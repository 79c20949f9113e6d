package io.borealis.dsl.script;

import io.borealis.dsl.spec.StructFactory;
import java.util.HashSet;
import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Passes the line where each named-argument call starts ({@code Task(...)}, {@code base(...)})
 * as one more named argument, {@link StructFactory#LINE_KEY}. Groovy's line table places a call
 * that spans several lines at its last line; a problem with the object it builds belongs at its
 * first. Only calls on the script itself are touched, and not those of methods the file declares.
 * Runs at conversion, before names are resolved, so a {@code def} local called as {@code a(...)}
 * is covered too.
 */
final class CallLines extends CompilationCustomizer {
    CallLines() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        Set<String> declared = new HashSet<>();
        for (ClassNode node : source.getAST().getClasses()) {
            for (MethodNode method : node.getMethods()) {
                declared.add(method.getName());
            }
        }
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                super.visitMethodCallExpression(call);
                if (call.isImplicitThis() && !declared.contains(call.getMethodAsString())
                        && call.getArguments() instanceof TupleExpression tuple
                        && tuple.getExpressions().size() == 1
                        && tuple.getExpression(0) instanceof MapExpression named
                        && call.getLineNumber() > 0) {
                    Expression line = new ConstantExpression(call.getLineNumber(), true);
                    named.addMapEntryExpression(new MapEntryExpression(
                            new ConstantExpression(StructFactory.LINE_KEY), line));
                }
            }
        }.visitClass(classNode);
    }
}
