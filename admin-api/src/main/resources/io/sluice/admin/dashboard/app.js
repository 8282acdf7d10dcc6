// Sluice dashboard: plain JavaScript, no dependencies. Tokens live in sessionStorage; views refresh on stream
// events from /api/v1/stream and every few seconds as a fallback.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { access: sessionStorage.getItem('access'), refresh: sessionStorage.getItem('refresh'), socket: null,
  lastIndex: -1, timer: null, pending: null, priceKey: '' };

function text(node, value) { node.textContent = value == null ? '' : String(value); }
function cell(row, value, cls) { const td = row.insertCell(); text(td, value); if (cls) td.className = cls; return td; }
function num(value) { return value == null ? '' : Number(value).toLocaleString(undefined, { maximumFractionDigits: 8 }); }
function signed(td, value) { td.classList.add(Number(value) >= 0 ? 'pos' : 'neg'); }
function show(message) { text($('message'), message); }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.access) headers.Authorization = 'Bearer ' + state.access;
  if (options.body) headers['Content-Type'] = 'application/json';
  let response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && state.refresh && await refreshTokens()) {
    headers.Authorization = 'Bearer ' + state.access;
    response = await fetch(path, Object.assign({}, options, { headers }));
  }
  if (response.status === 401) { logout(); throw new Error('logged out'); }
  const body = response.headers.get('Content-Type')?.startsWith('application/json') ? await response.json() : null;
  if (!response.ok) throw new Error(body?.error?.message || ('HTTP ' + response.status));
  return body;
}

function keep(tokens) {
  state.access = tokens.accessToken; state.refresh = tokens.refreshToken;
  sessionStorage.setItem('access', state.access); sessionStorage.setItem('refresh', state.refresh);
}

async function refreshTokens() {
  const response = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: state.refresh }) });
  if (!response.ok) return false;
  keep(await response.json());
  return true;
}

function logout() {
  if (state.refresh) {
    fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: state.refresh }) }).catch(() => {});
  }
  sessionStorage.clear(); state.access = null; state.refresh = null;
  if (state.socket) state.socket.close();
  clearInterval(state.timer);
  $('main').hidden = true; $('login').hidden = false;
}

async function start() {
  try {
    const me = await fetch('/api/v1/auth/me', { headers: state.access ? { Authorization: 'Bearer ' + state.access } : {} });
    if (me.ok) { enter(await me.json()); return; }
  } catch (e) { /* fall through to the login form */ }
  $('login').hidden = false;
}

function enter(me) {
  $('login').hidden = true; $('main').hidden = false;
  text($('user'), me.name + ' (' + me.role + ')');
  $('logout').hidden = !me.authEnabled;
  refreshAll();
  state.timer = setInterval(refreshAll, 3000);
  connect();
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const query = new URLSearchParams();
  if (state.lastIndex >= 0) query.set('after', state.lastIndex);
  if (state.access) query.set('access_token', state.access);
  const socket = new WebSocket(scheme + location.host + '/api/v1/stream?' + query);
  state.socket = socket;
  socket.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.index != null) state.lastIndex = event.index;
    clearTimeout(state.pending);
    state.pending = setTimeout(refreshAll, 100);
  };
  socket.onclose = () => { if (!$('main').hidden) setTimeout(connect, 2000); };
}

async function refreshAll() {
  await Promise.allSettled([positions(), orders(), signals(), status(), risk(), alerts(), pnl(), prices()]);
}

async function positions() {
  const body = await api('/api/v1/positions');
  const tbody = $('positions'); tbody.replaceChildren();
  for (const p of body.positions) {
    const row = tbody.insertRow();
    row.dataset.symbol = p.symbol;
    cell(row, p.account); cell(row, p.venue); cell(row, p.symbol); cell(row, num(p.quantity), 'num'); cell(row, num(p.avgPrice), 'num');
    signed(cell(row, num(p.unrealizedPnl), 'num'), p.unrealizedPnl); signed(cell(row, num(p.realizedPnl), 'num'), p.realizedPnl);
  }
}

