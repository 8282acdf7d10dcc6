//+------------------------------------------------------------------+
//| SluiceBridge.mq5                                                  |
//| Server side of the SluiceBridge protocol, version 1               |
//| (gateways/mt5/PROTOCOL.md). Attach to one chart of the terminal   |
//| of the account Sluice trades; the Sluice gateway connects to it.  |
//|                                                                   |
//| Not compiled in Sluice's build (there is no MetaEditor in CI):    |
//| compile it in MetaEditor, where it needs "Allow DLL imports"      |
//| because MQL5's own sockets can only connect, not listen; the      |
//| listening socket comes from Winsock (ws2_32.dll, also in Wine).   |
//+------------------------------------------------------------------+
#property copyright "Sluice contributors"
#property version   "1.00"
#property description "SluiceBridge protocol v1: JSON lines over TCP, HMAC-SHA256 challenge/response."

input string InpListenAddress = "127.0.0.1";           // Loopback or private IPv4 address only
input ushort InpListenPort    = 18812;                 // TCP port
input string InpSecret        = "";                    // Shared secret; empty: read InpSecretFile
input string InpSecretFile    = "sluice-bridge.secret"; // File in the terminal's common Files folder
input int    InpTimerMs       = 20;                    // Poll interval of the socket
input int    InpHeartbeatMs   = 1000;                  // Heartbeat event interval

#define PROTOCOL_VERSION   1
#define MAX_LINE           65536
#define HANDSHAKE_MS       10000
#define INVALID_SOCK       ULONG_MAX
#define WSAEWOULDBLOCK     10035
#define FIONBIO            0x8004667E
#define SOL_SOCKET         0xFFFF
#define SO_EXCLUSIVEADDRUSE (~4)

#import "ws2_32.dll"
int   WSAStartup(ushort version, uchar &data[]);
int   WSACleanup();
int   WSAGetLastError();
ulong socket(int af, int type, int protocol);
int   bind(ulong s, uchar &addr[], int length);
int   listen(ulong s, int backlog);
ulong accept(ulong s, uchar &addr[], int &length);
int   recv(ulong s, uchar &buffer[], int length, int flags);
int   send(ulong s, uchar &buffer[], int length, int flags);
int   closesocket(ulong s);
int   ioctlsocket(ulong s, uint command, uint &argument);
int   setsockopt(ulong s, int level, int option, int &value, int length);
#import

//--- One TCP connection: the authenticated client, or a candidate still in its handshake.
struct Connection
  {
   ulong             sock;
   bool              authed;
   string            nonce;
   uint              since;
   uchar             rx[];
   int               rxLength;
  };

ulong      g_listener = INVALID_SOCK;
Connection g_active;                 // authenticated client (at most one)
Connection g_candidate;              // newest connection, not yet authenticated
uchar      g_secret[];
long       g_seq = 0;                // last event sequence number used (never reset while the EA runs)
ulong      g_nonceCounter = 0;
uint       g_lastHeartbeat = 0;
string     g_subscribed[];
double     g_lastBid[];
double     g_lastAsk[];
string     g_lastAccount = "";

//+------------------------------------------------------------------+
//| Start: check inputs, read the secret, listen.                     |
//+------------------------------------------------------------------+
int OnInit()
  {
   uchar address[4];
   if(!ParsePrivateIPv4(InpListenAddress, address))
     {
      Print("SluiceBridge: ", InpListenAddress, " is not a loopback or private IPv4 address; refusing to listen");
      return INIT_PARAMETERS_INCORRECT;
     }
   if(!LoadSecret())
      return INIT_PARAMETERS_INCORRECT;
   ResetConnection(g_active);
   ResetConnection(g_candidate);
   if(!Listen(address))
      return INIT_FAILED;
   EventSetMillisecondTimer(InpTimerMs);
   PrintFormat("SluiceBridge: listening on %s:%d (protocol %d)", InpListenAddress, InpListenPort, PROTOCOL_VERSION);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Close(g_candidate);
   Close(g_active);
   if(g_listener != INVALID_SOCK)
      ws2_32::closesocket(g_listener);
   ws2_32::WSACleanup();
   ArrayFill(g_secret, 0, ArraySize(g_secret), 0);
  }

//+------------------------------------------------------------------+
//| Duty cycle: accept, read and answer, push quotes and heartbeats.  |
//+------------------------------------------------------------------+
void OnTimer()
  {
   AcceptNew();
   if(g_candidate.sock != INVALID_SOCK)
     {
      if(GetTickCount() - g_candidate.since > HANDSHAKE_MS)
         Close(g_candidate);
      else
         Pump(g_candidate);
     }
   if(g_active.sock != INVALID_SOCK)
      Pump(g_active);
   if(g_active.sock == INVALID_SOCK)
      return;
   PushQuotes();
   if(GetTickCount() - g_lastHeartbeat >= (uint)InpHeartbeatMs)
     {
      g_lastHeartbeat = GetTickCount();
      PushAccountIfChanged();
      PushEvent("heartbeat", KV("time_msc", IntegerToString(ServerTimeMsc())));
     }
  }

//+------------------------------------------------------------------+
//| Every trade transaction becomes an event (PROTOCOL.md "Events").  |
//+------------------------------------------------------------------+
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(g_active.sock == INVALID_SOCK)
      return;
   string body = KV("transaction", TransactionJson(trans));
   if(trans.type == TRADE_TRANSACTION_REQUEST)
      body += "," + KV("request", RequestJson(request)) + "," + KV("result", ResultJson(result));
   if(trans.type == TRADE_TRANSACTION_DEAL_ADD && HistoryDealSelect(trans.deal))
      body += "," + KV("deal_info", DealJson(trans.deal));
   PushEvent("trade_transaction", body);
   if(trans.type == TRADE_TRANSACTION_DEAL_ADD || trans.type == TRADE_TRANSACTION_POSITION)
     {
      PushEvent("position", KV("position", PositionJsonById(trans.position)));
      PushAccountIfChanged();
     }
  }

