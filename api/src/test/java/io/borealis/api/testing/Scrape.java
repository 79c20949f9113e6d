package io.borealis.api.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.Summary;

/**
 * One scrape of a {@code /metrics} page, read by a real Prometheus text-format parser
 * (Hawkular's {@code prometheus-scraper}), for specs that check which series a program exports
 * and how they move. Immutable.
 */
public final class Scrape {
    private final Map<String, MetricFamily> families;

    private Scrape(Map<String, MetricFamily> families) {
        this.families = families;
    }

    /** Parses {@code text}; a malformed page fails here. */
    public static Scrape parse(String text) {
        requireNonNull(text, "text is null");
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        try {
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
                if (families.put(family.getName(), family) != null) {
                    throw new IllegalArgumentException("family " + family.getName()
                            + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(families);
    }

    /** The family names, in page order. */
    public java.util.Set<String> names() {
        return families.keySet();
    }

    /** The family called {@code name}; fails naming the families there are. */
    public MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("no family " + name + " in " + families.keySet());
        }
        return family;
    }

    /**
     * The value of the series of {@code family} whose labels include {@code labels}: a counter's
     * or gauge's value, a histogram's or summary's sample count. Empty when no series matches
     * (or there is no such family).
     */
    public Optional<Double> value(String family, Map<String, String> labels) {
        if (!families.containsKey(family)) {
            return Optional.empty();
        }
        for (Metric metric : family(family).getMetrics()) {
            if (metric.getLabels().entrySet().containsAll(labels.entrySet())) {
                return Optional.of(valueOf(metric));
            }
        }
        return Optional.empty();
    }

    /** {@link #value} of a series that must exist. */
    public double get(String family, Map<String, String> labels) {
        return value(family, labels).orElseThrow(() -> new IllegalArgumentException(
                "no series " + family + labels + " in " + family(family).getMetrics()));
    }

    private static double valueOf(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        if (metric instanceof Gauge gauge) {
            return gauge.getValue();
        }
        if (metric instanceof Histogram histogram) {
            return histogram.getSampleCount();
        }
        if (metric instanceof Summary summary) {
            return summary.getSampleCount();
        }
        throw new IllegalArgumentException("unknown metric type " + metric.getClass());
    }
}
