package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.sluice.sbe.AdminScope;

/**
 * The optional body of kill, resume, flatten and reduce: {@code {"account"?, "venue"?, "symbol"?, "reason"?, "actor"?}}.
 * At most one of account, venue and symbol names the scope (ACCOUNT, VENUE, INSTRUMENT); none means GLOBAL.
 *
 * @param account account to act on, or null.
 * @param reason  free text (UTF-8), empty when absent.
 * @param actor   who asks as the body says, "api" when absent (only used when authentication is off).
 * @param venue   venue to act on, or null.
 * @param symbol  instrument to act on, or null.
 * @param actorGiven whether the body named an actor.
 */
public record AdminCommandRequest(String account, String reason, String actor, String venue, String symbol, boolean actorGiven)
{
    /** Actor recorded when the body names none. */
    public static final String DEFAULT_ACTOR = "api";
    static final int MAX_REASON_BYTES = 1024;
    static final int MAX_ACTOR_LENGTH = 64;

    private static final Set<String> FIELDS = Set.of("account", "venue", "symbol", "reason", "actor");

    /**
     * Parse a body; an empty body means a global command by the default actor.
     *
     * @param body request bytes, possibly empty.
     * @return the request.
     * @throws ApiException UNPARSEABLE or INVALID_FIELD naming the field.
     */
    public static AdminCommandRequest parse(final byte[] body)
    {
        if (body.length == 0)
        {
            return new AdminCommandRequest(null, "", DEFAULT_ACTOR, null, null, false);
        }
        final Map<String, StrictJson.Member> members = StrictJson.parseObject(body);
        for (final String name : members.keySet())
        {
            if (!FIELDS.contains(name))
            {
                throw ApiException.invalidField(name, "unknown field '" + StrictJson.truncate(name) + "'");
            }
        }
        final StrictJson.Member accountMember = absentIfNull(members.get("account"));
        final String account = Fields.identifier(accountMember, "account", SignalRequest.MAX_ACCOUNT_LENGTH, true, false);
        final String venue = Fields.identifier(absentIfNull(members.get("venue")), "venue", SignalRequest.MAX_VENUE_LENGTH, false, false);
        final String symbol = Fields.identifier(absentIfNull(members.get("symbol")), "symbol", SignalRequest.MAX_SYMBOL_LENGTH, true, false);
        if ((account != null ? 1 : 0) + (venue != null ? 1 : 0) + (symbol != null ? 1 : 0) > 1)
        {
            throw ApiException.invalidField(venue != null ? "venue" : "symbol", "name at most one of account, venue and symbol");
        }
        final String reason = reason(absentIfNull(members.get("reason")));
        final StrictJson.Member actorMember = absentIfNull(members.get("actor"));
        final String actor = actor(actorMember);
        return new AdminCommandRequest(account, reason, actor, venue, symbol, actorMember != null);
    }

    /**
     * The scope the body names.
     *
     * @return ACCOUNT, VENUE, INSTRUMENT or GLOBAL.
     */
    public AdminScope scope()
    {
        return account != null ? AdminScope.ACCOUNT : venue != null ? AdminScope.VENUE : symbol != null ? AdminScope.INSTRUMENT :
            AdminScope.GLOBAL;
    }

    private static StrictJson.Member absentIfNull(final StrictJson.Member member)
    {
        return member == null || member.kind() == StrictJson.Kind.NULL ? null : member;
    }

    private static String reason(final StrictJson.Member member)
    {
        if (member == null)
        {
            return "";
        }
        if (member.kind() != StrictJson.Kind.STRING ||
            member.text().getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES)
        {
            throw ApiException.invalidField("reason", "reason must be a string of at most " + MAX_REASON_BYTES + " bytes");
        }
        return member.text();
    }

    private static String actor(final StrictJson.Member member)
    {
        final String message = "actor must be a string of 1 to " + MAX_ACTOR_LENGTH + " characters (letters, digits and . _ : - / @)";
        if (member == null)
        {
            return DEFAULT_ACTOR;
        }
        if (member.kind() != StrictJson.Kind.STRING)
        {
            throw ApiException.invalidField("actor", message);
        }
        final String text = member.text();
        if (text.isEmpty() || text.length() > MAX_ACTOR_LENGTH)
        {
            throw ApiException.invalidField("actor", message);
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == ':' || c == '-' || c == '/' || c == '@';
            if (!ok)
            {
                throw ApiException.invalidField("actor", message);
            }
        }
        return text;
    }
}