//==================================================================
// Network
//==================================================================
bool Listen(const uchar &address[])
  {
   uchar wsa[408];
   if(ws2_32::WSAStartup(0x0202, wsa) != 0)
     {
      Print("SluiceBridge: WSAStartup failed");
      return false;
     }
   g_listener = ws2_32::socket(2, 1, 6);          // AF_INET, SOCK_STREAM, IPPROTO_TCP
   if(g_listener == INVALID_SOCK)
     {
      Print("SluiceBridge: socket() failed, error ", ws2_32::WSAGetLastError());
      return false;
     }
   int exclusive = 1;                             // no other process may bind the same port
   ws2_32::setsockopt(g_listener, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, exclusive, 4);
   uchar sockaddr[16];
   ArrayInitialize(sockaddr, 0);
   sockaddr[0] = 2;                               // AF_INET, little endian
   sockaddr[2] = (uchar)(InpListenPort >> 8);     // port in network order
   sockaddr[3] = (uchar)(InpListenPort & 0xFF);
   ArrayCopy(sockaddr, address, 4, 0, 4);
   uint nonBlocking = 1;
   if(ws2_32::bind(g_listener, sockaddr, 16) != 0 || ws2_32::listen(g_listener, 4) != 0 ||
      ws2_32::ioctlsocket(g_listener, FIONBIO, nonBlocking) != 0)
     {
      Print("SluiceBridge: cannot listen on ", InpListenAddress, ":", InpListenPort, ", error ", ws2_32::WSAGetLastError());
      return false;
     }
   return true;
  }

//--- A new connection becomes the candidate and is challenged at once; an older candidate is dropped.
void AcceptNew()
  {
   uchar peer[16];
   int length = 16;
   ulong s = ws2_32::accept(g_listener, peer, length);
   if(s == INVALID_SOCK)
      return;                                     // WSAEWOULDBLOCK: nobody waiting
   uint nonBlocking = 1;
   ws2_32::ioctlsocket(s, FIONBIO, nonBlocking);
   Close(g_candidate);
   g_candidate.sock = s;
   g_candidate.since = GetTickCount();
   g_candidate.nonce = NewNonce();
   SendLine(g_candidate, "{" + KV("type", Q("hello")) + "," + KV("protocol", IntegerToString(PROTOCOL_VERSION)) + "," +
            KV("bridge", Q("SluiceBridge 1.0")) + "," + KV("login", IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN))) + "," +
            KV("server", Q(AccountInfoString(ACCOUNT_SERVER))) + "," + KV("nonce", Q(g_candidate.nonce)) + "}");
  }

//--- Read what arrived and handle each complete line.
void Pump(Connection &c)
  {
   uchar buffer[4096];
   while(c.sock != INVALID_SOCK)
     {
      int n = ws2_32::recv(c.sock, buffer, 4096, 0);
      if(n == 0 || (n < 0 && ws2_32::WSAGetLastError() != WSAEWOULDBLOCK))
        {
         Close(c);                                // peer closed or failed; keep listening
         return;
        }
      if(n < 0)
         return;
      if(c.rxLength + n > MAX_LINE + 1)
        {
         SendError(c, "PROTOCOL", "line longer than 65536 bytes");
         Close(c);
         return;
        }
      ArrayResize(c.rx, c.rxLength + n);
      ArrayCopy(c.rx, buffer, c.rxLength, 0, n);
      c.rxLength += n;
      int start = 0;
      for(int i = 0; i < c.rxLength && c.sock != INVALID_SOCK; i++)
        {
         if(c.rx[i] != '\n')
            continue;
         int end = (i > start && c.rx[i - 1] == '\r') ? i - 1 : i;
         string line = CharArrayToString(c.rx, start, end - start, CP_UTF8);
         start = i + 1;
         if(StringLen(line) > 0)
            OnLine(c, line);
        }
      if(c.sock == INVALID_SOCK)
         return;
      uchar rest[];                                // keep the unfinished line for the next read
      ArrayCopy(rest, c.rx, 0, start, c.rxLength - start);
      c.rxLength -= start;
      ArrayResize(c.rx, c.rxLength);
      ArrayCopy(c.rx, rest, 0, 0, c.rxLength);
     }
  }

void OnLine(Connection &c, const string line)
  {
   if(!c.authed)
     {
      Authenticate(c, line);
      return;
     }
   if(JsonStr(line, "type") != "req")
     {
      SendError(c, "PROTOCOL", "expected a request");
      Close(c);
      return;
     }
   string id = JsonRaw(line, "id");
   string cmd = JsonStr(line, "cmd");
   if(cmd == "ping")
      Reply(id, KV("time_msc", IntegerToString(ServerTimeMsc())));
   else
      if(cmd == "subscribe")
         Reply(id, KV("symbols", Subscribe(JsonRaw(line, "symbols"))));
      else
         if(cmd == "snapshot")
            Reply(id, Snapshot(line));
         else
            if(cmd == "order_send")
               OrderSendCommand(id, line);
            else
               ReplyError(id, "UNKNOWN_COMMAND", "unknown command '" + cmd + "'");
  }

//--- PROTOCOL.md "Handshake": verify the gateway's MAC, answer with ours, replace the previous client.
void Authenticate(Connection &c, const string line)
  {
   if(JsonStr(line, "type") != "auth")
     {
      SendError(c, "PROTOCOL", "expected auth");
      Close(c);
      return;
     }
   if(JsonLong(line, "protocol") != PROTOCOL_VERSION)
     {
      SendError(c, "UNSUPPORTED_PROTOCOL", "this EA speaks protocol 1");
      Close(c);
      return;
     }
   string cnonce = JsonStr(line, "cnonce");
   string expected = Mac("SLUICE-MT5-1|gateway|" + c.nonce + "|" + cnonce);
   if(StringLen(cnonce) < 32 || !ConstantTimeEquals(expected, JsonStr(line, "mac")))
     {
      Print("SluiceBridge: a client failed authentication");
      SendError(c, "AUTH_FAILED", "authentication failed");
      Close(c);
      return;
     }
   SendLine(c, "{" + KV("type", Q("welcome")) + "," + KV("protocol", IntegerToString(PROTOCOL_VERSION)) + "," +
            KV("mac", Q(Mac("SLUICE-MT5-1|ea|" + c.nonce + "|" + cnonce))) + "," + KV("seq", IntegerToString(g_seq)) + "}");
   Close(g_active);
   g_active.sock = c.sock;
   g_active.authed = true;
   g_active.rxLength = 0;
   ArrayResize(g_active.rx, 0);
   c.sock = INVALID_SOCK;                         // the candidate slot no longer owns the socket
   ResetConnection(c);
   ArrayResize(g_subscribed, 0);
   g_lastAccount = "";
   Print("SluiceBridge: gateway authenticated");
  }

