package io.sluice.admin.ops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.admin.IngressPublisher;
import io.sluice.admin.http.PendingSignals;
import io.sluice.admin.http.SignalRequest;
import io.sluice.admin.readmodel.AccountView;
import io.sluice.admin.readmodel.AlertView;
import io.sluice.admin.readmodel.ExecutionView;
import io.sluice.admin.readmodel.GatewayView;
import io.sluice.admin.readmodel.OrderView;
import io.sluice.admin.readmodel.PriceView;
import io.sluice.admin.readmodel.RiskUsageView;
import io.sluice.admin.readmodel.TimeSeries;
import io.sluice.admin.security.CredentialVault;
import io.sluice.admin.security.Principal;
import io.sluice.admin.security.Role;
import io.sluice.admin.security.TokenService;
import io.sluice.admin.security.UserStore;
import io.sluice.admin.stream.EventJson;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AdminAction;
import io.sluice.sbe.AdminScope;
import io.sluice.sbe.OrdStatus;
import io.sluice.sbe.SignalFormat;
import io.sluice.sbe.SignalSource;

/**
 * The operator endpoints: login and tokens, users and API keys, credentials (masked), audit, risk, alerts,
 * executions, accounts, engine status, prices and P&L, and the commands that are not kill/resume/flatten/reduce:
 * limits (SET_LIMIT), manual orders and cancels, which enter the engine as journaled inputs like everything else.
 */
final class OperatorEndpoints
{
    private static final int MAX_POINTS = 3600;
    private final OperatorServices services;

    OperatorEndpoints(final OperatorServices services)
    {
        this.services = services;
    }

    // ---- authentication -------------------------------------------------------------------------------------------

    Reply login(final String contentType, final byte[] bytes)
    {
        if (!services.security().config().authEnabled())
        {
            throw new OpsException(HttpResponseStatus.BAD_REQUEST, "AUTH_DISABLED", "authentication is off on this listener", null);
        }
        final Body body = Body.parse(contentType, bytes, Set.of("username", "password"));
        final String username = body.string("username", true, 64);
        final String password = body.string("password", true, 256);
        final char[] chars = password.toCharArray();
        final UserStore.User user = services.security().users().authenticate(username, chars);
        Arrays.fill(chars, '\0');
        if (user == null)
        {
            throw new OpsException(HttpResponseStatus.UNAUTHORIZED, "INVALID_LOGIN", "unknown user or wrong password", null);
        }
        return Reply.ok(tokens(services.security().tokens().issue(user)));
    }

