package io.sluice.gateway.india;

/**
 * What an account needs to get a session now: a login call to make, tokens to adopt as they are (an access token the
 * operator supplied), or a manual login by the operator (with a hint naming the login link and where to put the
 * result, never a secret).
 *
 * @param call   login call to make, or null.
 * @param tokens tokens to adopt, or null.
 * @param manual what the operator must do, or null.
 */
public record LoginStep(BrokerCall<SessionTokens> call, SessionTokens tokens, String manual)
{
    /**
     * Make a login call.
     *
     * @param call the call.
     * @return the step.
     */
    public static LoginStep call(final BrokerCall<SessionTokens> call)
    {
        return new LoginStep(call, null, null);
    }

    /**
     * Adopt tokens without a call.
     *
     * @param tokens the tokens.
     * @return the step.
     */
    public static LoginStep adopt(final SessionTokens tokens)
    {
        return new LoginStep(null, tokens, null);
    }

    /**
     * The operator must log in.
     *
     * @param hint login link and where to put the token.
     * @return the step.
     */
    public static LoginStep manual(final String hint)
    {
        return new LoginStep(null, null, hint);
    }
}