void Reply(const string id, const string payload)
  {
   SendLine(g_active, "{" + KV("type", Q("rep")) + "," + KV("id", id) + "," + KV("ok", "true") +
            (payload == "" ? "" : "," + payload) + "}");
  }

void ReplyError(const string id, const string code, const string message)
  {
   SendLine(g_active, "{" + KV("type", Q("rep")) + "," + KV("id", id) + "," + KV("ok", "false") + "," +
            KV("error", "{" + KV("code", Q(code)) + "," + KV("message", Q(message)) + "}") + "}");
  }

void SendError(Connection &c, const string code, const string message)
  {
   SendLine(c, "{" + KV("type", Q("error")) + "," + KV("code", Q(code)) + "," + KV("message", Q(message)) + "}");
  }

//--- Events go to the authenticated client only; nothing is queued while none is connected.
void PushEvent(const string name, const string body)
  {
   if(g_active.sock == INVALID_SOCK)
      return;
   g_seq++;
   SendLine(g_active, "{" + KV("type", Q("evt")) + "," + KV("seq", IntegerToString(g_seq)) + "," +
            KV("event", Q(name)) + "," + body + "}");
  }

//--- Write one line; a peer that cannot take it within ~1 s is dropped.
void SendLine(Connection &c, const string json)
  {
   if(c.sock == INVALID_SOCK)
      return;
   uchar bytes[];
   int length = StringToCharArray(json + "\n", bytes, 0, WHOLE_ARRAY, CP_UTF8) - 1;
   int sent = 0;
   uint started = GetTickCount();
   while(sent < length)
     {
      uchar chunk[];
      ArrayCopy(chunk, bytes, 0, sent, length - sent);
      int n = ws2_32::send(c.sock, chunk, length - sent, 0);
      if(n > 0)
        {
         sent += n;
         continue;
        }
      if(ws2_32::WSAGetLastError() != WSAEWOULDBLOCK || GetTickCount() - started > 1000)
        {
         Close(c);
         return;
        }
      Sleep(1);
     }
  }

void Close(Connection &c)
  {
   if(c.sock != INVALID_SOCK)
      ws2_32::closesocket(c.sock);
   ResetConnection(c);
  }

void ResetConnection(Connection &c)
  {
   c.sock = INVALID_SOCK;
   c.authed = false;
   c.nonce = "";
   c.rxLength = 0;
   ArrayResize(c.rx, 0);
  }

//==================================================================
// Commands
//==================================================================
string Subscribe(const string rawSymbols)
  {
   string names[];
   int count = JsonArray(rawSymbols, names);
   string list = "";
   for(int i = 0; i < count; i++)
     {
      string name = Unquote(names[i]);
      if(!SymbolSelect(name, true))
         continue;
      int n = ArraySize(g_subscribed);
      ArrayResize(g_subscribed, n + 1);
      ArrayResize(g_lastBid, n + 1);
      ArrayResize(g_lastAsk, n + 1);
      g_subscribed[n] = name;
      g_lastBid[n] = 0;
      g_lastAsk[n] = 0;
      list += (list == "" ? "" : ",") + Q(name);
     }
   return "[" + list + "]";
  }

//--- One consistent answer for reconciliation: account, symbols, positions, orders and recent history.
string Snapshot(const string line)
  {
   long magic = JsonLong(line, "magic");
   // from_msc is UTC; the terminal's history is in trade server time.
   datetime from = (datetime)(JsonLong(line, "from_msc") / 1000) + (TimeTradeServer() - TimeGMT());
   string symbols[];
   int symbolCount = JsonArray(JsonRaw(line, "symbols"), symbols);
   string symbolList = "";
   for(int i = 0; i < symbolCount; i++)
      symbolList += (i == 0 ? "" : ",") + SymbolJson(Unquote(symbols[i]));

   string positions = "";
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket > 0 && (magic == 0 || PositionGetInteger(POSITION_MAGIC) == magic))
         positions += (positions == "" ? "" : ",") + PositionJson(ticket);
     }
   string orders = "";
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket > 0 && (magic == 0 || OrderGetInteger(ORDER_MAGIC) == magic))
         orders += (orders == "" ? "" : ",") + OrderJson(ticket);
     }
   string deals = "";
   string historyOrders = "";
   if(HistorySelect(from, TimeTradeServer() + 86400))
     {
      for(int i = 0; i < HistoryDealsTotal(); i++)
        {
         ulong ticket = HistoryDealGetTicket(i);
         if(ticket > 0 && (magic == 0 || HistoryDealGetInteger(ticket, DEAL_MAGIC) == magic))
            deals += (deals == "" ? "" : ",") + DealJson(ticket);
        }
      for(int i = 0; i < HistoryOrdersTotal(); i++)
        {
         ulong ticket = HistoryOrderGetTicket(i);
         if(ticket > 0 && (magic == 0 || HistoryOrderGetInteger(ticket, ORDER_MAGIC) == magic))
            historyOrders += (historyOrders == "" ? "" : ",") + HistoryOrderJson(ticket);
        }
     }
   return KV("account", AccountJson()) + "," + KV("symbols", "[" + symbolList + "]") + "," +
          KV("positions", "[" + positions + "]") + "," + KV("orders", "[" + orders + "]") + "," +
          KV("deals", "[" + deals + "]") + "," + KV("history_orders", "[" + historyOrders + "]");
  }

