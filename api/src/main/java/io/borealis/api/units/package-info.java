/**
 * Units people type: {@link io.borealis.api.units.DataSize} is the one grammar for sizes
 * ({@code 512m}, {@code 4g}, {@code 1t}; a plain number is megabytes), used by the clients and
 * any program flag that takes a size; {@link io.borealis.api.units.Durations} is the one grammar for
 * durations ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}).
 */
package io.borealis.api.units;
