package io.sluice.admin.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import io.sluice.protocol.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code admin-api users add|list|remove|apikey}: manage the users file offline. Passwords are read from the
 * console without echo, from standard input ({@code --password-stdin}) or from a named environment variable, never
 * from the command line.
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage admin API users and API keys.",
    subcommands = {UsersCommand.Add.class, UsersCommand.List.class, UsersCommand.Remove.class, UsersCommand.ApiKey.class})
public final class UsersCommand implements Callable<Integer>
{
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (default: -Dsluice.config or SLUICE_CONFIG).")
    Path config;

    @Spec
    CommandSpec spec;

    /**
     * Without a subcommand: print usage.
     *
     * @return exit code.
     */
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    UserStore store()
    {
        final Settings settings = config != null ? Settings.load(config) : Settings.load();
        final SecurityConfig security = new SecurityConfig(settings, name -> null, "127.0.0.1");
        return new UserStore(security.usersFile, new PasswordHasher(security.argon2MemoryKib, security.argon2Iterations));
    }

    /** Add a user or replace its role and password. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user, or replace its role and password.")
    static final class Add implements Callable<Integer>
    {
        @ParentCommand
        UsersCommand parent;

        @Option(names = "--name", required = true, description = "User name (a-z 0-9 . _ - @).")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
        String passwordEnv;

        public Integer call() throws IOException
        {
            final PrintWriter out = parent.spec.commandLine().getOut();
            final char[] password = readPassword(passwordStdin, passwordEnv);
            try
            {
                final UserStore.User previous = parent.store().put(name, Role.parse(role), password);
                out.println((previous == null ? "added " : "updated ") + name + " (" + Role.parse(role).label() + ")");
                return 0;
            }
            finally
            {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** List users. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users, roles and API key ids.")
    static final class List implements Callable<Integer>
    {
        @ParentCommand
        UsersCommand parent;

        public Integer call()
        {
            final PrintWriter out = parent.spec.commandLine().getOut();
            for (final UserStore.User user : parent.store().users())
            {
                out.println(user.name() + " " + user.role().label() + (user.disabled() ? " disabled" : "") + " keys=" + user.apiKeys().keySet());
            }
            return 0;
        }
    }

    /** Remove a user. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and its API keys.")
    static final class Remove implements Callable<Integer>
    {
        @ParentCommand
        UsersCommand parent;

        @Option(names = "--name", required = true)
        String name;

        public Integer call()
        {
            final boolean removed = parent.store().remove(name) != null;
            parent.spec.commandLine().getOut().println(removed ? "removed " + name : "no user " + name);
            return removed ? 0 : 1;
        }
    }

    /** Make an API key. */
    @Command(name = "apikey", mixinStandardHelpOptions = true, description = "Make an API key for a machine client; printed once.")
    static final class ApiKey implements Callable<Integer>
    {
        @ParentCommand
        UsersCommand parent;

        @Option(names = "--name", required = true, description = "Owner.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, operator or admin (not above the owner's).")
        String role;

        @Option(names = "--label", defaultValue = "", description = "What it is for.")
        String label;

        public Integer call()
        {
            final Map.Entry<String, UserStore.ApiKey> key = parent.store().createApiKey(name, Role.parse(role), label, System.currentTimeMillis());
            parent.spec.commandLine().getOut().println(key.getKey());
            return 0;
        }
    }

    static char[] readPassword(final boolean stdin, final String env) throws IOException
    {
        if (env != null)
        {
            final String value = System.getenv(env);
            if (value == null || value.isEmpty())
            {
                throw new IllegalArgumentException("environment variable " + env + " is not set");
            }
            return value.toCharArray();
        }
        if (stdin)
        {
            final String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null)
            {
                throw new IllegalArgumentException("no password on standard input");
            }
            return line.toCharArray();
        }
        final Console console = System.console();
        if (console == null)
        {
            throw new IllegalArgumentException("no console: use --password-stdin or --password-env");
        }
        final char[] first = console.readPassword("password: ");
        final char[] second = console.readPassword("again: ");
        if (!Arrays.equals(first, second))
        {
            throw new IllegalArgumentException("the passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