//--- order_send: ok=false only when OrderSend was not called; otherwise the MqlTradeResult, whatever its retcode.
void OrderSendCommand(const string id, const string line)
  {
   string r = JsonRaw(line, "request");
   MqlTradeRequest request;
   MqlTradeResult  result;
   ZeroMemory(request);
   ZeroMemory(result);
   int action = EnumValue("TRADE_ACTION", JsonStr(r, "action"));
   int type = EnumValue("ORDER_TYPE", JsonStr(r, "type"));
   int filling = EnumValue("ORDER_FILLING", JsonStr(r, "type_filling"));
   int timeType = EnumValue("ORDER_TIME", JsonStr(r, "type_time"));
   if(action < 0 || type < 0 || filling < 0 || timeType < 0)
     {
      ReplyError(id, "BAD_REQUEST", "unknown action, type, type_filling or type_time");
      return;
     }
   if(!TerminalInfoInteger(TERMINAL_TRADE_ALLOWED) || !MQLInfoInteger(MQL_TRADE_ALLOWED))
     {
      ReplyError(id, "TRADE_NOT_ALLOWED", "algorithmic trading is disabled in the terminal");
      return;
     }
   request.action = (ENUM_TRADE_REQUEST_ACTIONS)action;
   request.magic = (ulong)JsonLong(r, "magic");
   request.order = (ulong)JsonLong(r, "order");
   request.symbol = JsonStr(r, "symbol");
   request.volume = JsonNum(r, "volume");
   int digits = (int)SymbolInfoInteger(request.symbol, SYMBOL_DIGITS);
   request.price = NormalizeDouble(JsonNum(r, "price"), digits);
   request.stoplimit = NormalizeDouble(JsonNum(r, "stoplimit"), digits);
   request.sl = NormalizeDouble(JsonNum(r, "sl"), digits);
   request.tp = NormalizeDouble(JsonNum(r, "tp"), digits);
   request.deviation = (ulong)JsonLong(r, "deviation");
   request.type = (ENUM_ORDER_TYPE)type;
   request.type_filling = (ENUM_ORDER_TYPE_FILLING)filling;
   request.type_time = (ENUM_ORDER_TYPE_TIME)timeType;
   request.expiration = (datetime)JsonLong(r, "expiration");
   request.comment = JsonStr(r, "comment");
   request.position = (ulong)JsonLong(r, "position");
   request.position_by = (ulong)JsonLong(r, "position_by");
   if(request.action == TRADE_ACTION_DEAL && request.price == 0)
     {
      MqlTick tick;
      if(SymbolInfoTick(request.symbol, tick))
         request.price = (request.type == ORDER_TYPE_BUY) ? tick.ask : tick.bid;
     }

   ResetLastError();
   bool sent = JsonBool(line, "async") ? OrderSendAsync(request, result) : OrderSend(request, result);
   int lastError = sent ? 0 : GetLastError();

   // The positions the request touched, as they are now: the one closed or changed, the opposite one of a
   // CLOSE_BY, and the one the deal opened or changed.
   string positions = "";
   string dealInfo = "";
   if(request.position > 0)
      positions += PositionJsonById(request.position);
   if(request.position_by > 0)
      positions += (positions == "" ? "" : ",") + PositionJsonById(request.position_by);
   if(result.deal > 0 && HistoryDealSelect(result.deal))
     {
      dealInfo = DealJson(result.deal);
      long positionId = HistoryDealGetInteger(result.deal, DEAL_POSITION_ID);
      if(positionId > 0 && (ulong)positionId != request.position)
         positions += (positions == "" ? "" : ",") + PositionJsonById(positionId);
     }
   Reply(id, KV("cid", Q(JsonStr(line, "cid"))) + "," + KV("result", ResultJson(result)) + "," +
         KV("last_error", IntegerToString(lastError)) + "," + KV("positions", "[" + positions + "]") +
         (dealInfo == "" ? "" : "," + KV("deal_info", dealInfo)));
  }

//==================================================================
// Pushed state
//==================================================================
void PushQuotes()
  {
   for(int i = 0; i < ArraySize(g_subscribed); i++)
     {
      MqlTick tick;
      if(!SymbolInfoTick(g_subscribed[i], tick) || (tick.bid == g_lastBid[i] && tick.ask == g_lastAsk[i]))
         continue;
      g_lastBid[i] = tick.bid;
      g_lastAsk[i] = tick.ask;
      int digits = (int)SymbolInfoInteger(g_subscribed[i], SYMBOL_DIGITS);
      PushEvent("quote", KV("symbol", Q(g_subscribed[i])) + "," + KV("bid", Num(tick.bid, digits)) + "," +
                KV("ask", Num(tick.ask, digits)) + "," + KV("last", Num(tick.last, digits)) + "," +
                KV("time_msc", IntegerToString(tick.time_msc)));
     }
  }

void PushAccountIfChanged()
  {
   string account = AccountJson();
   if(account == g_lastAccount)
      return;
   g_lastAccount = account;
   PushEvent("account", KV("account", account));
  }

//==================================================================
// Objects (PROTOCOL.md "Objects"): MQL5 property names, lower case without prefix
//==================================================================
string AccountJson()
  {
   return "{" + KV("login", IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN))) + "," +
          KV("server", Q(AccountInfoString(ACCOUNT_SERVER))) + "," + KV("currency", Q(AccountInfoString(ACCOUNT_CURRENCY))) + "," +
          KV("balance", Num(AccountInfoDouble(ACCOUNT_BALANCE), 2)) + "," + KV("equity", Num(AccountInfoDouble(ACCOUNT_EQUITY), 2)) + "," +
          KV("margin", Num(AccountInfoDouble(ACCOUNT_MARGIN), 2)) + "," +
          KV("margin_free", Num(AccountInfoDouble(ACCOUNT_MARGIN_FREE), 2)) + "," +
          KV("margin_mode", Q(EnumToString((ENUM_ACCOUNT_MARGIN_MODE)AccountInfoInteger(ACCOUNT_MARGIN_MODE)))) + "," +
          KV("leverage", IntegerToString(AccountInfoInteger(ACCOUNT_LEVERAGE))) + "," +
          KV("trade_allowed", AccountInfoInteger(ACCOUNT_TRADE_ALLOWED) ? "true" : "false") + "}";
  }

