package io.sluice.gateway.binance;

import io.sluice.gateway.binance.fake.FakeAuth;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signature vectors from Binance's REST and WebSocket API documentation (shared/reference/venues.md), checked
 * against the gateway's payload builder and signer and against the fake venue's independent verifier.
 */
class SignatureVectorsTest
{
    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    @Test
    void shouldBuildAndSignTheRestVectorQueryString()
    {
        final Params params = new Params()
            .add("symbol", "LTCBTC").add("side", "BUY").add("type", "LIMIT").add("timeInForce", "GTC")
            .add("quantity", "1").add("price", "0.1").add("recvWindow", 5000).add("timestamp", 1499827319559L);
        final String payload = params.toQueryString();
        assertEquals(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
            payload);
        assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", SigningKey.hmac(SECRET).sign(payload));
        assertTrue(FakeAuth.verifyHmac(SECRET, FakeAuth.restPayload(payload, ""),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"));
    }

    @Test
    void shouldPercentEncodeNonAsciiBeforeSigningAsTheSecondRestVectorDoes()
    {
        final Params params = new Params()
            .add("symbol", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16").add("side", "BUY").add("type", "LIMIT")
            .add("timeInForce", "GTC").add("quantity", "1").add("price", "0.1").add("recvWindow", 5000)
            .add("timestamp", 1499827319559L);
        final String payload = params.toQueryString();
        assertEquals("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC" +
            "&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559", payload);
        assertEquals("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3", SigningKey.hmac(SECRET).sign(payload));
    }

    @Test
    void shouldSignQueryStringFollowedByBodyWithoutASeparator()
    {
        // Binance's REST docs' mixed query-and-body example (the rule is in venues.md; this value is from the same page).
        final String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
        final String body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        final String signature = "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77";
        assertEquals(query + body, FakeAuth.restPayload(query, body + "&signature=" + signature));
        assertTrue(FakeAuth.verifyHmac(SECRET, FakeAuth.restPayload(query, body + "&signature=" + signature), signature));
        assertFalse(FakeAuth.verifyHmac(SECRET, FakeAuth.restPayload(query.replace("BUY", "SELL"), body), signature),
            "a changed parameter must not verify");
    }

    @Test
    void shouldSortWebSocketParametersAndSignThemUnencoded()
    {
        final Params params = new Params()
            .add("symbol", "BTCUSDT").add("side", "SELL").add("type", "LIMIT").add("timeInForce", "GTC")
            .add("quantity", "0.01000000").add("price", "52000.00").add("recvWindow", 100)
            .add("timestamp", 1645423376532L).add("apiKey", API_KEY);
        final String payload = params.toSortedPayload();
        assertEquals("apiKey=" + API_KEY + "&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT" +
            "&timeInForce=GTC&timestamp=1645423376532&type=LIMIT", payload);
        assertEquals("aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24", SigningKey.hmac(SECRET).sign(payload));

        final Map<String, String> asReceived = new LinkedHashMap<>();
        asReceived.put("symbol", "BTCUSDT");
        asReceived.put("side", "SELL");
        asReceived.put("type", "LIMIT");
        asReceived.put("timeInForce", "GTC");
        asReceived.put("quantity", "0.01000000");
        asReceived.put("price", "52000.00");
        asReceived.put("recvWindow", "100");
        asReceived.put("timestamp", "1645423376532");
        asReceived.put("apiKey", API_KEY);
        asReceived.put("signature", "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
        assertTrue(FakeAuth.verifyHmac(SECRET, FakeAuth.wsPayload(asReceived), asReceived.get("signature")));
    }

    @Test
    void shouldSignTheSecondWebSocketVector()
    {
        final Params params = new Params()
            .add("symbol", "BTCUSDT").add("side", "SELL").add("type", "LIMIT").add("timeInForce", "GTC")
            .add("quantity", "0.00847000").add("price", "23416.10000000").add("timestamp", 1660801715431L).add("apiKey", API_KEY);
        assertEquals("15af09e41c36f3cc61378c2fbe2c33719a03dd5eba8d0f9206fbda44de717c88",
            SigningKey.hmac(SECRET).sign(params.toSortedPayload()));
    }

    @Test
    void shouldSignWithEd25519ThatTheVenueVerifiesWithThePublicKey() throws Exception
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final String pem = "-----BEGIN PRIVATE KEY-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded()) +
            "\n-----END PRIVATE KEY-----\n";
        final SigningKey key = SigningKey.ed25519(pem);
        final String payload = new Params().add("apiKey", API_KEY).add("timestamp", 1649729878532L).toSortedPayload();
        final String signature = key.sign(payload);
        assertEquals(64, Base64.getDecoder().decode(signature).length);
        assertTrue(FakeAuth.verifyEd25519(pair.getPublic(), payload, signature));
        assertFalse(FakeAuth.verifyEd25519(pair.getPublic(), payload + "0", signature));
        assertFalse(FakeAuth.verifyEd25519(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), payload, signature));
        assertEquals("SigningKey{ED25519, redacted}", key.toString());
    }
}
