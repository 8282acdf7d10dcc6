package io.sluice.admin.security;

import java.util.Locale;

/**
 * What a user or API key may do; each role includes the ones below it.
 */
public enum Role
{
    /** Reads everything (GET endpoints, the stream, metrics). */
    VIEWER,
    /** Also kill/resume/flatten/reduce, approvals, manual orders and signals, cancels. */
    OPERATOR,
    /** Also accounts, limits, users and broker credentials. */
    ADMIN;

    /**
     * Whether this role may do what {@code required} may.
     *
     * @param required the role an endpoint needs.
     * @return true when allowed.
     */
    public boolean includes(final Role required)
    {
        return ordinal() >= required.ordinal();
    }

    /**
     * The weaker of two roles.
     *
     * @param a one role.
     * @param b another.
     * @return the one that includes less.
     */
    public static Role min(final Role a, final Role b)
    {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /**
     * Parse a role name, case-insensitively.
     *
     * @param text e.g. "operator".
     * @return the role.
     * @throws IllegalArgumentException when unknown.
     */
    public static Role parse(final String text)
    {
        if (text != null)
        {
            for (final Role role : values())
            {
                if (role.name().equals(text.trim().toUpperCase(Locale.ROOT)))
                {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be viewer, operator or admin");
    }

    /**
     * Lower-case name as used in files and JSON.
     *
     * @return e.g. "operator".
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