string SymbolJson(const string name)
  {
   if(!SymbolSelect(name, true))
      return "{" + KV("name", Q(name)) + "," + KV("found", "false") + "}";
   int digits = (int)SymbolInfoInteger(name, SYMBOL_DIGITS);
   return "{" + KV("name", Q(name)) + "," + KV("found", "true") + "," + KV("digits", IntegerToString(digits)) + "," +
          KV("point", Num(SymbolInfoDouble(name, SYMBOL_POINT), digits)) + "," +
          KV("trade_tick_size", Num(SymbolInfoDouble(name, SYMBOL_TRADE_TICK_SIZE), digits)) + "," +
          KV("trade_contract_size", Num(SymbolInfoDouble(name, SYMBOL_TRADE_CONTRACT_SIZE), 8)) + "," +
          KV("volume_min", Num(SymbolInfoDouble(name, SYMBOL_VOLUME_MIN), 8)) + "," +
          KV("volume_max", Num(SymbolInfoDouble(name, SYMBOL_VOLUME_MAX), 8)) + "," +
          KV("volume_step", Num(SymbolInfoDouble(name, SYMBOL_VOLUME_STEP), 8)) + "," +
          KV("filling_mode", IntegerToString(SymbolInfoInteger(name, SYMBOL_FILLING_MODE))) + "," +
          KV("trade_stops_level", IntegerToString(SymbolInfoInteger(name, SYMBOL_TRADE_STOPS_LEVEL))) + "," +
          KV("trade_mode", Q(EnumToString((ENUM_SYMBOL_TRADE_MODE)SymbolInfoInteger(name, SYMBOL_TRADE_MODE)))) + "," +
          KV("bid", Num(SymbolInfoDouble(name, SYMBOL_BID), digits)) + "," +
          KV("ask", Num(SymbolInfoDouble(name, SYMBOL_ASK), digits)) + "}";
  }

string PositionJson(const ulong ticket)
  {
   if(!PositionSelectByTicket(ticket))
      return "{" + KV("ticket", IntegerToString(ticket)) + "," + KV("closed", "true") + "}";
   string symbol = PositionGetString(POSITION_SYMBOL);
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
   return "{" + KV("ticket", IntegerToString(ticket)) + "," +
          KV("identifier", IntegerToString(PositionGetInteger(POSITION_IDENTIFIER))) + "," + KV("symbol", Q(symbol)) + "," +
          KV("type", Q(EnumToString((ENUM_POSITION_TYPE)PositionGetInteger(POSITION_TYPE)))) + "," +
          KV("volume", Num(PositionGetDouble(POSITION_VOLUME), 8)) + "," +
          KV("price_open", Num(PositionGetDouble(POSITION_PRICE_OPEN), digits)) + "," +
          KV("price_current", Num(PositionGetDouble(POSITION_PRICE_CURRENT), digits)) + "," +
          KV("sl", Num(PositionGetDouble(POSITION_SL), digits)) + "," + KV("tp", Num(PositionGetDouble(POSITION_TP), digits)) + "," +
          KV("magic", IntegerToString(PositionGetInteger(POSITION_MAGIC))) + "," +
          KV("comment", Q(PositionGetString(POSITION_COMMENT))) + "," +
          KV("time_msc", IntegerToString(PositionGetInteger(POSITION_TIME_MSC))) + "}";
  }

//--- Deals name positions by identifier; the ticket is normally equal, but look it up to be sure.
string PositionJsonById(const ulong identifier)
  {
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket > 0 && (ulong)PositionGetInteger(POSITION_IDENTIFIER) == identifier)
         return PositionJson(ticket);
     }
   return "{" + KV("ticket", IntegerToString(identifier)) + "," + KV("closed", "true") + "}";
  }

string OrderJson(const ulong ticket)
  {
   if(!OrderSelect(ticket))
      return "{" + KV("ticket", IntegerToString(ticket)) + "}";
   string symbol = OrderGetString(ORDER_SYMBOL);
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
   return "{" + KV("ticket", IntegerToString(ticket)) + "," + KV("symbol", Q(symbol)) + "," +
          KV("type", Q(EnumToString((ENUM_ORDER_TYPE)OrderGetInteger(ORDER_TYPE)))) + "," +
          KV("state", Q(EnumToString((ENUM_ORDER_STATE)OrderGetInteger(ORDER_STATE)))) + "," +
          KV("volume_initial", Num(OrderGetDouble(ORDER_VOLUME_INITIAL), 8)) + "," +
          KV("volume_current", Num(OrderGetDouble(ORDER_VOLUME_CURRENT), 8)) + "," +
          KV("price_open", Num(OrderGetDouble(ORDER_PRICE_OPEN), digits)) + "," +
          KV("price_stoplimit", Num(OrderGetDouble(ORDER_PRICE_STOPLIMIT), digits)) + "," +
          KV("sl", Num(OrderGetDouble(ORDER_SL), digits)) + "," + KV("tp", Num(OrderGetDouble(ORDER_TP), digits)) + "," +
          KV("type_filling", Q(EnumToString((ENUM_ORDER_TYPE_FILLING)OrderGetInteger(ORDER_TYPE_FILLING)))) + "," +
          KV("type_time", Q(EnumToString((ENUM_ORDER_TYPE_TIME)OrderGetInteger(ORDER_TYPE_TIME)))) + "," +
          KV("magic", IntegerToString(OrderGetInteger(ORDER_MAGIC))) + "," + KV("comment", Q(OrderGetString(ORDER_COMMENT))) + "," +
          KV("position_id", IntegerToString(OrderGetInteger(ORDER_POSITION_ID))) + "," +
          KV("time_setup_msc", IntegerToString(OrderGetInteger(ORDER_TIME_SETUP_MSC))) + "}";
  }

