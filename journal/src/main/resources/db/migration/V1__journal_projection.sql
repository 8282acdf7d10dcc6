-- The PostgreSQL projection of the Sluice journal. Every row is derived from journal records and carries the
-- journal index it came from; projection_progress holds the last index whose effects are committed, written in
-- the same transaction as the rows, so a re-run or a resume after a crash never applies a record twice.
-- Fixed-point values are numeric(38, 8); event times are the engine's event time of the input (UTC,
-- microseconds) and, where exactness matters, also the journal's nanoseconds (time_ns). Indexes are kept to what
-- queries by account, time, symbol, signal and order need: each one costs on every projected row.

CREATE TABLE projection_progress (
    projection  text PRIMARY KEY,
    last_index  bigint      NOT NULL, -- last journal index projected (-1: none yet)
    warm_index  bigint      NOT NULL, -- first index to re-read, without writing, to rebuild in-flight inputs (-1: none)
    records     bigint      NOT NULL, -- journal records projected so far
    updated_at  timestamptz NOT NULL
);

CREATE TABLE accounts (
    account             text PRIMARY KEY,
    venue               text,
    currency            text,
    balance             numeric(38, 8),
    equity              numeric(38, 8),
    margin_available    numeric(38, 8),
    margin_used         numeric(38, 8),
    balance_index       bigint,
    balance_time        timestamptz,
    trading_state       text,
    trading_state_index bigint,
    trading_state_time  timestamptz,
    first_index         bigint NOT NULL,
    last_index          bigint NOT NULL
);

-- Latest trading state of each target: 'GLOBAL', an account, or (schema v2 scopes) 'venue:<venue>', 'instrument:<symbol>'.
CREATE TABLE trading_states (
    target        text PRIMARY KEY,
    scope         text        NOT NULL,
    state         text        NOT NULL,
    actor         text,
    reason        text,
    journal_index bigint      NOT NULL,
    time          timestamptz NOT NULL
);

-- Every signal exactly as a source delivered it.
CREATE TABLE raw_signals (
    journal_index   bigint PRIMARY KEY,
    sequence        bigint      NOT NULL,
    time            timestamptz NOT NULL,
    time_ns         bigint      NOT NULL,
    source          text,
    format          text,
    ingress_time    timestamptz,
    signal_id       text,
    account         text,
    idempotency_key text,
    body            bytea       NOT NULL,
    dry_run         boolean,          -- schema v2: decide and journal the outcome, route nothing
    channel         text              -- schema v2: the configured source the signal came through
);
CREATE INDEX raw_signals_account_time ON raw_signals (account, time);
CREATE INDEX raw_signals_signal_id ON raw_signals (signal_id);

-- One row per signal input (keyed by its engine sequence): the parsed intent of the order(s) it became, or why not.
CREATE TABLE signals (
    sequence         bigint PRIMARY KEY,
    raw_index        bigint,          -- journal index of the RawSignal
    time             timestamptz,
    signal_id        text,
    account          text,
    outcome          text   NOT NULL, -- PENDING (no outcome journaled yet), ORDERED, REJECTED, ERROR
    client_order_ids text[] NOT NULL,
    symbol           text,
    venue            text,
    side             text,
    ord_type         text,
    time_in_force    text,
    quantity         numeric(38, 8),
    price            numeric(38, 8),
    stop_price       numeric(38, 8),
    take_profit      numeric(38, 8),
    stop_loss        numeric(38, 8),
    reason           text,            -- RejectReason (DUPLICATE for a refused duplicate) or ENGINE_ERROR
    field            text,
    detail           text,
    limit_value      numeric(38, 8),
    actual_value     numeric(38, 8),
    outcome_index    bigint,
    outcome_time     timestamptz
);
CREATE INDEX signals_account_time ON signals (account, time);
CREATE INDEX signals_signal_id ON signals (signal_id);

-- Latest state of every order.
CREATE TABLE orders (
    client_order_id text PRIMARY KEY,
    account         text,
    venue           text,
    symbol          text,
    side            text,
    ord_type        text,
    time_in_force   text,
    quantity        numeric(38, 8),
    price           numeric(38, 8),
    stop_price      numeric(38, 8),
    take_profit     numeric(38, 8),
    stop_loss       numeric(38, 8),
    signal_id       text,
    signal_sequence bigint,
    created_index   bigint,
    created_time    timestamptz,
    status          text,
    venue_order_id  text,
    cum_qty         numeric(38, 8),
    leaves_qty      numeric(38, 8),
    avg_price       numeric(38, 8),
    text            text,
    updated_index   bigint,
    updated_time    timestamptz,
    last_index      bigint NOT NULL
);
CREATE INDEX orders_account_time ON orders (account, created_time);
CREATE INDEX orders_account_symbol ON orders (account, symbol);

