-- Accounts created, changed, disabled or enabled by operators through the admin API (AccountStatus outputs of
-- the engine). The balance columns stay what the gateways report; these are the account's configuration.
ALTER TABLE accounts
    ADD COLUMN default_venue    text,
    ADD COLUMN config_currency  text,
    ADD COLUMN enabled          boolean,
    ADD COLUMN max_order_qty    numeric(38, 8),
    ADD COLUMN max_notional     numeric(38, 8),
    ADD COLUMN credential_ref   text,
    ADD COLUMN config_operation text,
    ADD COLUMN config_actor     text,
    ADD COLUMN config_index     bigint,
    ADD COLUMN config_time      timestamptz;

COMMENT ON COLUMN accounts.credential_ref IS 'name of the credential in admin-api''s vault; never the secret';