string HistoryOrderJson(const ulong ticket)
  {
   string symbol = HistoryOrderGetString(ticket, ORDER_SYMBOL);
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
   return "{" + KV("ticket", IntegerToString(ticket)) + "," + KV("symbol", Q(symbol)) + "," +
          KV("type", Q(EnumToString((ENUM_ORDER_TYPE)HistoryOrderGetInteger(ticket, ORDER_TYPE)))) + "," +
          KV("state", Q(EnumToString((ENUM_ORDER_STATE)HistoryOrderGetInteger(ticket, ORDER_STATE)))) + "," +
          KV("volume_initial", Num(HistoryOrderGetDouble(ticket, ORDER_VOLUME_INITIAL), 8)) + "," +
          KV("volume_current", Num(HistoryOrderGetDouble(ticket, ORDER_VOLUME_CURRENT), 8)) + "," +
          KV("price_open", Num(HistoryOrderGetDouble(ticket, ORDER_PRICE_OPEN), digits)) + "," +
          KV("sl", Num(HistoryOrderGetDouble(ticket, ORDER_SL), digits)) + "," +
          KV("tp", Num(HistoryOrderGetDouble(ticket, ORDER_TP), digits)) + "," +
          KV("magic", IntegerToString(HistoryOrderGetInteger(ticket, ORDER_MAGIC))) + "," +
          KV("comment", Q(HistoryOrderGetString(ticket, ORDER_COMMENT))) + "," +
          KV("position_id", IntegerToString(HistoryOrderGetInteger(ticket, ORDER_POSITION_ID))) + "," +
          KV("time_setup_msc", IntegerToString(HistoryOrderGetInteger(ticket, ORDER_TIME_SETUP_MSC))) + "," +
          KV("time_done_msc", IntegerToString(HistoryOrderGetInteger(ticket, ORDER_TIME_DONE_MSC))) + "}";
  }

string DealJson(const ulong ticket)
  {
   string symbol = HistoryDealGetString(ticket, DEAL_SYMBOL);
   int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
   return "{" + KV("ticket", IntegerToString(ticket)) + "," +
          KV("order", IntegerToString(HistoryDealGetInteger(ticket, DEAL_ORDER))) + "," +
          KV("position_id", IntegerToString(HistoryDealGetInteger(ticket, DEAL_POSITION_ID))) + "," + KV("symbol", Q(symbol)) + "," +
          KV("type", Q(EnumToString((ENUM_DEAL_TYPE)HistoryDealGetInteger(ticket, DEAL_TYPE)))) + "," +
          KV("entry", Q(EnumToString((ENUM_DEAL_ENTRY)HistoryDealGetInteger(ticket, DEAL_ENTRY)))) + "," +
          KV("reason", Q(EnumToString((ENUM_DEAL_REASON)HistoryDealGetInteger(ticket, DEAL_REASON)))) + "," +
          KV("volume", Num(HistoryDealGetDouble(ticket, DEAL_VOLUME), 8)) + "," +
          KV("price", Num(HistoryDealGetDouble(ticket, DEAL_PRICE), digits)) + "," +
          KV("commission", Num(HistoryDealGetDouble(ticket, DEAL_COMMISSION), 2)) + "," +
          KV("swap", Num(HistoryDealGetDouble(ticket, DEAL_SWAP), 2)) + "," +
          KV("profit", Num(HistoryDealGetDouble(ticket, DEAL_PROFIT), 2)) + "," +
          KV("magic", IntegerToString(HistoryDealGetInteger(ticket, DEAL_MAGIC))) + "," +
          KV("comment", Q(HistoryDealGetString(ticket, DEAL_COMMENT))) + "," +
          KV("time_msc", IntegerToString(HistoryDealGetInteger(ticket, DEAL_TIME_MSC))) + "}";
  }

string TransactionJson(const MqlTradeTransaction &t)
  {
   int digits = (int)SymbolInfoInteger(t.symbol, SYMBOL_DIGITS);
   return "{" + KV("deal", IntegerToString(t.deal)) + "," + KV("order", IntegerToString(t.order)) + "," +
          KV("symbol", Q(t.symbol)) + "," + KV("type", Q(EnumToString(t.type))) + "," +
          KV("order_type", Q(EnumToString(t.order_type))) + "," + KV("order_state", Q(EnumToString(t.order_state))) + "," +
          KV("deal_type", Q(EnumToString(t.deal_type))) + "," + KV("time_type", Q(EnumToString(t.time_type))) + "," +
          KV("time_expiration", IntegerToString((long)t.time_expiration)) + "," + KV("price", Num(t.price, digits)) + "," +
          KV("price_trigger", Num(t.price_trigger, digits)) + "," + KV("price_sl", Num(t.price_sl, digits)) + "," +
          KV("price_tp", Num(t.price_tp, digits)) + "," + KV("volume", Num(t.volume, 8)) + "," +
          KV("position", IntegerToString(t.position)) + "," + KV("position_by", IntegerToString(t.position_by)) + "}";
  }

string RequestJson(const MqlTradeRequest &r)
  {
   int digits = (int)SymbolInfoInteger(r.symbol, SYMBOL_DIGITS);
   return "{" + KV("action", Q(EnumToString(r.action))) + "," + KV("magic", IntegerToString(r.magic)) + "," +
          KV("order", IntegerToString(r.order)) + "," + KV("symbol", Q(r.symbol)) + "," + KV("volume", Num(r.volume, 8)) + "," +
          KV("price", Num(r.price, digits)) + "," + KV("stoplimit", Num(r.stoplimit, digits)) + "," +
          KV("sl", Num(r.sl, digits)) + "," + KV("tp", Num(r.tp, digits)) + "," + KV("deviation", IntegerToString(r.deviation)) + "," +
          KV("type", Q(EnumToString(r.type))) + "," + KV("type_filling", Q(EnumToString(r.type_filling))) + "," +
          KV("type_time", Q(EnumToString(r.type_time))) + "," + KV("expiration", IntegerToString((long)r.expiration)) + "," +
          KV("comment", Q(r.comment)) + "," + KV("position", IntegerToString(r.position)) + "," +
          KV("position_by", IntegerToString(r.position_by)) + "}";
  }

