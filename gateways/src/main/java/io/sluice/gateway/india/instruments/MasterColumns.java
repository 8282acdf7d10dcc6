package io.sluice.gateway.india.instruments;

import io.sluice.protocol.Fixed;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Helpers shared by the master parsers: required columns, decimal text to fixed point, paise to rupees.
 */
final class MasterColumns
{
    private MasterColumns()
    {
    }

    static void require(final List<String> header, final String what, final String... columns) throws IOException
    {
        for (final String column : columns)
        {
            if (!header.contains(column))
            {
                throw new IOException(what + " has no column " + column + "; columns are " + header);
            }
        }
    }

    /**
     * Decimal text as fixed point, rounded half-even to 8 places; {@link Fixed#NULL} when empty or not a number.
     */
    static long fixed(final String text)
    {
        if (text == null || text.isBlank())
        {
            return Fixed.NULL;
        }
        try
        {
            return new BigDecimal(text.trim()).setScale(Fixed.DECIMALS, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return Fixed.NULL;
        }
    }

    /**
     * A fixed-point amount divided by 100 (Angel, Upstox and Dhan state strikes or ticks in paise).
     */
    static long fromPaise(final long paise)
    {
        return paise == Fixed.NULL ? Fixed.NULL : paise / 100;
    }
}
