package io.sluice.admin.security;

import java.util.List;

/**
 * The one table of who may call what: the first rule whose method and path pattern match decides. A pattern
 * segment {@code *} matches one path segment and a trailing {@code **} matches the rest; anything no rule names
 * needs ADMIN, so a new endpoint is closed until it is listed here.
 */
public final class AccessPolicy
{
    /** The role a rule asks for; null means public (no authentication). */
    private record Rule(String method, String[] pattern, Role role)
    {
    }

    private static final List<Rule> RULES = List.of(
        publicRule("GET", "/health"),
        publicRule("GET", "/ready"),
        publicRule("GET", "/"),
        publicRule("GET", "/dashboard/**"),
        publicRule("GET", "/api/openapi.json"),
        publicRule("POST", "/api/v1/auth/login"),
        publicRule("POST", "/api/v1/auth/refresh"),
        publicRule("POST", "/api/v1/auth/logout"),
        // Signal sources authenticate themselves (secrets in the payload, TradingView's client certificate).
        publicRule("*", "/webhook/**"),
        // OpenAlgo-compatible paths: scripts authenticate with the configured apikey in the body, as with OpenAlgo.
        publicRule("POST", "/api/v1/placeorder"),
        publicRule("POST", "/api/v1/placesmartorder"),
        publicRule("POST", "/api/v1/basketorder"),
        publicRule("POST", "/api/v1/optionsmultiorder"),
        publicRule("POST", "/api/v1/closeposition"),
        rule("GET", "/metrics", Role.VIEWER),
        rule("GET", "/api/v1/audit", Role.ADMIN),
        rule("GET", "/api/v1/users", Role.ADMIN),
        rule("GET", "/api/v1/users/**", Role.ADMIN),
        rule("GET", "/api/v1/credentials", Role.ADMIN),
        rule("GET", "/api/v1/credentials/**", Role.ADMIN),
        rule("GET", "/api/v1/**", Role.VIEWER),
        rule("POST", "/api/v1/signals", Role.OPERATOR),
        rule("POST", "/api/v1/signals/hedge-pair", Role.OPERATOR),
        rule("POST", "/api/v1/signals/manual", Role.OPERATOR),
        rule("POST", "/api/v1/signals/parse", Role.OPERATOR),
        rule("POST", "/api/v1/pairs/clear-flag", Role.OPERATOR),
        rule("POST", "/api/v1/kill", Role.OPERATOR),
        rule("POST", "/api/v1/resume", Role.OPERATOR),
        rule("POST", "/api/v1/flatten", Role.OPERATOR),
        rule("POST", "/api/v1/reduce", Role.OPERATOR),
        rule("POST", "/api/v1/orders", Role.OPERATOR),
        rule("POST", "/api/v1/orders/*/cancel", Role.OPERATOR),
        rule("POST", "/api/v1/approvals/**", Role.OPERATOR),
        rule("*", "/**", Role.ADMIN));

    private AccessPolicy()
    {
    }

    private static Rule publicRule(final String method, final String pattern)
    {
        return new Rule(method, split(pattern), null);
    }

    private static Rule rule(final String method, final String pattern, final Role role)
    {
        return new Rule(method, split(pattern), role);
    }

    /**
     * Whether a request needs no authentication.
     *
     * @param method HTTP method.
     * @param path   decoded path.
     * @return true when public.
     */
    public static boolean isPublic(final String method, final String path)
    {
        return match(method, path).role() == null;
    }

    /**
     * The role a request needs.
     *
     * @param method HTTP method.
     * @param path   decoded path.
     * @return the role, or null when public.
     */
    public static Role required(final String method, final String path)
    {
        return match(method, path).role();
    }

    private static Rule match(final String method, final String path)
    {
        final String effectiveMethod = "HEAD".equals(method) ? "GET" : method;
        final String[] segments = split(path);
        for (final Rule rule : RULES)
        {
            if ((rule.method().equals("*") || rule.method().equals(effectiveMethod)) && matches(rule.pattern(), segments))
            {
                return rule;
            }
        }
        throw new IllegalStateException("the policy ends with a catch-all rule");
    }

    private static boolean matches(final String[] pattern, final String[] segments)
    {
        for (int i = 0; i < pattern.length; i++)
        {
            if (pattern[i].equals("**"))
            {
                return true;
            }
            if (i >= segments.length || (!pattern[i].equals("*") && !pattern[i].equals(segments[i])))
            {
                return false;
            }
        }
        return pattern.length == segments.length;
    }

    private static String[] split(final String path)
    {
        final String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