string ResultJson(const MqlTradeResult &r)
  {
   return "{" + KV("retcode", IntegerToString(r.retcode)) + "," + KV("deal", IntegerToString(r.deal)) + "," +
          KV("order", IntegerToString(r.order)) + "," + KV("volume", Num(r.volume, 8)) + "," + KV("price", Num(r.price, 8)) + "," +
          KV("bid", Num(r.bid, 8)) + "," + KV("ask", Num(r.ask, 8)) + "," + KV("comment", Q(r.comment)) + "," +
          KV("request_id", IntegerToString(r.request_id)) + "," + KV("retcode_external", IntegerToString(r.retcode_external)) + "}";
  }

//--- Enum identifier → value by trying the small ranges these enums use; -1 when unknown.
int EnumValue(const string prefix, const string name)
  {
   if(name == "")
      return prefix == "ORDER_FILLING" ? (int)ORDER_FILLING_FOK : (prefix == "ORDER_TIME" ? (int)ORDER_TIME_GTC :
             (prefix == "ORDER_TYPE" ? (int)ORDER_TYPE_BUY : -1));
   for(int v = 0; v <= 16; v++)
     {
      string candidate = prefix == "TRADE_ACTION" ? EnumToString((ENUM_TRADE_REQUEST_ACTIONS)v) :
                         prefix == "ORDER_TYPE" ? EnumToString((ENUM_ORDER_TYPE)v) :
                         prefix == "ORDER_FILLING" ? EnumToString((ENUM_ORDER_TYPE_FILLING)v) :
                         EnumToString((ENUM_ORDER_TYPE_TIME)v);
      if(candidate == name)
         return v;
     }
   return -1;
  }

//==================================================================
// Authentication
//==================================================================
bool LoadSecret()
  {
   string secret = InpSecret;
   if(secret == "")
     {
      int file = FileOpen(InpSecretFile, FILE_READ | FILE_TXT | FILE_ANSI | FILE_COMMON);
      if(file == INVALID_HANDLE)
        {
         Print("SluiceBridge: no InpSecret and cannot open ", InpSecretFile, " in the common Files folder");
         return false;
        }
      secret = FileReadString(file);
      FileClose(file);
     }
   StringTrimLeft(secret);
   StringTrimRight(secret);
   if(Utf8(secret, g_secret) < 16)
     {
      Print("SluiceBridge: the shared secret must be at least 16 bytes");
      return false;
     }
   return true;
  }

//--- HMAC-SHA256(secret, message) in lowercase hex (RFC 2104; CryptEncode gives the SHA-256).
string Mac(const string message)
  {
   uchar key[64];
   ArrayInitialize(key, 0);
   if(ArraySize(g_secret) > 64)
     {
      uchar hashed[];
      Sha256(g_secret, hashed);
      ArrayCopy(key, hashed, 0, 0, 32);
     }
   else
      ArrayCopy(key, g_secret, 0, 0, ArraySize(g_secret));
   uchar text[];
   int length = Utf8(message, text);
   uchar inner[];
   ArrayResize(inner, 64 + length);
   for(int i = 0; i < 64; i++)
      inner[i] = (uchar)(key[i] ^ 0x36);
   ArrayCopy(inner, text, 64, 0, length);
   uchar innerHash[];
   Sha256(inner, innerHash);
   uchar outer[];
   ArrayResize(outer, 96);
   for(int i = 0; i < 64; i++)
      outer[i] = (uchar)(key[i] ^ 0x5C);
   ArrayCopy(outer, innerHash, 64, 0, 32);
   uchar mac[];
   Sha256(outer, mac);
   ArrayFill(key, 0, 64, 0);
   return Hex(mac);
  }

void Sha256(const uchar &data[], uchar &hash[])
  {
   uchar none[];
   CryptEncode(CRYPT_HASH_SHA256, data, none, hash);
  }

//--- MQL5 has no cryptographic random source: hash what varies (microseconds, time, a counter, rand).
string NewNonce()
  {
   g_nonceCounter++;
   MathSrand((uint)GetMicrosecondCount());
   string seed = IntegerToString(GetMicrosecondCount()) + "|" + IntegerToString(TimeLocal()) + "|" +
                 IntegerToString(g_nonceCounter) + "|" + IntegerToString(MathRand()) + "|" + IntegerToString(MathRand()) + "|" +
                 IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + "|" + IntegerToString(GetTickCount());
   uchar bytes[];
   Utf8(seed, bytes);
   uchar hash[];
   Sha256(bytes, hash);
   return Hex(hash);
  }

bool ConstantTimeEquals(const string a, const string b)
  {
   if(StringLen(a) != StringLen(b))
      return false;
   int difference = 0;
   for(int i = 0; i < StringLen(a); i++)
      difference |= (StringGetCharacter(a, i) ^ StringGetCharacter(b, i));
   return difference == 0;
  }

string Hex(const uchar &bytes[])
  {
   string hex = "";
   for(int i = 0; i < ArraySize(bytes); i++)
      hex += StringFormat("%02x", bytes[i]);
   return hex;
  }

int Utf8(const string text, uchar &bytes[])
  {
   int length = StringToCharArray(text, bytes, 0, WHOLE_ARRAY, CP_UTF8) - 1;   // drop the terminating zero
   ArrayResize(bytes, length);
   return length;
  }

bool ParsePrivateIPv4(const string text, uchar &address[])
  {
   string parts[];
   if(StringSplit(text, '.', parts) != 4)
      return false;
   for(int i = 0; i < 4; i++)
     {
      long value = StringToInteger(parts[i]);
      if(value < 0 || value > 255 || IntegerToString(value) != parts[i])
         return false;
      address[i] = (uchar)value;
     }
   return address[0] == 127 || address[0] == 10 || (address[0] == 172 && address[1] >= 16 && address[1] <= 31) ||
          (address[0] == 192 && address[1] == 168) || (address[0] == 169 && address[1] == 254);
  }