async function orders() {
  const body = await api('/api/v1/orders?limit=200');
  const tbody = $('orders'); tbody.replaceChildren();
  for (const o of body.orders) {
    if (!['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'UNKNOWN', 'PENDING_CANCEL'].includes(o.status)) continue;
    const row = tbody.insertRow();
    cell(row, o.clientOrderId); cell(row, o.account); cell(row, o.symbol); cell(row, o.side); cell(row, num(o.quantity), 'num');
    cell(row, num(o.price), 'num'); cell(row, o.status);
    const button = document.createElement('button'); button.className = 'small secondary'; button.textContent = 'Cancel';
    button.addEventListener('click', () => command('/api/v1/orders/' + encodeURIComponent(o.clientOrderId) + '/cancel', {}, 'cancel requested'));
    cell(row, '').appendChild(button);
  }
}

async function signals() {
  const body = await api('/api/v1/signals?limit=50');
  const tbody = $('signals'); tbody.replaceChildren();
  const approvals = $('approvals'); approvals.replaceChildren();
  for (const s of body.signals) {
    const row = tbody.insertRow();
    row.dataset.signalId = s.signalId;
    cell(row, s.receivedAt ? new Date(s.receivedAt).toLocaleTimeString() : ''); cell(row, s.signalId); cell(row, s.source);
    cell(row, s.account); cell(row, s.status, s.status === 'REJECTED' ? 'neg' : s.status === 'ORDERED' ? 'pos' : '');
    cell(row, s.reject ? s.reject.reason + (s.reject.message ? ': ' + s.reject.message : '') : '');
    const link = document.createElement('button'); link.className = 'small secondary'; link.textContent = 'trace';
    link.addEventListener('click', () => trace(s.signalId));
    cell(row, '').appendChild(link);
    if (s.reject && s.reject.reason === 'AWAITING_APPROVAL') approvalItem(approvals, s);
  }
}

function approvalItem(list, s) {
  const li = document.createElement('li');
  text(li, s.signalId + ' (' + (s.account || '') + ') ');
  for (const [label, verb] of [['Approve', 'approve'], ['Reject', 'reject']]) {
    const button = document.createElement('button'); button.className = 'small'; button.textContent = label;
    button.addEventListener('click', () => command('/api/v1/approvals/' + encodeURIComponent(s.signalId) + '/' + verb, {}, label.toLowerCase() + 'd'));
    li.appendChild(button);
  }
  list.appendChild(li);
}

async function trace(signalId) {
  const body = await api('/api/v1/signals/' + encodeURIComponent(signalId));
  text($('trace-body'), JSON.stringify(body, null, 2));
  $('trace').hidden = false;
}

async function status() {
  const body = await api('/api/v1/state');
  const global = body.trading.global ? body.trading.global.state : 'ACTIVE';
  const pill = $('trading-state'); text(pill, 'trading ' + global);
  pill.className = 'pill ' + (global === 'ACTIVE' ? 'ok' : global === 'HALTED' ? 'bad' : 'warn');
  const health = await api('/health');
  const engine = $('engine-state'); text(engine, 'engine ' + (health.engineConnected ? 'connected' : 'DISCONNECTED'));
  engine.className = 'pill ' + (health.engineConnected ? 'ok' : 'bad');
  const list = $('gateways'); list.replaceChildren();
  for (const [venue, g] of Object.entries(body.gateways)) {
    const li = document.createElement('li');
    const badge = document.createElement('span'); badge.className = 'pill ' + (g.state === 'UP' ? 'ok' : 'bad'); text(badge, g.state);
    li.append(venue + ' ', badge, ' ' + (g.detail || ''));
    list.appendChild(li);
  }
}

async function risk() {
  const body = await api('/api/v1/risk');
  const root = $('risk'); root.replaceChildren();
  for (const account of body.accounts) {
    const title = document.createElement('h3'); text(title, account.account + ' - ' + account.state); root.appendChild(title);
    for (const limit of account.limits) {
      const line = document.createElement('div'); text(line, limit.name + ': ' + num(limit.used) + ' / ' + num(limit.limit));
      const bar = document.createElement('div'); bar.className = 'bar';
      const fill = document.createElement('div'); fill.style.width = Math.min(100, Number(limit.usedPercent || 0)) + '%';
      bar.appendChild(fill); root.append(line, bar);
    }
  }
}

async function alerts() {
  const body = await api('/api/v1/alerts?limit=20');
  const list = $('alerts'); list.replaceChildren();
  for (const a of body.alerts) {
    const li = document.createElement('li'); text(li, new Date(a.at).toLocaleTimeString() + ' ' + a.severity + ' ' + a.type + ' ' + (a.text || ''));
    list.appendChild(li);
  }
}

async function pnl() {
  const body = await api('/api/v1/pnl?limit=3600');
  text($('pnl-total'), 'P&L ' + num(body.total) + ' (realized ' + num(body.realized) + ')');
  chart($('pnl-chart'), body.points);
}

async function prices() {
  const body = await api('/api/v1/marketdata');
  const select = $('price-symbol');
  const keys = body.prices.map((p) => p.venue + '/' + p.symbol);
  if (select.options.length !== keys.length) {
    select.replaceChildren(...keys.map((k) => new Option(k, k)));
    if (state.priceKey && keys.includes(state.priceKey)) select.value = state.priceKey;
  }
  state.priceKey = select.value;
  if (!state.priceKey) return;
  const [venue, symbol] = state.priceKey.split('/');
  const series = await api('/api/v1/marketdata/' + encodeURIComponent(venue) + '/' + encodeURIComponent(symbol) + '?limit=600');
  chart($('price-chart'), series.points);
}

function chart(canvas, points) {
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  if (!points.length) return;
  const values = points.map((p) => Number(p.v));
  const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
  const t0 = points[0].t, tSpan = (points[points.length - 1].t - t0) || 1;
  g.strokeStyle = '#4aa3ff'; g.lineWidth = 2; g.beginPath();
  points.forEach((p, i) => {
    const x = 4 + (canvas.width - 8) * (p.t - t0) / tSpan, y = canvas.height - 14 - (canvas.height - 28) * (Number(p.v) - min) / span;
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
  g.fillStyle = '#8a96a3'; g.font = '11px sans-serif';
  g.fillText(num(max), 4, 11); g.fillText(num(min), 4, canvas.height - 2);
}

async function command(path, body, done) {
  try { await api(path, { method: 'POST', body: JSON.stringify(body) }); show(done); refreshAll(); } catch (e) { show(e.message); }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  text($('login-error'), '');
  const response = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
  const body = await response.json();
  if (!response.ok) { text($('login-error'), body.error ? body.error.message : 'login failed'); return; }
  $('password').value = '';
  keep(body);
  enter({ name: body.user.name, role: body.user.role, authEnabled: true });
});
$('kill-switch').addEventListener('click', () => { $('kill-confirm').hidden = false; });
$('kill-confirm-no').addEventListener('click', () => { $('kill-confirm').hidden = true; });
$('kill-confirm-yes').addEventListener('click', async () => {
  $('kill-confirm').hidden = true;
  await command('/api/v1/kill', { reason: $('kill-reason').value || 'dashboard kill switch' }, 'kill switch sent');
});
$('resume').addEventListener('click', () => command('/api/v1/resume', { reason: 'dashboard resume' }, 'resume sent'));
$('logout').addEventListener('click', logout);
$('trace-close').addEventListener('click', () => { $('trace').hidden = true; });
$('price-symbol').addEventListener('change', () => { state.priceKey = $('price-symbol').value; prices(); });
start();
