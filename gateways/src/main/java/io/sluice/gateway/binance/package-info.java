/**
 * The Binance gateway: spot ({@code gateway --venue binance}) and USD-M futures ({@code gateway --venue binance-futures}).
 * <p>
 * {@link io.sluice.gateway.binance.BinanceVenue} is the venue adapter and lists every setting
 * ({@code sluice.binance.*}, {@code sluice.binance-futures.*}) with its default and the testnet values;
 * {@link io.sluice.gateway.binance.Credentials} says where the API key comes from. Order entry and reporting rules
 * live in {@code OrderEntry} and {@code BinanceOrders}; transports in {@code Requests}, {@code RestTransport} and
 * {@code WsConnection}. A fake venue built from Binance's documentation ships in the test jar
 * ({@code io.sluice.gateway.binance.fake.FakeBinance}).
 */
package io.sluice.gateway.binance;