long ServerTimeMsc()
  {
   return (long)TimeCurrent() * 1000;
  }

//==================================================================
// JSON: just what the protocol needs (flat lookups in one object)
//==================================================================
string KV(const string key, const string raw)
  {
   return "\"" + key + "\":" + raw;
  }

string Q(const string text)
  {
   string out = "\"";
   for(int i = 0; i < StringLen(text); i++)
     {
      ushort c = StringGetCharacter(text, i);
      if(c == '"' || c == '\\')
         out += "\\" + ShortToString(c);
      else
         if(c < 0x20)
            out += StringFormat("\\u%04x", c);
         else
            out += ShortToString(c);
     }
   return out + "\"";
  }

//--- A double as a plain decimal with at most `digits` places and no trailing zeros.
string Num(const double value, const int digits)
  {
   string text = DoubleToString(value, digits);
   if(StringFind(text, ".") >= 0)
     {
      int end = StringLen(text);
      while(end > 0 && StringGetCharacter(text, end - 1) == '0')
         end--;
      if(end > 0 && StringGetCharacter(text, end - 1) == '.')
         end--;
      text = StringSubstr(text, 0, end);
     }
   return (text == "-0" || text == "") ? "0" : text;
  }

//--- Raw text of a member of the top-level object, or "" when absent.
string JsonRaw(const string json, const string key)
  {
   int n = StringLen(json);
   int depth = 0;
   int i = 0;
   while(i < n)
     {
      ushort c = StringGetCharacter(json, i);
      if(c == '"')
        {
         int close = StringEnd(json, i);
         if(depth == 1)
           {
            int colon = SkipSpaces(json, close + 1);
            if(colon < n && StringGetCharacter(json, colon) == ':')
              {
               int start = SkipSpaces(json, colon + 1);
               int stop = ValueEnd(json, start);
               if(StringSubstr(json, i + 1, close - i - 1) == key)
                  return StringSubstr(json, start, stop - start);
               i = stop;
               continue;
              }
           }
         i = close + 1;
         continue;
        }
      if(c == '{' || c == '[')
         depth++;
      else
         if(c == '}' || c == ']')
            depth--;
      i++;
     }
   return "";
  }

string JsonStr(const string json, const string key)
  {
   return Unquote(JsonRaw(json, key));
  }

double JsonNum(const string json, const string key)
  {
   return StringToDouble(JsonRaw(json, key));
  }

long JsonLong(const string json, const string key)
  {
   return StringToInteger(JsonRaw(json, key));
  }

bool JsonBool(const string json, const string key)
  {
   return JsonRaw(json, key) == "true";
  }

//--- Split a raw array into the raw text of its elements.
int JsonArray(const string raw, string &items[])
  {
   ArrayResize(items, 0);
   int n = StringLen(raw);
   int i = SkipSpaces(raw, 0);
   if(i >= n || StringGetCharacter(raw, i) != '[')
      return 0;
   i = SkipSpaces(raw, i + 1);
   while(i < n && StringGetCharacter(raw, i) != ']')
     {
      int stop = ValueEnd(raw, i);
      int count = ArraySize(items);
      ArrayResize(items, count + 1);
      items[count] = StringSubstr(raw, i, stop - i);
      i = SkipSpaces(raw, stop);
      if(i < n && StringGetCharacter(raw, i) == ',')
         i = SkipSpaces(raw, i + 1);
     }
   return ArraySize(items);
  }

string Unquote(const string raw)
  {
   if(StringLen(raw) < 2 || StringGetCharacter(raw, 0) != '"')
      return raw;
   string out = "";
   for(int i = 1; i < StringLen(raw) - 1; i++)
     {
      ushort c = StringGetCharacter(raw, i);
      if(c != '\\')
        {
         out += ShortToString(c);
         continue;
        }
      ushort e = StringGetCharacter(raw, ++i);
      if(e == 'n')
         out += "\n";
      else
         if(e == 't')
            out += "\t";
         else
            if(e == 'r')
               out += "\r";
            else
               if(e == 'u')
                 {
                  ushort code = 0;
                  for(int k = 1; k <= 4; k++)
                     code = (ushort)(code * 16 + HexDigit(StringGetCharacter(raw, i + k)));
                  out += ShortToString(code);
                  i += 4;
                 }
               else
                  out += ShortToString(e);      // \" \\ \/
     }
   return out;
  }

int HexDigit(const ushort c)
  {
   if(c >= '0' && c <= '9')
      return c - '0';
   if(c >= 'a' && c <= 'f')
      return c - 'a' + 10;
   if(c >= 'A' && c <= 'F')
      return c - 'A' + 10;
   return 0;
  }

int StringEnd(const string json, const int open)
  {
   for(int i = open + 1; i < StringLen(json); i++)
     {
      ushort c = StringGetCharacter(json, i);
      if(c == '\\')
         i++;
      else
         if(c == '"')
            return i;
     }
   return StringLen(json) - 1;
  }

int ValueEnd(const string json, const int start)
  {
   int n = StringLen(json);
   if(start >= n)
      return n;
   ushort first = StringGetCharacter(json, start);
   if(first == '"')
      return StringEnd(json, start) + 1;
   if(first == '{' || first == '[')
     {
      int depth = 0;
      for(int i = start; i < n; i++)
        {
         ushort c = StringGetCharacter(json, i);
         if(c == '"')
            i = StringEnd(json, i);
         else
            if(c == '{' || c == '[')
               depth++;
            else
               if(c == '}' || c == ']')
                 {
                  depth--;
                  if(depth == 0)
                     return i + 1;
                 }
        }
      return n;
     }
   int i = start;
   while(i < n)
     {
      ushort c = StringGetCharacter(json, i);
      if(c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
         break;
      i++;
     }
   return i;
  }

int SkipSpaces(const string json, int i)
  {
   while(i < StringLen(json))
     {
      ushort c = StringGetCharacter(json, i);
      if(c != ' ' && c != '\t' && c != '\r' && c != '\n')
         break;
      i++;
     }
   return i;
  }
//+------------------------------------------------------------------+
