package io.sluice.journal;

import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountConfigEncoder;
import io.sluice.sbe.AccountOperation;
import io.sluice.sbe.AccountStatusEncoder;
import io.sluice.sbe.BooleanType;
import io.sluice.sbe.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** journal dump lines of the operator's account messages (AccountConfig in, AccountStatus out). */
class AccountFramesFormatTest
{
    private static final long T0 = 1_714_554_900_000_000_001L;
    private static final String T0_TEXT = "2024-05-01T09:15:00.000000001Z";

    private final FrameFormatter formatter = new FrameFormatter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);

    @Test
    void shouldFormatAccountConfigWithItsLimitsAndNeverASecret()
    {
        final AccountConfigEncoder e = new AccountConfigEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .operation(AccountOperation.CREATE).account("desk2").venue("binance").currency("USDT").issuedTimeNs(T0);
        final AccountConfigEncoder.LimitsEncoder limits = e.limitsCount(2);
        limits.next().value(Fixed.of(5)).name("maxOrderQty");
        limits.next().value(Fixed.NULL).name("maxDailyLoss");
        e.actor("alice").credentialRef("binance-key").reason("new désk");
        assertEquals("AccountConfig operation=CREATE account=desk2 venue=binance currency=USDT issuedTimeNs=" + T0_TEXT +
            " limits=[\"maxOrderQty\":5, \"maxDailyLoss\":null] actor=\"alice\" credentialRef=\"binance-key\" reason=\"new désk\"",
            formatter.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
    }

    @Test
    void shouldFormatAccountStatus()
    {
        final AccountStatusEncoder e = new AccountStatusEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .operation(AccountOperation.DISABLE).account("desk2").venue("paper").currency("").enabled(BooleanType.FALSE)
            .maxOrderQty(Fixed.parse("2.5")).maxNotional(Fixed.NULL).timestampNs(T0).actor("bob").credentialRef("");
        assertEquals("AccountStatus operation=DISABLE account=desk2 venue=paper currency= enabled=FALSE maxOrderQty=2.5" +
            " maxNotional=null timestampNs=" + T0_TEXT + " actor=\"bob\" credentialRef=\"\"",
            formatter.format(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
    }
}