    Reply refresh(final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("refreshToken"));
        final TokenService.Tokens tokens = services.security().tokens().refresh(body.string("refreshToken", true, 256));
        if (tokens == null)
        {
            throw new OpsException(HttpResponseStatus.UNAUTHORIZED, "INVALID_REFRESH_TOKEN", "the refresh token is not valid", null);
        }
        return Reply.ok(tokens(tokens));
    }

    Reply logout(final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("refreshToken"));
        services.security().tokens().revoke(body.string("refreshToken", true, 256));
        return Reply.ok(EventJson.object().put("status", "LOGGED_OUT"));
    }

    Reply me(final Principal principal)
    {
        final ObjectNode node = EventJson.object();
        node.put("name", principal.name());
        node.put("role", principal.role().label());
        node.put("authEnabled", services.security().config().authEnabled());
        return Reply.ok(node);
    }

    private static ObjectNode tokens(final TokenService.Tokens tokens)
    {
        final ObjectNode node = EventJson.object();
        node.put("accessToken", tokens.accessToken());
        node.put("tokenType", "Bearer");
        node.put("expiresIn", tokens.expiresInSeconds());
        node.put("refreshToken", tokens.refreshToken());
        node.putObject("user").put("name", tokens.principal().name()).put("role", tokens.principal().role().label());
        return node;
    }

    // ---- users ----------------------------------------------------------------------------------------------------

    Reply users()
    {
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("users");
        for (final UserStore.User user : services.security().users().users())
        {
            final ObjectNode node = list.addObject();
            node.put("name", user.name());
            node.put("role", user.role().label());
            node.put("disabled", user.disabled());
            final ArrayNode keys = node.putArray("apiKeys");
            user.apiKeys().values().forEach(key -> keys.addObject().put("id", key.id()).put("role", key.role().label())
                .put("label", key.label()).put("createdAt", EventJson.time(key.createdAtMs() * 1_000_000L)));
        }
        return Reply.ok(body);
    }

    Reply putUser(final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("name", "role", "password"));
        final String name = body.string("name", true, 32);
        final Role role = role(body.string("role", true, 16));
        final char[] password = body.string("password", true, 256).toCharArray();
        try
        {
            final UserStore.User previous = services.security().users().put(name, role, password);
            final ObjectNode node = EventJson.object().put("name", name).put("role", role.label());
            return Reply.json(previous == null ? HttpResponseStatus.CREATED : HttpResponseStatus.OK, node);
        }
        catch (final IllegalArgumentException ex)
        {
            throw OpsException.invalid(ex.getMessage().startsWith("password") ? "password" : "name", ex.getMessage());
        }
        finally
        {
            Arrays.fill(password, '\0');
        }
    }

    Reply deleteUser(final String name, final Principal principal)
    {
        if (name.equals(principal.name()))
        {
            throw OpsException.invalid("name", "you cannot remove yourself");
        }
        if (services.security().users().remove(name) == null)
        {
            throw OpsException.notFound("no user '" + name + "'");
        }
        return Reply.ok(EventJson.object().put("name", name).put("status", "REMOVED"));
    }

    Reply createApiKey(final String name, final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("role", "label"));
        final Role role = role(body.string("role", true, 16));
        final String label = body.string("label", false, 64);
        try
        {
            final Map.Entry<String, UserStore.ApiKey> key = services.security().users().createApiKey(
                name, role, label, services.clock().nanoTime() / 1_000_000L);
            final ObjectNode node = EventJson.object();
            node.put("id", key.getValue().id());
            node.put("apiKey", key.getKey());
            node.put("role", role.label());
            node.put("note", "shown once; store it now");
            return Reply.json(HttpResponseStatus.CREATED, node);
        }
        catch (final IllegalArgumentException ex)
        {
            if (services.security().users().user(name) == null)
            {
                throw OpsException.notFound("no user '" + name + "'");
            }
            throw OpsException.invalid("role", ex.getMessage());
        }
    }

    Reply revokeApiKey(final String name, final String id)
    {
        if (!services.security().users().revokeApiKey(name, id))
        {
            throw OpsException.notFound("no API key '" + id + "' of user '" + name + "'");
        }
        return Reply.ok(EventJson.object().put("id", id).put("status", "REVOKED"));
    }

    private static Role role(final String text)
    {
        try
        {
            return Role.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw OpsException.invalid("role", ex.getMessage());
        }
    }

    // ---- credentials ----------------------------------------------------------------------------------------------

    Reply credentials()
    {
        final CredentialVault vault = vault();
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("credentials");
        for (final CredentialVault.Masked masked : vault.list())
        {
            list.addObject().put("account", masked.account()).put("name", masked.name()).put("value", masked.masked())
                .put("updatedAt", EventJson.time(masked.updatedAtMs() * 1_000_000L));
        }
        return Reply.ok(body);
    }

    Reply putCredential(final String account, final String name, final String contentType, final byte[] bytes)
    {
        final CredentialVault vault = vault();
        final Body body = Body.parse(contentType, bytes, Set.of("value"));
        final char[] value = body.string("value", true, 4096).toCharArray();
        try
        {
            final boolean replaced = vault.put(account, name, value, services.clock().nanoTime() / 1_000_000L);
            final ObjectNode node = EventJson.object().put("account", account).put("name", name)
                .put("status", replaced ? "REPLACED" : "STORED");
            return Reply.json(replaced ? HttpResponseStatus.OK : HttpResponseStatus.CREATED, node);
        }
        catch (final IllegalArgumentException ex)
        {
            throw OpsException.invalid(ex.getMessage().startsWith("value") ? "value" : ex.getMessage().startsWith("account") ?
                "account" : "name", ex.getMessage());
        }
        finally
        {
            Arrays.fill(value, '\0');
        }
    }

    Reply deleteCredential(final String account, final String name)
    {
        if (!vault().remove(account, name))
        {
            throw OpsException.notFound("no credential " + account + "/" + name);
        }
        return Reply.ok(EventJson.object().put("account", account).put("name", name).put("status", "REMOVED"));
    }

    private CredentialVault vault()
    {
        final CredentialVault vault = services.security().vault();
        if (vault == null)
        {
            throw new OpsException(HttpResponseStatus.SERVICE_UNAVAILABLE, "NO_CREDENTIALS_KEY",
                "no credentials key is configured (SLUICE_CREDENTIALS_KEY or sluice.admin.credentials.keyFile)", null);
        }
        return vault;
    }

    // ---- views ----------------------------------------------------------------------------------------------------

    Reply audit(final String limitText)
    {
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("entries");
        for (final JsonNode entry : services.security().audit().recent(limit(limitText, 100, 1000)))
        {
            list.add(entry);
        }
        return Reply.ok(body);
    }

    Reply risk()
    {
        final ObjectNode body = EventJson.object();
        final ArrayNode accounts = body.putArray("accounts");
        for (final RiskUsageView usage : services.readModel().riskUsage().values())
        {
            final ObjectNode node = accounts.addObject();
            node.put("account", usage.account());
            node.put("state", usage.state());
            node.put("updatedAt", EventJson.time(usage.timestampNs()));
            node.put("journalIndex", usage.journalIndex());
            final ArrayNode limits = node.putArray("limits");
            for (final RiskUsageView.LimitUsage limit : usage.limits())
            {
                final ObjectNode l = limits.addObject();
                l.put("name", limit.name());
                l.put("limit", EventJson.decimal(limit.limitValue()));
                l.put("used", EventJson.decimal(limit.usedValue()));
                if (limit.limitValue() != Fixed.NULL && limit.limitValue() != 0 && limit.usedValue() != Fixed.NULL)
                {
                    l.put("usedPercent", Fixed.mulDiv(limit.usedValue(), 100, limit.limitValue()));
                }
            }
        }
        return Reply.ok(body);
    }

    Reply alerts(final String limitText)
    {
        final List<AlertView> alerts = services.readModel().alerts();
        final int limit = limit(limitText, 100, 500);
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("alerts");
        for (int i = alerts.size() - 1; i >= 0 && list.size() < limit; i--)
        {
            final AlertView alert = alerts.get(i);
            list.addObject().put("type", alert.alertType()).put("severity", alert.severity()).put("account", alert.account())
                .put("venue", alert.venue()).put("symbol", alert.symbol()).put("text", alert.text())
                .put("at", EventJson.time(alert.timestampNs())).put("journalIndex", alert.journalIndex());
        }
        return Reply.ok(body);
    }

    Reply executions(final String limitText)
    {
        final List<ExecutionView> executions = services.readModel().executions();
        final int limit = limit(limitText, 100, 1000);
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("executions");
        for (int i = executions.size() - 1; i >= 0 && list.size() < limit; i--)
        {
            final ExecutionView e = executions.get(i);
            list.addObject().put("clientOrderId", e.clientOrderId()).put("venueOrderId", e.venueOrderId())
                .put("account", e.account()).put("venue", e.venue()).put("symbol", e.symbol()).put("execType", e.execType())
                .put("status", e.ordStatus()).put("side", e.side()).put("lastQty", EventJson.decimal(e.lastQty()))
                .put("lastPrice", EventJson.decimal(e.lastPrice())).put("cumQty", EventJson.decimal(e.cumQty()))
                .put("avgPrice", EventJson.decimal(e.avgPrice())).put("text", e.text())
                .put("at", EventJson.time(e.transactTimeNs())).put("journalIndex", e.journalIndex());
        }
        return Reply.ok(body);
    }

    Reply accounts()
    {
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("accounts");
        for (final AccountView a : services.readModel().accountBalances())
        {
            list.addObject().put("account", a.account()).put("venue", a.venue()).put("currency", a.currency())
                .put("balance", EventJson.decimal(a.balance())).put("equity", EventJson.decimal(a.equity()))
                .put("marginAvailable", EventJson.decimal(a.marginAvailable())).put("marginUsed", EventJson.decimal(a.marginUsed()))
                .put("updatedAt", EventJson.time(a.timestampNs()));
        }
        final ArrayNode definitions = body.putArray("definitions");
        for (final io.sluice.admin.readmodel.AccountDefinitionView d : services.readModel().accountDefinitions().values())
        {
            definitions.addObject().put("account", d.account()).put("venue", d.venue()).put("currency", d.currency())
                .put("enabled", d.enabled()).put("maxOrderQty", EventJson.decimal(d.maxOrderQty()))
                .put("maxNotional", EventJson.decimal(d.maxNotional())).put("credentialRef", d.credentialRef())
                .put("lastOperation", d.lastOperation()).put("actor", d.actor()).put("updatedAt", EventJson.time(d.timestampNs()))
                .put("journalIndex", d.journalIndex());
        }
        final ObjectNode states = body.putObject("tradingStates");
        services.readModel().accountTradingStates().forEach((account, state) -> states.put(account, state.state()));
        return Reply.ok(body);
    }

    Reply engine()
    {
        final ObjectNode body = EventJson.object();
        body.put("connected", services.engineConnected().getAsBoolean());
        body.put("journalIndex", services.readModel().lastIndex());
        body.put("recordsRead", services.readModel().recordsRead());
        body.put("undecodableRecords", services.readModel().undecodableRecords());
        body.put("engineErrors", services.readModel().engineErrorCount());
        body.put("streamSubscribers", services.stream().subscriberCount());
        final ArrayNode channels = body.putArray("notificationChannels");
        services.notifyChannels().get().forEach(channels::add);
        final io.sluice.admin.metrics.MetricsRegistry metrics = services.metrics();
        metrics.collect();
        final ObjectNode counters = body.putObject("counters");
        counters.put("ringBacklog", metrics.value("sluice_engine_counter", "label", "sluice-engine ring backlog"));
        counters.put("egressBackPressure", metrics.value("sluice_engine_counter", "label", "sluice-engine egress back pressure"));
        counters.put("stageErrors", metrics.value("sluice_engine_counter", "label", "sluice-engine stage errors"));
        counters.put("lastSnapshotIndex", metrics.value("sluice_engine_counter", "label", "sluice-engine last snapshot journal index"));
        counters.put("snapshotFailures", metrics.value("sluice_engine_counter", "label", "sluice-engine snapshot failures"));
        final ObjectNode latency = body.putObject("latency");
        final String histogram = io.sluice.admin.metrics.EngineCounters.LATENCY;
        latency.put("what", "ingress receipt to egress publication, ns; the histogram is " + histogram + " under /metrics");
        latency.put("count", metrics.sampleValue(histogram, "_count"));
        latency.put("sumNs", metrics.sampleValue(histogram, "_sum"));
        return Reply.ok(body);
    }

    Reply prices()
    {
        final ObjectNode body = EventJson.object();
        final ArrayNode list = body.putArray("prices");
        for (final PriceView p : services.readModel().prices())
        {
            list.addObject().put("venue", p.venue()).put("symbol", p.symbol()).put("bid", EventJson.decimal(p.bid()))
                .put("ask", EventJson.decimal(p.ask())).put("last", EventJson.decimal(p.last()))
                .put("at", EventJson.time(p.timestampNs()));
        }
        return Reply.ok(body);
    }

    Reply priceSeries(final String venue, final String symbol, final String limitText)
    {
        final ObjectNode body = EventJson.object().put("venue", venue).put("symbol", symbol);
        points(body.putArray("points"), services.readModel().priceSeries(venue, symbol, limit(limitText, MAX_POINTS, MAX_POINTS)));
        return Reply.ok(body);
    }

    Reply pnl(final String limitText)
    {
        final long[] pnl = services.readModel().pnl();
        final ObjectNode body = EventJson.object();
        body.put("realized", EventJson.decimal(pnl[0]));
        body.put("unrealized", EventJson.decimal(pnl[1]));
        body.put("total", EventJson.decimal(pnl[0] + pnl[1]));
        points(body.putArray("points"), services.readModel().pnlSeries(limit(limitText, MAX_POINTS, 28_800)));
        return Reply.ok(body);
    }

    Reply ready()
    {
        final boolean engine = services.engineConnected().getAsBoolean();
        final Map<String, GatewayView> gateways = services.readModel().gateways();
        boolean gatewaysUp = !gateways.isEmpty();
        final ObjectNode states = EventJson.object();
        for (final Map.Entry<String, GatewayView> entry : gateways.entrySet())
        {
            states.put(entry.getKey(), entry.getValue().state());
            gatewaysUp &= "UP".equals(entry.getValue().state());
        }
        final boolean ready = engine && gatewaysUp;
        final ObjectNode body = EventJson.object();
        body.put("ready", ready);
        body.put("engineConnected", engine);
        body.set("gateways", states);
        return Reply.json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private static void points(final ArrayNode array, final List<TimeSeries.Point> points)
    {
        for (final TimeSeries.Point point : points)
        {
            array.addObject().put("t", point.timeNs() / 1_000_000L).put("v", EventJson.decimal(point.value()));
        }
    }

    private static int limit(final String text, final int defaultLimit, final int max)
    {
        if (text == null)
        {
            return defaultLimit;
        }
        try
        {
            final int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // answered below
        }
        throw OpsException.invalid("limit", "limit must be a whole number from 1 to " + max);
    }

    // ---- commands -------------------------------------------------------------------------------------------------

    Reply setLimit(final Principal principal, final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("account", "symbol", "name", "value", "reason"));
        final String account = body.identifier("account", false, 16, true);
        final String symbol = body.identifier("symbol", false, 32, true);
        final String name = body.identifier("name", true, 64, false);
        final long value = body.decimal("value", true);
        final String reason = body.string("reason", false, 1024);
        final AdminScope scope = account != null ? AdminScope.ACCOUNT : symbol != null ? AdminScope.INSTRUMENT : AdminScope.GLOBAL;
        publish(services.publisher().publishAdminCommand(AdminAction.SET_LIMIT, scope, orEmpty(account), "", orEmpty(symbol), value,
            name, services.clock().nanoTime(), principal.name(), reason == null ? "" : reason));
        final ObjectNode node = EventJson.object();
        node.put("status", "ACCEPTED");
        node.put("action", AdminAction.SET_LIMIT.name());
        node.put("scope", scope.name());
        node.put("account", account);
        node.put("symbol", symbol);
        node.put("name", name);
        node.put("value", EventJson.decimal(value));
        node.put("actor", principal.name());
        return Reply.json(HttpResponseStatus.ACCEPTED, node);
    }

    Reply manualOrder(final Principal principal, final String contentType, final byte[] bytes)
    {
        final SignalRequest signal = SignalRequest.parse(bytes);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
        {
            throw new OpsException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json", null);
        }
        final String signalId = signal.id() != null ? signal.id() : services.signalIds().next();
        return publishManual(principal, signalId, signal.account(), signal.id() != null ? signal.id() : "", bytes, "MANUAL_ORDER");
    }

    Reply cancel(final Principal principal, final String clientOrderId)
    {
        final OrderView order = services.readModel().order(clientOrderId);
        if (order == null)
        {
            throw OpsException.notFound("no order '" + clientOrderId + "'");
        }
        if (order.status() == OrdStatus.FILLED || order.status() == OrdStatus.CANCELED || order.status() == OrdStatus.REJECTED ||
            order.status() == OrdStatus.EXPIRED)
        {
            throw new OpsException(HttpResponseStatus.CONFLICT, "ORDER_CLOSED", "order '" + clientOrderId + "' is " +
                order.status().name(), null);
        }
        publish(services.publisher().publishAdminCommand(AdminAction.CANCEL_ORDER, AdminScope.GLOBAL, "", "", "", Fixed.NULL,
            clientOrderId, services.clock().nanoTime(), principal.name(), "operator cancel"));
        final ObjectNode node = EventJson.object();
        node.put("status", "ACCEPTED");
        node.put("action", AdminAction.CANCEL_ORDER.name());
        node.put("clientOrderId", clientOrderId);
        node.put("actor", principal.name());
        return Reply.json(HttpResponseStatus.ACCEPTED, node);
    }

    // ---- accounts -------------------------------------------------------------------------------------------------

    /** Limit keys an account may set (the engine's Limit keys; it refuses any other name too). */
    static final Set<String> LIMIT_KEYS = Set.of("maxOrderQty", "maxNotional", "fatFingerMultiple", "priceCollarPct",
        "priceCollarTicks", "maxQuoteAgeMs", "maxPositionQty", "maxPositionNotional", "maxGrossExposure", "maxNetExposure",
        "maxConcentrationPct", "maxOpenPositions", "maxDailyLoss", "maxDrawdown", "maxTradesPerDay", "ordersPerSecond",
        "orderBurst", "equity", "minConfidence");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("account", "venue", "currency", "credentialRef", "limits", "reason");

    Reply createAccount(final Principal principal, final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, ACCOUNT_FIELDS);
        final String account = body.identifier("account", true, 16, false);
        return publishAccount(principal, io.sluice.sbe.AccountOperation.CREATE, account, body, true);
    }

    Reply updateAccount(final Principal principal, final String account, final String contentType, final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("venue", "currency", "credentialRef", "limits", "reason"));
        return publishAccount(principal, io.sluice.sbe.AccountOperation.UPDATE, pathAccount(account), body, false);
    }

    Reply enableAccount(final Principal principal, final String account, final boolean enable, final String contentType,
        final byte[] bytes)
    {
        final Body body = Body.parse(contentType, bytes, Set.of("reason"));
        return publishAccount(principal, enable ? io.sluice.sbe.AccountOperation.ENABLE : io.sluice.sbe.AccountOperation.DISABLE,
            pathAccount(account), body, false);
    }

    private static String pathAccount(final String account)
    {
        if (account.isEmpty() || account.length() > 16 || !account.matches("[A-Za-z0-9._:-]+"))
        {
            throw OpsException.invalid("account", "account must be 1 to 16 letters, digits or . _ : -");
        }
        return account;
    }

    private Reply publishAccount(
        final Principal principal, final io.sluice.sbe.AccountOperation operation, final String account, final Body body,
        final boolean venueRequired)
    {
        final boolean hasFields = operation == io.sluice.sbe.AccountOperation.CREATE || operation == io.sluice.sbe.AccountOperation.UPDATE;
        final String venue = hasFields ? body.identifier("venue", venueRequired, 16, false) : null;
        final String currency = hasFields ? body.identifier("currency", false, 8, false) : null;
        final String credentialRef = hasFields ? body.identifier("credentialRef", false, 64, false) : null;
        final Map<String, Long> limits = hasFields ? body.decimals("limits", LIMIT_KEYS) : Map.of();
        final String reason = body.string("reason", false, 1024);
        publish(services.publisher().publishAccountConfig(operation, account, orEmpty(venue), orEmpty(currency), limits,
            orEmpty(credentialRef), services.clock().nanoTime(), principal.name(), reason == null ? "" : reason));
        final ObjectNode node = EventJson.object();
        node.put("status", "ACCEPTED");
        node.put("operation", operation.name());
        node.put("account", account);
        if (venue != null)
        {
            node.put("venue", venue);
        }
        node.put("actor", principal.name());
        node.put("note", "applied by the engine in journal order; GET /api/v1/accounts shows the result");
        return Reply.json(HttpResponseStatus.ACCEPTED, node);
    }

    private Reply publishManual(
        final Principal principal, final String signalId, final String account, final String idempotencyKey, final byte[] body,
        final String what)
    {
        final long nowNs = services.clock().nanoTime();
        publish(services.pendingSignals().publish(new PendingSignals.Delivery(SignalSource.MANUAL, SignalFormat.CANONICAL_JSON,
            nowNs, signalId, account, idempotencyKey, body, "manual:" + principal.name())));
        final ObjectNode node = EventJson.object();
        node.put("status", "ACCEPTED");
        node.put("kind", what);
        node.put("signalId", signalId);
        node.put("channel", "manual:" + principal.name());
        return Reply.json(HttpResponseStatus.ACCEPTED, node);
    }

    private static void publish(final IngressPublisher.Result result)
    {
        if (result != IngressPublisher.Result.OK)
        {
            throw new OpsException(HttpResponseStatus.SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE",
                "the engine cannot take it now (" + result + "); nothing was accepted", null);
        }
    }

    private static String orEmpty(final String text)
    {
        return text == null ? "" : text;
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
