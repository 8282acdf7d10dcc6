package io.sluice.gateway.india;

/**
 * Tokens of a broker session; held in memory only and never logged ({@link #toString} hides them).
 *
 * @param accessToken  the bearer/access token (Angel's JWT, Kite's access token, ...).
 * @param refreshToken a refresh token where the broker has one, else null.
 * @param userId       the broker's user id where it says one, else null.
 */
public record SessionTokens(String accessToken, String refreshToken, String userId)
{
    public String toString()
    {
        return "SessionTokens{userId=" + userId + ", accessToken=****}";
    }
}
