package io.sluice.admin;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with a configured certificate, and TradingView's client certificate on its webhook: a CA, a server
 * certificate and client certificates are made here with BouncyCastle.
 */
class TlsTest
{
    @TempDir
    static Path dir;
    private static SecureApi api;
    private static Identity ca;
    private static Identity otherCa;
    private static Identity server;

    private record Identity(KeyPair keys, X509Certificate certificate)
    {
    }

    @BeforeAll
    static void launch() throws Exception
    {
        ca = issue("CN=Sluice Test CA", null, true, null);
        otherCa = issue("CN=Someone Else's CA", null, true, null);
        server = issue("CN=localhost", ca, false, KeyPurposeId.id_kp_serverAuth);
        final Path certFile = pem(dir.resolve("server.crt"), server.certificate());
        final Path keyFile = dir.resolve("server.key");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(server.keys().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        final Path caFile = pem(dir.resolve("clients-ca.crt"), ca.certificate());
        api = new SecureApi(dir, Map.of(
            "sluice.http.tls.certFile", certFile.toString(),
            "sluice.http.tls.keyFile", keyFile.toString(),
            "sluice.http.tls.clientCaFile", caFile.toString(),
            "sluice.sources", "tv",
            "sluice.source.tv.type", "tradingview",
            "sluice.source.tv.secret", "tls-test-secret"));
    }

    @AfterAll
    static void close()
    {
        api.close();
    }

    @Test
    void shouldServeHttpsWithHsts() throws Exception
    {
        final HttpResponse<String> health = client(null).send(request("/health").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(null));
    }

    @Test
    void shouldAcceptTheTradingViewWebhookOnlyWithItsClientCertificate() throws Exception
    {
        final HttpResponse<String> anonymous = postWebhook(client(null));
        assertEquals(403, anonymous.statusCode());
        assertEquals("CLIENT_CERTIFICATE_REQUIRED", ApiHarness.json(anonymous).path("error").path("code").asText());

        final Identity someone = issue("CN=Someone Else", ca, false, KeyPurposeId.id_kp_clientAuth);
        assertEquals(403, postWebhook(client(someone)).statusCode(), "a valid certificate with another name");

        final Identity impostor = issue("CN=TradingView Webhooks", otherCa, false, KeyPurposeId.id_kp_clientAuth);
        try
        {
            assertEquals(403, postWebhook(client(impostor)).statusCode(), "the right name from an untrusted CA");
        }
        catch (final IOException expected)
        {
            // The handshake itself may fail on an untrusted certificate: refused either way.
        }

        final Identity tradingView = issue("CN=TradingView Webhooks", ca, false, KeyPurposeId.id_kp_clientAuth);
        final HttpResponse<String> accepted = postWebhook(client(tradingView));
        assertNotEquals(403, accepted.statusCode(), accepted.body());
        assertNotEquals(401, accepted.statusCode(), accepted.body());
        assertTrue(!accepted.body().contains("CLIENT_CERTIFICATE_REQUIRED"), accepted.body());

        final HttpResponse<String> other = client(null).send(request("/api/v1/orders").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, other.statusCode(), "other endpoints need no client certificate, only their usual credentials");
    }

    private static HttpResponse<String> postWebhook(final HttpClient client) throws Exception
    {
        return client.send(request("/webhook/tradingview").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"tls-test-secret\",\"ticker\":\"BTCUSDT\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.harness.api.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpClient client(final Identity identity) throws Exception
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (identity != null)
        {
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", identity.keys().getPrivate(), "pw".toCharArray(), new Certificate[]{identity.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf != null ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static Identity issue(final String subject, final Identity issuer, final boolean isCa, final KeyPurposeId purpose)
        throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        final KeyPair keys = generator.generateKeyPair();
        final X500Name subjectName = new X500Name(subject);
        final X500Name issuerName = issuer == null ? subjectName : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        final Instant now = Instant.now();
        final JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), subjectName, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (purpose != null)
        {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (purpose == KeyPurposeId.id_kp_serverAuth)
        {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        final PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
        final X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
        return new Identity(keys, certificate);
    }

    private static Path pem(final Path file, final X509Certificate certificate) throws Exception
    {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }
}
