package io.borealis.cli.render;

import io.borealis.api.model.Resources;
import io.borealis.cli.transport.RoleQuota;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code quota get}: a table for people, and the JSON of spec/cli.md for scripts,
 * {@code {"quota": R, "prodSharedConsumption": R, ...}} with R = {@code {"cpu", "ramMb",
 * "diskMb"}}.
 */
public final class QuotaTable {
    private QuotaTable() {}

    public static void print(PrintWriter out, String role, RoleQuota quota) {
        out.println("Quota of " + role + " (only production shared work counts against it):");
        String format = "  %-26s %10s %12s %12s%n";
        out.printf(format, "", "CPU", "RAM", "DISK");
        row(out, format, "quota", quota.quota());
        row(out, format, "production shared", quota.prodSharedConsumption());
        row(out, format, "non-production shared", quota.nonProdSharedConsumption());
        row(out, format, "production dedicated", quota.prodDedicatedConsumption());
        row(out, format, "non-production dedicated", quota.nonProdDedicatedConsumption());
        out.flush();
    }

    private static void row(PrintWriter out, String format, String name, Resources r) {
        out.printf(format, name, BigDecimal.valueOf(r.cpu()).stripTrailingZeros().toPlainString(),
                r.ramMb() + " MB", r.diskMb() + " MB");
    }

    public static void json(PrintWriter out, RoleQuota quota) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("quota", resources(quota.quota()));
        shape.put("prodSharedConsumption", resources(quota.prodSharedConsumption()));
        shape.put("nonProdSharedConsumption", resources(quota.nonProdSharedConsumption()));
        shape.put("prodDedicatedConsumption", resources(quota.prodDedicatedConsumption()));
        shape.put("nonProdDedicatedConsumption", resources(quota.nonProdDedicatedConsumption()));
        JsonOutput.write(out, shape);
    }

    private static Map<String, Object> resources(Resources r) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("cpu", r.cpu());
        shape.put("ramMb", r.ramMb());
        shape.put("diskMb", r.diskMb());
        return shape;
    }
}
