package io.sluice.admin.security;

/**
 * Who sent a request: the authenticated user (or API key owner) and the role the request acts with.
 *
 * @param name   user name; recorded as the actor of every command.
 * @param role   effective role.
 * @param method how it authenticated: "token", "apikey" or "none" (auth disabled).
 */
public record Principal(String name, Role role, String method)
{
}
