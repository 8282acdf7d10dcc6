package io.sluice.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayMainTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExitWithUsageErrorWhenVenueIsMissing()
    {
        final StringWriter err = new StringWriter();
        final int exitCode = GatewayMain.commandLine().setErr(new PrintWriter(err)).execute();

        assertEquals(CommandLine.ExitCode.USAGE, exitCode);
        assertTrue(err.toString().contains("--venue"), err.toString());
    }

    @Test
    void shouldExitWithClearMessageForUnknownVenue() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("sluice.properties"), "sluice.home=" + dir + "\n");
        final StringWriter err = new StringWriter();
        final int exitCode = GatewayMain.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute("--venue", "nasdaq", "--config", config.toString());

        assertEquals(2, exitCode);
        assertTrue(err.toString().contains("unknown venue 'nasdaq'; known venues: " + Venues.names()), err.toString());
    }
}
