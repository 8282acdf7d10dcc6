package io.sluice.gateway.mt5;

import io.sluice.protocol.Settings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Mt5ConfigTest
{
    private static final String SECRET = "env-secret-0123456789abcdef";
    private static final Map<String, String> ENVIRONMENT = Map.of("SLUICE_MT5_SECRET_ACC1", SECRET, "SLUICE_MT5_SECRET_ACC_2", SECRET);

    @Test
    void shouldReadAccountsWithSymbolMappingsAndSharedDefaults()
    {
        final Mt5Config config = config(Map.of(
            "sluice.mt5.accounts", "ACC1,ACC-2",
            "sluice.mt5.symbols", "XAUUSD:XAUUSD.m, EURUSD",
            "sluice.mt5.account.ACC-2.symbols", "XAUUSD:GOLD",
            "sluice.mt5.magic", "42",
            "sluice.mt5.account.ACC1.magic", "7",
            "sluice.mt5.account.ACC1.filling.EURUSD", "ioc",
            "sluice.mt5.requestTimeoutMs", "2500"));

        final Mt5Config.Account first = config.accounts.get(0);
        final Mt5Config.Account second = config.accounts.get(1);
        assertEquals(Map.of("XAUUSD", "XAUUSD.m", "EURUSD", "EURUSD"), first.venueSymbols);
        assertEquals(Map.of("XAUUSD", "GOLD"), second.venueSymbols);
        assertEquals(7, first.magic);
        assertEquals(42, second.magic);
        assertEquals("IOC", first.filling("EURUSD"));
        assertEquals("AUTO", first.filling("XAUUSD"));
        assertEquals("127.0.0.1", first.host);
        assertEquals(Mt5Config.DEFAULT_PORT, first.port);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2500), config.requestTimeoutNs);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), second.secret.bytes(), "read from SLUICE_MT5_SECRET_ACC_2");
    }

    @Test
    void shouldRefuseAPublicTerminalAddress()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> config(Map.of(
            "sluice.mt5.accounts", "ACC1", "sluice.mt5.symbols", "EURUSD", "sluice.mt5.account.ACC1.host", "8.8.8.8")));
        assertTrue(ex.getMessage().contains("is a public address"), ex.getMessage());
    }

    @Test
    void shouldAcceptPrivateAddresses()
    {
        for (final String host : new String[]{"10.1.2.3", "192.168.0.10", "172.16.5.5", "localhost", "fd00::1"})
        {
            assertEquals(host, config(Map.of("sluice.mt5.accounts", "ACC1", "sluice.mt5.symbols", "EURUSD",
                "sluice.mt5.account.ACC1.host", host)).accounts.get(0).host);
        }
    }

    @Test
    void shouldNameWhatIsMissingWithoutShowingSecrets()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of()))
            .getMessage().startsWith("sluice.mt5.accounts must name at least one MT5 account"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of("sluice.mt5.accounts", "ACC1")))
            .getMessage().startsWith("sluice.mt5.account.ACC1.symbols must list"));
        final IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class, () -> Mt5Config.from(
            Settings.of(Map.of("sluice.mt5.accounts", "ACC9", "sluice.mt5.symbols", "EURUSD")), Map.<String, String>of()::get));
        assertTrue(noSecret.getMessage().contains("no shared secret for MT5 account ACC9"), noSecret.getMessage());
        assertTrue(noSecret.getMessage().contains("SLUICE_MT5_SECRET_ACC9"), noSecret.getMessage());
        final IllegalArgumentException badFilling = assertThrows(IllegalArgumentException.class, () -> config(Map.of(
            "sluice.mt5.accounts", "ACC1", "sluice.mt5.symbols", "EURUSD", "sluice.mt5.filling", "BOC")));
        assertFalse(badFilling.getMessage().contains(SECRET));
        assertTrue(badFilling.getMessage().startsWith("sluice.mt5.account.ACC1.filling must be one of"), badFilling.getMessage());
    }

    private static Mt5Config config(final Map<String, String> values)
    {
        return Mt5Config.from(Settings.of(new HashMap<>(values)), ENVIRONMENT::get);
    }
}
