package io.sluice.gateway.mt5;

import io.sluice.gateway.GatewayMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Mt5GatewayMainTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExitWithAClearMessageWhenNoMt5AccountIsConfigured() throws IOException
    {
        final String err = run("sluice.home=" + dir + "\n");
        assertTrue(err.contains("gateway: sluice.mt5.accounts must name at least one MT5 account"), err);
    }

    @Test
    void shouldRefuseAGroupReadableSecretsFileWithoutPrintingTheSecret() throws IOException
    {
        final Path secret = Files.writeString(dir.resolve("mt5.secret"), "do-not-print-this-secret-42\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        final String err = run("sluice.home=" + dir + "\nsluice.mt5.accounts=ACC1\nsluice.mt5.symbols=EURUSD\n" +
            "sluice.mt5.secretFile=" + secret + "\n");
        assertTrue(err.contains("must be accessible by its owner only (chmod 600)"), err);
        assertFalse(err.contains("do-not-print-this-secret"), err);
    }

    private String run(final String properties) throws IOException
    {
        final Path config = Files.writeString(dir.resolve("sluice.properties"), properties);
        final StringWriter err = new StringWriter();
        final int exitCode = GatewayMain.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute("--venue", "mt5", "--config", config.toString());
        assertEquals(2, exitCode);
        return err.toString();
    }
}
