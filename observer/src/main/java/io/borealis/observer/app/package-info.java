/**
 * The observer program: {@link io.borealis.observer.app.ObserverMain} parses the command line
 * (picocli) and {@link io.borealis.observer.app.ObserverServer} wires the object graph (work
 * directory, view builders, templates, handler) and runs it on Jetty. Tests start an {@code
 * ObserverServer} on port 0 directly.
 */
package io.borealis.observer.app;