-- Every venue report (fills and all other execution types), partitioned by month of the engine's event time;
-- the projection creates each month's partition before its first row.
CREATE TABLE executions (
    journal_index    bigint      NOT NULL,
    sequence         bigint      NOT NULL,
    time             timestamptz NOT NULL,
    time_ns          bigint      NOT NULL,
    client_order_id  text,
    venue_order_id   text,
    account          text,
    venue            text,
    symbol           text,
    exec_type        text,
    ord_status       text,
    side             text,
    last_qty         numeric(38, 8),
    last_price       numeric(38, 8),
    cum_qty          numeric(38, 8),
    leaves_qty       numeric(38, 8),
    avg_price        numeric(38, 8),
    transact_time    timestamptz,
    trade_id         text,
    commission       numeric(38, 8),
    commission_asset text,
    text             text,
    PRIMARY KEY (journal_index, time)
) PARTITION BY RANGE (time);
CREATE INDEX executions_account_time ON executions (account, time);
CREATE INDEX executions_account_symbol ON executions (account, symbol);
CREATE INDEX executions_client_order_id ON executions (client_order_id);

CREATE VIEW trades AS SELECT * FROM executions WHERE exec_type = 'TRADE';

-- Latest position of each account in each instrument.
CREATE TABLE positions (
    account       text           NOT NULL,
    venue         text           NOT NULL,
    symbol        text           NOT NULL,
    quantity      numeric(38, 8) NOT NULL,
    avg_price     numeric(38, 8),
    realized_pnl  numeric(38, 8),
    journal_index bigint         NOT NULL,
    time          timestamptz    NOT NULL,
    PRIMARY KEY (account, venue, symbol)
);
CREATE INDEX positions_account_symbol ON positions (account, symbol);
CREATE INDEX positions_account_time ON positions (account, time);

-- Every refusal with its gate, the limit and the value.
CREATE TABLE risk_events (
    journal_index   bigint PRIMARY KEY,
    sequence        bigint      NOT NULL,
    time            timestamptz NOT NULL,
    time_ns         bigint      NOT NULL,
    gate            text        NOT NULL,
    reason          text        NOT NULL,
    limit_value     numeric(38, 8),
    actual_value    numeric(38, 8),
    client_order_id text,
    account         text,
    symbol          text,
    signal_id       text,
    field           text,
    detail          text
);
CREATE INDEX risk_events_account_time ON risk_events (account, time);
CREATE INDEX risk_events_signal_id ON risk_events (signal_id);

-- The operators' audit log: every admin command with its outcome. Append-only.
CREATE TABLE admin_actions (
    journal_index bigint PRIMARY KEY, -- the AdminCommand (or its outcome, when the command is before the projection's start)
    sequence      bigint      NOT NULL,
    time          timestamptz NOT NULL,
    actor         text,
    action        text,               -- KILL, RESUME, FLATTEN, ... (AdminAction)
    scope         text,               -- GLOBAL, ACCOUNT, ... (AdminScope)
    target        text,               -- as trading_states.target
    reason        text,
    issued_time   timestamptz,
    before_state  text,               -- trading state of the target before, when known
    after_state   text,
    outcome       text        NOT NULL, -- APPLIED, ERROR, NO_OUTCOME (the engine journaled no output for it)
    detail        text,
    outcome_index bigint
);
CREATE INDEX admin_actions_target_time ON admin_actions (target, time);
CREATE INDEX admin_actions_actor_time ON admin_actions (actor, time);

CREATE FUNCTION admin_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_actions is an append-only audit log';
END
$$;
CREATE TRIGGER admin_actions_append_only BEFORE UPDATE OR DELETE ON admin_actions
    FOR EACH ROW EXECUTE FUNCTION admin_actions_append_only();
CREATE TRIGGER admin_actions_no_truncate BEFORE TRUNCATE ON admin_actions
    FOR EACH STATEMENT EXECUTE FUNCTION admin_actions_append_only();
