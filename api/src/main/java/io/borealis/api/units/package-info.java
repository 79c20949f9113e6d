/**
 * Units people type: {@link io.borealis.api.units.DataSize} is the one grammar for sizes
 * ({@code 512m}, {@code 4g}, {@code 1t}; a plain number is megabytes), used by the clients and
 * any program flag that takes a size.
 */
package io.borealis.api.units;
