-- The daily snapshot of each Indian broker's instrument master, as the gateway synced it (filtered to the configured
-- underlyings, expiries and strike band) and journaled it as InstrumentDefinitions (schema v3 fields). One row per
-- venue, canonical symbol and trading day; a re-sync on the same day (a restart, the morning job) updates the row to
-- the latest definition instead of adding one. journal_index is the definition the row came from.
CREATE TABLE instrument_tokens (
    venue            text        NOT NULL,
    symbol           text        NOT NULL, -- Sluice's canonical symbol, e.g. NIFTY04JAN2421750CE
    sync_date        date        NOT NULL, -- trading day of the master
    broker_symbol    text,                 -- the broker's trading symbol, e.g. NIFTY2410421750CE
    token            text,                 -- instrument token, symbol token, instrument key or security id
    exchange_segment text,                 -- NFO, NSE_FO, NSE_FNO, ...
    underlying       text,
    instrument_type  text,                 -- CE, PE, FUT or EQ
    expiry           date,
    strike           numeric(38, 8),
    tick_size        numeric(38, 8),
    lot_size         numeric(38, 8),
    freeze_qty       numeric(38, 8),
    journal_index    bigint      NOT NULL,
    time             timestamptz NOT NULL, -- engine event time of the definition
    PRIMARY KEY (venue, symbol, sync_date)
);
CREATE INDEX instrument_tokens_day ON instrument_tokens (sync_date, venue, underlying);
