package io.sluice.admin.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard's bundled files (plain HTML, CSS and JavaScript, no CDN), loaded once from the jar, served with
 * a Content-Security-Policy that allows only the page's own origin.
 */
public final class DashboardAssets
{
    /** Policy of the dashboard page: own scripts, styles and connections only; no framing, no inline code. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /**
     * One file.
     *
     * @param contentType media type.
     * @param bytes       content.
     */
    public record Asset(String contentType, byte[] bytes)
    {
    }

    private static final Map<String, String> FILES = Map.of(
        "index.html", "text/html; charset=utf-8",
        "app.js", "text/javascript; charset=utf-8",
        "app.css", "text/css; charset=utf-8");

    private final Map<String, Asset> assets = new HashMap<>();

    /**
     * Load the files.
     */
    public DashboardAssets()
    {
        FILES.forEach((name, type) -> assets.put(name, new Asset(type, load(name))));
    }

    /**
     * A file by name.
     *
     * @param name e.g. "app.js"; empty for the page.
     * @return the asset, or null when there is no such file.
     */
    public Asset get(final String name)
    {
        return assets.get(name.isEmpty() ? "index.html" : name);
    }

    private static byte[] load(final String name)
    {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("dashboard file missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
