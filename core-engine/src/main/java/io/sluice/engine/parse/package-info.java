/**
 * Signal parsing for the engine's parse stage: every format traders send, into one pre-allocated
 * {@link io.sluice.engine.parse.ParsedSignal}, and the completion rules.
 * <p>
 * Wiring, per RawSignal on the business-logic thread (nothing here allocates except free text):
 * <pre>
 *   ParseContext ctx = contexts.forChannel(channelView, 0, channelView.capacity());   // ParseContexts.load(settings), once
 *   if (parsers.parse(rawSignal.format(), bodyView, 0, bodyView.capacity(), ctx, parsed))    // SignalParsers, one per core
 *   {
 *       completer.complete(parsed, ctx, marketFacts);                                     // SignalCompleter; facts from MarketData/ATR
 *   }
 *   if (!parsed.isParsed())        → RiskReject(parsed.rejectReason(), field = parsed.errorField(), detail = parsed.errorDetail())
 *   else if (!parsed.mayAct())     → RiskReject(NOT_A_SIGNAL, detail = parsed.errorDetail())
 *   else if (parsed.confidence() below the account's threshold) → AWAITING_APPROVAL (approval id = signal id)
 *   else for each leg in order (0..legCount-1, already margin-safe: BUY legs first) → the leg's action:
 *        OPEN / TARGET_POSITION → NewOrder; CLOSE_* → reduce-only orders against the position;
 *        MOVE_SL_TO_BREAKEVEN / NEW_SL / NEW_TP / NEW_SLTP / NEW_ENTRY → AmendOrder; CANCEL* → CancelOrder.
 *        An empty symbol with {@code refersToPrevious()} means the source's previous signal.
 * </pre>
 * Refusal details and field names are constants, so refusals allocate nothing either.
 */
package io.sluice.engine.parse;
