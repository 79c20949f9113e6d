/**
 * The DSL's schema objects and their translation into {@code io.borealis.api.model} records.
 *
 * <p>{@link io.borealis.dsl.spec.Schemas} declares every object ({@code Process}, {@code Task},
 * {@code Job}, ...) with Aurora's field names and defaults. A job file builds
 * {@link io.borealis.dsl.spec.Struct}s through a {@link io.borealis.dsl.spec.StructFactory},
 * which records the line of each. {@link io.borealis.dsl.spec.JobBuilder} then reads the
 * {@code jobs} list: {@code TaskBuilder}, {@code JobExtras} and {@code UpdateSettingsReader} read
 * each part through {@code Values} (typed reads, template resolution with
 * {@link io.borealis.dsl.spec.Templates}, one diagnostic per problem with its field path). Nothing
 * here runs Groovy code; structs are plain values the script produced.
 */
package io.borealis.dsl.spec;
