package io.sluice.journal.projection;

import java.nio.file.Path;
import java.util.Map;

import io.sluice.protocol.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectionContextTest
{
    @Test
    void shouldDefaultToTheEmbeddedPostgresUnderSluiceHome()
    {
        final ProjectionContext ctx = new ProjectionContext().settings(Settings.of(Map.of("sluice.home", "/srv/sluice")))
            .environment(name -> null).conclude();

        assertNull(ctx.url());
        assertEquals(Path.of("/srv/sluice/postgres"), ctx.embeddedDir());
        assertEquals(Path.of("/srv/sluice/journal"), ctx.journalDir());
        assertEquals("sluice", ctx.schema());
        assertEquals(50_000, ctx.batchRecords());
        assertEquals("journal", ctx.name());
    }

    @Test
    void shouldTakeCredentialsFromTheSettingsOrElseTheEnvironmentAndNeverShowThePassword()
    {
        final Map<String, String> environment = Map.of("SLUICE_DB_USER", "env-user", "SLUICE_DB_PASSWORD", "env-secret");
        final ProjectionContext fromEnvironment = new ProjectionContext()
            .settings(Settings.of(Map.of("sluice.db.url", "jdbc:postgresql://db:5432/sluice?password=url-secret")))
            .environment(environment::get).conclude();
        assertEquals("env-user", fromEnvironment.user());
        assertEquals("env-secret", fromEnvironment.password());
        assertFalse(fromEnvironment.toString().contains("secret"), fromEnvironment.toString());

        final ProjectionContext fromSettings = new ProjectionContext()
            .settings(Settings.of(Map.of("sluice.db.user", "settings-user", "sluice.db.password", "settings-secret")))
            .environment(environment::get).conclude();
        assertEquals("settings-user", fromSettings.user());
        assertEquals("settings-secret", fromSettings.password());
    }

    @Test
    void shouldRedactCredentialsFromAUrl()
    {
        assertEquals("jdbc:postgresql://db:5432/sluice?…", ProjectionContext.redact("jdbc:postgresql://db:5432/sluice?user=u&password=p"));
        assertEquals("jdbc:postgresql://…@db/sluice", ProjectionContext.redact("jdbc:postgresql://u:p@db/sluice"));
        assertEquals("jdbc:postgresql://db/sluice", ProjectionContext.redact("jdbc:postgresql://db/sluice"));
    }

    @Test
    void shouldRejectInvalidOptions()
    {
        assertThrows(IllegalArgumentException.class, () -> new ProjectionContext().settings(Settings.of(Map.of())).schema("Bad-Schema").conclude());
        assertThrows(IllegalArgumentException.class, () -> new ProjectionContext().settings(Settings.of(Map.of())).batchRecords(-1).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new ProjectionContext().settings(Settings.of(Map.of("sluice.db.embedded.port", "70000"))).conclude());
    }
}
