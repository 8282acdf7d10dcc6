package io.sluice.admin.ops;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.sluice.admin.readmodel.OrderView;
import io.sluice.admin.readmodel.ReadModel;
import io.sluice.admin.readmodel.RiskUsageView;
import io.sluice.admin.readmodel.TradingStateView;
import io.sluice.admin.security.AuditLog;
import io.sluice.admin.security.CredentialVault;
import io.sluice.admin.security.Principal;
import io.sluice.admin.security.SecurityHandler;
import io.sluice.admin.security.UserStore;
import io.sluice.admin.stream.EventJson;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Records every admin action (every authorized request that changes something, except the signal traffic the
 * engine journals itself) in the audit log with actor, time, target, the value before (from the read model, the
 * users file or the vault) and the value asked for, and the HTTP status it got. It sits after the security gate,
 * so only authenticated, rate-limited requests are written. Passwords and credential values are never read into it.
 */
@ChannelHandler.Sharable
public final class AuditHandler extends ChannelDuplexHandler
{
    private static final AttributeKey<AuditLog.Entry> PENDING = AttributeKey.valueOf("sluice.audit");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AuditLog log;
    private final ReadModel readModel;
    private final UserStore users;
    private final CredentialVault vault;
    private final EpochNanoClock clock;

    /**
     * A recorder.
     *
     * @param log       where entries go.
     * @param readModel for trading states, limits and orders before a change.
     * @param users     for roles before a change.
     * @param vault     whether a credential was set before (never its value); may be null.
     * @param clock     wall clock.
     */
    public AuditHandler(final AuditLog log, final ReadModel readModel, final UserStore users, final CredentialVault vault,
        final EpochNanoClock clock)
    {
        this.log = log;
        this.readModel = readModel;
        this.users = users;
        this.vault = vault;
        this.clock = clock;
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        ctx.channel().attr(PENDING).set(null);
        if (msg instanceof FullHttpRequest)
        {
            final FullHttpRequest request = (FullHttpRequest)msg;
            final String method = request.method().name();
            final String path = new QueryStringDecoder(request.uri()).path();
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS") && path.startsWith("/api/v1/") &&
                !path.equals("/api/v1/signals") && !path.equals("/api/v1/auth/refresh") && !path.equals("/api/v1/auth/logout"))
            {
                ctx.channel().attr(PENDING).set(subject(ctx, request, method, path));
            }
        }
        ctx.fireChannelRead(msg);
    }

    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
    {
        if (msg instanceof HttpResponse)
        {
            final AuditLog.Entry pending = ctx.channel().attr(PENDING).getAndSet(null);
            if (pending != null)
            {
                log.append(new AuditLog.Entry(pending.timeNs(), pending.actor(), pending.action(), pending.target(), pending.before(),
                    pending.after(), ((HttpResponse)msg).status().code(), pending.remote()));
            }
        }
        ctx.write(msg, promise);
    }

    private AuditLog.Entry subject(final ChannelHandlerContext ctx, final FullHttpRequest request, final String method, final String path)
    {
        final Principal principal = ctx.channel().attr(SecurityHandler.PRINCIPAL).get();
        final String[] s = path.substring(1).split("/", -1);
        final JsonNode body = body(request, path);
        String actor = principal != null ? principal.name() : "anonymous";
        String target = path;
        String before = null;
        String after = null;
        switch (s.length > 2 ? s[2] : "")
        {
            case "kill":
            case "resume":
            case "flatten":
            case "reduce":
            {
                final String account = text(body, "account");
                final String venue = text(body, "venue");
                final String symbol = text(body, "symbol");
                target = account != null ? "account:" + account : venue != null ? "venue:" + venue : symbol != null ?
                    "instrument:" + symbol : "global";
                final TradingStateView state = account != null ? readModel.accountTradingStates().get(account) :
                    venue == null && symbol == null ? readModel.globalTradingState() : null;
                before = state != null ? state.state() : null;
                after = s[2].equals("resume") ? "ACTIVE" : s[2].equals("reduce") ? "REDUCING" : "HALTED";
                break;
            }
            case "limits":
            {
                final String account = text(body, "account");
                final String symbol = text(body, "symbol");
                final String name = text(body, "name");
                target = (account != null ? "account:" + account : symbol != null ? "instrument:" + symbol : "global") + "/" + name;
                final RiskUsageView usage = account != null ? readModel.riskUsage().get(account) : null;
                final RiskUsageView.LimitUsage limit = usage != null && name != null ? usage.limit(name) : null;
                before = limit != null && EventJson.decimal(limit.limitValue()) != null ?
                    EventJson.decimal(limit.limitValue()).toPlainString() : null;
                after = body != null && body.has("value") ? body.get("value").asText() : null;
                break;
            }
            case "orders":
                if (s.length == 5)
                {
                    target = "order:" + s[3];
                    final OrderView order = readModel.order(s[3]);
                    before = order != null ? order.status().name() : null;
                    after = "CANCEL_REQUESTED";
                }
                else
                {
                    target = "account:" + text(body, "account") + " " + text(body, "symbol");
                    after = text(body, "side") + " " + text(body, "qty") + " " + (text(body, "type") != null ? text(body, "type") : "market");
                }
                break;
            case "accounts":
            {
                final String account = s.length > 3 ? s[3] : text(body, "account");
                target = "account:" + account;
                final io.sluice.admin.readmodel.AccountDefinitionView d = account != null ?
                    readModel.accountDefinitions().get(account) : null;
                before = d != null ? describe(d.venue(), d.currency(), d.credentialRef(), d.enabled() ? "enabled" : "disabled") :
                    account != null && (readModel.accountTradingStates().containsKey(account) ||
                    readModel.riskUsage().containsKey(account)) ? "configured" : "absent";
                after = s.length == 5 ? s[4] + "d" : describe(text(body, "venue"), text(body, "currency"), text(body, "credentialRef"),
                    body != null && body.has("limits") ? "limits " + body.get("limits").toString() : null);
                break;
            }
            case "users":
            {
                final String name = s.length > 3 ? s[3] : text(body, "name");
                target = "user:" + name;
                final UserStore.User user = name != null ? users.user(name) : null;
                before = user != null ? user.role().label() : "absent";
                if (s.length == 3)
                {
                    after = text(body, "role");
                }
                else if (s.length == 4)
                {
                    after = "removed";
                }
                else
                {
                    target += s.length == 6 ? "/apikey:" + s[5] : "/apikey";
                    after = s.length == 6 ? "revoked" : "new key, role " + text(body, "role");
                }
                break;
            }
            case "credentials":
                if (s.length == 5)
                {
                    target = "credential:" + s[3] + "/" + s[4];
                    before = vault != null && vault.contains(s[3], s[4]) ? "set" : "absent";
                    after = method.equals("DELETE") ? "removed" : "set (value not recorded)";
                }
                break;
            case "auth":
                actor = text(body, "username") != null ? text(body, "username") : actor;
                target = "login";
                break;
            default:
                break;
        }
        return new AuditLog.Entry(clock.nanoTime(), actor, method + " " + path, target, before, after, 0, remote(ctx));
    }

    // "venue=paper currency=USDT ..." of the parts that are set.
    private static String describe(final String venue, final String currency, final String credentialRef, final String rest)
    {
        final StringBuilder out = new StringBuilder();
        if (venue != null && !venue.isEmpty())
        {
            out.append("venue=").append(venue);
        }
        if (currency != null && !currency.isEmpty())
        {
            out.append(out.length() > 0 ? " " : "").append("currency=").append(currency);
        }
        if (credentialRef != null && !credentialRef.isEmpty())
        {
            out.append(out.length() > 0 ? " " : "").append("credentialRef=").append(credentialRef);
        }
        if (rest != null)
        {
            out.append(out.length() > 0 ? " " : "").append(rest.length() > 256 ? rest.substring(0, 256) : rest);
        }
        return out.toString();
    }

    // Bodies of credentials and logins carry secrets: only the login's username is ever read, by name.
    private static JsonNode body(final FullHttpRequest request, final String path)
    {
        if (path.startsWith("/api/v1/credentials") || request.content().readableBytes() == 0)
        {
            return null;
        }
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate()))
        {
            final JsonNode node = MAPPER.readTree((java.io.InputStream)in);
            return node != null && node.isObject() ? node : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static String text(final JsonNode body, final String name)
    {
        if (body == null || !body.hasNonNull(name) || name.equals("password"))
        {
            return null;
        }
        final String text = body.get(name).asText();
        return text.length() > 64 ? text.substring(0, 64) : text;
    }

    private static String remote(final ChannelHandlerContext ctx)
    {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress ?
            ((InetSocketAddress)ctx.channel().remoteAddress()).getAddress().getHostAddress() : "unknown";
    }
}
