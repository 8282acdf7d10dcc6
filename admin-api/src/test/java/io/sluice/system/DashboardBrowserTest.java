package io.sluice.system;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sluice.admin.AdminApi;
import io.sluice.admin.AdminApiContext;
import io.sluice.admin.security.Role;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.gateway.GatewayThreadingMode;
import io.sluice.protocol.Settings;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard end to end in headless Chromium (Debian's chromium and chromium-driver) against the whole topology:
 * log in, see a position appear after a signal, press the kill switch, see the next signal refused. Screenshots of
 * each step go to target/screenshots. Skipped, with the reason, when Chromium or its driver is not installed.
 */
@Timeout(120)
class DashboardBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "a long dashboard password";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    private MediaDriver driver;
    private Engine engine;
    private Gateway gateway;
    private AdminApi api;
    private WebDriver browser;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception
    {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "Chromium is not installed (needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver)");
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final Map<String, String> values = new HashMap<>();
        values.put("sluice.aeron.dir", driver.aeronDirectoryName());
        values.put("sluice.journal.dir", dir.resolve("journal").toString());
        values.put("sluice.home", dir.resolve("home").toString());
        values.put("sluice.http.port", "0");
        values.put("sluice.paper.walk", "false");
        values.put("sluice.paper.spreadBps", "0");
        values.put("sluice.gateway.heartbeatMs", "200");
        values.put("sluice.engine.tickMs", "100");
        values.put("sluice.admin.password.memoryKib", "1024");
        values.put("sluice.admin.password.iterations", "1");
        final Settings settings = Settings.of(values);
        engine = Engine.launch(new EngineContext().settings(settings));
        gateway = Gateway.launch(new GatewayContext().settings(settings).venueName("paper").threadingMode(GatewayThreadingMode.DEDICATED));
        // Authentication is on (the default); the bootstrap admin's password comes from the environment.
        api = AdminApi.launch(new AdminApiContext(settings).environment(Map.of("SLUICE_ADMIN_PASSWORD", PASSWORD)::get));
        api.security().users().put("olivia", Role.OPERATOR, PASSWORD.toCharArray());

        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--window-size=1400,1200", "--user-data-dir=" + dir.resolve("chromium-profile"));
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void tearDown()
    {
        if (browser != null)
        {
            browser.quit();
        }
        CloseHelper.quietCloseAll(api, gateway, engine, driver);
    }

    @Test
    void shouldLogInSeeAPositionKillAndSeeTheNextSignalRefused() throws Exception
    {
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // Tables are rebuilt on every stream event: an element read inside a wait is looked up again when replaced.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + api.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        screenshot("1-login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "admin (admin)"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("engine-state"), "engine connected"));

        final String operator = token("olivia");
        assertEquals(202, signal(operator, "ui-1").statusCode());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("positions"), "BTCUSDT"));
        final By row = By.cssSelector("#positions tr[data-symbol='BTCUSDT']");
        wait.withMessage("the BTCUSDT position row shows 0.5").until(d -> d.findElement(row).getText().contains("0.5"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#signals tr[data-signal-id='ui-1']")));
        screenshot("2-position");

        browser.findElement(By.id("kill-switch")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-confirm")));
        screenshot("3-confirm");
        browser.findElement(By.id("kill-confirm-yes")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trading-state"), "HALTED"));

        assertEquals(202, signal(operator, "ui-2").statusCode());
        final By refused = By.cssSelector("#signals tr[data-signal-id='ui-2']");
        wait.withMessage("the refused signal's row").until(d ->
            d.findElement(refused).getText().contains("KILL_SWITCH") && d.findElement(refused).getText().contains("REJECTED"));
        screenshot("4-refused");

        final String audit = Files.readString(dir.resolve("home/admin/audit.jsonl"));
        assertTrue(audit.contains("\"actor\":\"admin\"") && audit.contains("POST /api/v1/kill"), "the kill is audited with its actor: " + audit);
    }

    private HttpResponse<String> signal(final String token, final String id) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/signals"))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"id\":\"" + id + "\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.5\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private String token(final String user) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("accessToken").asText();
    }

    private void screenshot(final String name) throws Exception
    {
        final File file = ((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
