package io.sluice.gateway.india;

import io.sluice.gateway.india.kite.KiteApi;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kite's checksums as its documentation defines them: the session checksum is hex SHA-256 of
 * {@code api_key + request_token + api_secret}, the postback checksum of {@code order_id + order_timestamp + api_secret}.
 * Expected values were computed outside this code base (Python's hashlib) from the documented inputs.
 */
class KiteChecksumTest
{
    @Test
    void shouldComputeTheSessionChecksumOfTheDocumentedTokenExchange()
    {
        // The documentation's curl example sends api_key=xxx, request_token=yyy with the secret zzz as placeholders.
        assertEquals("cc6c955cadf2cc09442c0848ce8e165b8f9aa5974916de7186a9e1b6c4e7937e", KiteApi.sessionChecksum("xxx", "yyy", "zzz"));
        assertEquals("45c8b9e99574f8819200e3421ccb8e6a5679abbb1d6d1e4550d6edadcd6501cb",
            KiteApi.sessionChecksum("kitefront", "8Zq0JkLWn3r1YB9vKfA4oXeC2sT6hVd7", "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj"));
    }

    @Test
    void shouldVerifyThePostbackChecksumOfTheDocumentedSamplePayload()
    {
        // order_id and order_timestamp of the documentation's sample postback, with a known secret.
        final String expected = "6da4fd8a231dba01b608dd9e4aec035b6107c065caaa1b5ab71e474cd57286de";
        final String computed = KiteApi.postbackChecksum("220303000308932", "2022-03-03 09:24:25", "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj");
        assertEquals(expected, computed);
        assertTrue(Checksums.matches(computed, expected.toUpperCase()));
        assertFalse(Checksums.matches(computed, expected.replace('6', '7')));
        assertFalse(Checksums.matches(computed, null));
        assertFalse(Checksums.matches(KiteApi.postbackChecksum("220303000308932", "2022-03-03 09:24:26", "0c9vkd1htq7lwq6h7f3p7ab6sqs1fsrj"),
            expected), "another timestamp");
    }
}
