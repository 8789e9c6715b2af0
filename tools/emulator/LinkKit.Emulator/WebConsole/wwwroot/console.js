'use strict';
// The emulator's web console. Everything it shows it reads with the control API (POST /api/{Action}), everything its forms do is
// one control-API call as the user filled it in, and /console/events streams what the broker sees (MessageTap). Plain DOM, no
// framework and no build step: the emulator serves this file as it is. Text from devices only ever goes into textContent.

const MaxMessages = 1000;          // stream entries kept in the page (oldest go first)
const MaxDevicesPerProduct = 100;  // rows listed per product (each row asks for the device's firmware version once)

const state = {
  selected: null,                  // {pk, dn, key} of the device shown on the right
  model: null,                     // the selected device's thing model (parsed TSL), or null
  chartProperty: null,             // identifier whose history the chart shows
  lastSeen: new Map(),             // "pk/dn" -> ms of the latest entry from that device this page received
  versions: new Map(),             // "pk/dn" -> firmware version text, once asked
  knownDevices: new Set(),         // "pk/dn" of every device the last device list returned, with a row or not
};

const $ = (selector, root = document) => root.querySelector(selector);

// Builds an element: el('td', {class: 'x', dataset: {device: key}}, 'text', child, …).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function api(action, parameters = {}) {
  const response = await fetch('/api/' + action, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(parameters),
  });
  return response.json();
}

function deviceParameters() {
  return { ProductKey: state.selected.pk, DeviceName: state.selected.dn };
}

function showError(error) {
  const banner = $('#error');
  banner.textContent = error ? 'error: ' + error : '';
  banner.hidden = !error;
}

// Runs fn after `delay` ms, once for a burst of calls; a call while it runs runs it once more afterwards (so the last
// message of a burst is always followed by a fresh read).
function coalesce(fn, delay) {
  let timer = null, running = false, again = false;
  const run = async () => {
    timer = null;
    if (running) { again = true; return; }
    running = true;
    try { await fn(); showError(null); } catch (error) { showError(error.message || error); }
    running = false;
    if (again) { again = false; schedule(); }
  };
  const schedule = () => { if (!timer) timer = setTimeout(run, delay); };
  return schedule;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');
function clock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
function dateTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(ms)}`;
}

function toBase64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
function fromBase64(base64) {
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

// ------------------------------------------------------------------------------------------ products and devices

const scheduleDevices = coalesce(loadDevices, 300);

const scheduleStatus = coalesce(loadStatus, 1000);

async function loadStatus() {
  const status = (await api('GetEmulatorStatus')).Data;
  $('#emulator-status').textContent = [
    status.MqttPort && `MQTT ${status.MqttPort}`, status.MqttTlsPort && `MQTT/TLS ${status.MqttTlsPort}`, `API ${status.ApiPort}`,
    `${status.OnlineDevices} online`, `${status.Uplinks} uplinks`, `${status.Dropped} dropped`,
  ].filter(Boolean).join(' · ');
}

async function loadDevices() {
  await loadStatus();
  const products = (await api('QueryProductList', { PageSize: 200 })).Data.List.ProductInfo;
  const sections = [], known = new Set();
  for (const product of products) {
    const devices = (await api('QueryDevice', { ProductKey: product.ProductKey })).Data.DeviceInfo;
    for (const device of devices) known.add(device.ProductKey + '/' + device.DeviceName);
    const rows = devices.slice(0, MaxDevicesPerProduct).map(deviceRow);
    sections.push(el('section', { class: 'product' },
      el('h2', {}, product.ProductName + ' ', el('small', {}, product.ProductKey)),
      el('table', {},
        el('thead', {}, el('tr', {}, el('th', {}, 'Device'), el('th', {}, 'Status'), el('th', {}, 'Last seen'), el('th', {}, 'Firmware'))),
        el('tbody', {}, ...rows)),
      devices.length > rows.length ? el('p', { class: 'more' }, `… and ${devices.length - rows.length} more devices`) : null));
  }
  $('#products').replaceChildren(...(sections.length ? sections : [el('p', { class: 'empty' }, 'No products yet.')]));
  state.knownDevices = known;
  for (const row of document.querySelectorAll('tr[data-device]')) {
    if (!state.versions.has(row.dataset.device)) loadVersion(row.dataset.device);
  }
  if (!state.selected && location.hash.length > 1) {
    const [pk, dn] = decodeURIComponent(location.hash.slice(1)).split('/');
    if (pk && dn) select(pk, dn);
  }
  markSelectedRow();
}

function deviceRow(device) {
  const key = device.ProductKey + '/' + device.DeviceName;
  const row = el('tr', { dataset: { device: key }, tabindex: '0' },
    el('td', { class: 'name' }, device.DeviceName),
    el('td', { class: 'status status-' + device.Status }, device.Status),
    el('td', { class: 'seen' }),
    el('td', { class: 'firmware' }, state.versions.get(key) ?? ''));
  row.dataset.online = Date.parse(device.UtcOnline) || '';
  row.addEventListener('click', () => select(device.ProductKey, device.DeviceName));
  row.addEventListener('keydown', e => { if (e.key === 'Enter') select(device.ProductKey, device.DeviceName); });
  showLastSeen(row);
  return row;
}

// "Last seen": now while online; else the latest entry this page saw from the device, or its last login (the registry's UtcOnline).
function showLastSeen(row) {
  const status = $('.status', row).textContent;
  const seen = Math.max(state.lastSeen.get(row.dataset.device) || 0, Number(row.dataset.online) || 0);
  $('.seen', row).textContent = status === 'ONLINE' ? 'now' : seen ? dateTime(seen) : 'never';
}

function rowOf(key) {
  return document.querySelector(`tr[data-device="${CSS.escape(key)}"]`);
}

async function loadVersion(key) {
  const [pk, dn] = key.split('/');
  state.versions.set(key, '');
  const answer = await api('ListOTAModuleVersionsByDevice', { ProductKey: pk, DeviceName: dn, PageSize: 200 });
  const modules = answer.Success ? answer.Data.SimpleOTAModuleInfo : [];
  const text = modules.length === 1 && modules[0].ModuleName === 'default'
    ? modules[0].ModuleVersion
    : modules.map(m => `${m.ModuleName} ${m.ModuleVersion}`).join(', ');
  state.versions.set(key, text);
  const row = rowOf(key);
  if (row) $('.firmware', row).textContent = text;
}

// ------------------------------------------------------------------------------------------ the selected device

async function select(pk, dn) {
  const key = pk + '/' + dn;
  if (state.selected?.key !== key) {
    state.selected = { pk, dn, key };
    state.chartProperty = null;
    history.replaceState(null, '', '#' + key);
    $('#device-title').textContent = `${dn} · ${pk}`;
    $('#device').hidden = false;
    const pub = $('#form-pub [name=TopicFullName]');
    if (!pub.value || pub.dataset.suggested === pub.value) pub.value = pub.dataset.suggested = `/${pk}/${dn}/user/get`;
    for (const output of document.querySelectorAll('form output')) output.replaceChildren();
    filterMessages();
    markSelectedRow();
  }
  const product = await api('QueryProduct', { ProductKey: pk });
  state.model = product.Success && product.Data.Tsl ? JSON.parse(product.Data.Tsl) : null;
  $('#services').replaceChildren(...(state.model?.services ?? []).map(s => el('option', { value: s.identifier }, s.name)));
  scheduleDevice();
}

function markSelectedRow() {
  for (const row of document.querySelectorAll('tr[data-device]'))
    row.setAttribute('aria-selected', String(row.dataset.device === state.selected?.key));
}

const scheduleDevice = coalesce(loadDevice, 150);

// Properties, chart, shadow and OTA of the selected device, read again after each of its messages.
async function loadDevice() {
  if (!state.selected) return;
  const key = state.selected.key;
  const [properties, shadow, ota] = await Promise.all([
    api('QueryDevicePropertyStatus', deviceParameters()), api('GetDeviceShadow', deviceParameters()), loadOta(),
  ]);
  if (state.selected?.key !== key) return;    // another device was chosen meanwhile
  showProperties(properties.Success ? properties.Data.List.PropertyStatusInfo : []);
  $('#shadow').textContent = shadow.Success ? indent(shadow.ShadowMessage) : shadow.ErrorMessage;
  showOta(ota);
  await showChart();
}

function showProperties(list) {
  const rows = list.map(p => {
    const row = el('tr', { dataset: { property: p.Identifier } },
      el('td', {}, p.Name + ' ', p.Name !== p.Identifier ? el('small', {}, p.Identifier) : null),
      el('td', { class: 'value' }, p.Value),
      el('td', {}, dateTime(Number(p.Time))));
    row.addEventListener('click', () => { state.chartProperty = p.Identifier; showChart(); });
    return row;
  });
  $('#properties tbody').replaceChildren(...rows);
  // Chart a number first (int, float, double), else a switch or an enum, else whatever there is.
  const first = test => list.find(p => test(p.DataType, p.Value));
  if (!state.chartProperty)
    state.chartProperty = (first(t => ['int', 'float', 'double'].includes(t)) ?? first(t => ['bool', 'enum'].includes(t)) ??
      first((t, v) => t == null && v !== '' && !isNaN(Number(v))) ?? list[0])?.Identifier ?? null;
}

// The history of one property as a small SVG line chart (the newest 100 values with a number).
async function showChart() {
  const figure = $('#chart');
  const identifier = state.chartProperty;
  if (!identifier) { figure.replaceChildren(); return; }
  const answer = await api('QueryDevicePropertyData', { ...deviceParameters(), Identifier: identifier, PageSize: 100 });
  const points = (answer.Success ? answer.Data.List.PropertyInfo : [])
    .map(p => ({ time: p.Time, value: p.Value === 'true' ? 1 : p.Value === 'false' ? 0 : Number(p.Value) }))
    .filter(p => !isNaN(p.value))
    .reverse();
  if (state.chartProperty !== identifier) return;
  if (points.length === 0) {
    figure.replaceChildren(el('figcaption', {}, `${identifier}: no numeric history`));
    return;
  }
  const values = points.map(p => p.value);
  const min = Math.min(...values), max = Math.max(...values);
  const latest = values[values.length - 1];
  figure.replaceChildren(lineChart(points, min, max),
    el('figcaption', {}, `${identifier}: ${points.length} value${points.length === 1 ? '' : 's'}, latest ${latest} (min ${min}, max ${max})`));
  figure.dataset.points = points.length;
}

function lineChart(points, min, max) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 480, height = 160, left = 44, right = 8, top = 10, bottom = 20;
  const svg = document.createElementNS(svgNs, 'svg');
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const first = points[0].time, last = points[points.length - 1].time;
  // Equal times (a fixed clock, one post) spread by index; an even line sits in the middle.
  const x = (p, i) => left + (width - left - right) * (last > first ? (p.time - first) / (last - first) : points.length > 1 ? i / (points.length - 1) : 0.5);
  const y = v => top + (height - top - bottom) * (max > min ? (max - v) / (max - min) : 0.5);
  add('line', { x1: left, y1: top, x2: left, y2: height - bottom });
  add('line', { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom });
  add('text', { x: 2, y: top + 8 }, String(max));
  if (max > min) add('text', { x: 2, y: height - bottom }, String(min));
  add('text', { x: left, y: height - 4 }, clock(first));
  add('text', { x: width - right, y: height - 4, 'text-anchor': 'end' }, clock(last));
  add('polyline', { points: points.map((p, i) => `${x(p, i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ') });
  points.forEach((p, i) => {
    const dot = add('circle', { cx: x(p, i).toFixed(1), cy: y(p.value).toFixed(1), r: 3 });
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${p.value} at ${dateTime(p.time)}`;
    dot.append(title);
  });
  return svg;
}

// The device's OTA tasks: the product's firmwares, their jobs, and in each job this device's task.
async function loadOta() {
  const { pk, dn } = state.selected;
  const versions = await api('ListOTAModuleVersionsByDevice', { ...deviceParameters(), PageSize: 200 });
  const firmwares = (await api('ListOTAFirmware', { ProductKey: pk, PageSize: 100 })).FirmwareInfo?.SimpleFirmwareInfo ?? [];
  const tasks = [];
  for (const firmware of firmwares) {
    const jobs = (await api('ListOTAJobByFirmware', { FirmwareId: firmware.FirmwareId, PageSize: 100 })).Data?.SimpleOTAJobInfo ?? [];
    for (const job of jobs) {
      const answer = await api('ListOTATaskByJob', { JobId: job.JobId, DeviceNames: [dn] });
      for (const task of answer.Data?.SimpleOTATaskInfo ?? []) tasks.push({ firmware, task });
    }
  }
  return { versions: versions.Success ? versions.Data.SimpleOTAModuleInfo : [], tasks };
}

function showOta({ versions, tasks }) {
  $('#versions').textContent = versions.length
    ? 'Reported: ' + versions.map(v => `${v.ModuleName} ${v.ModuleVersion} (${dateTime(Date.parse(v.UtcReported))})`).join(', ')
    : 'No version reported.';
  const text = versions.length === 1 && versions[0].ModuleName === 'default' ? versions[0].ModuleVersion
    : versions.map(v => `${v.ModuleName} ${v.ModuleVersion}`).join(', ');
  state.versions.set(state.selected.key, text);
  const row = rowOf(state.selected.key);
  if (row) $('.firmware', row).textContent = text;
  $('#ota-tasks tbody').replaceChildren(...tasks.map(({ firmware, task }) => el('tr', { dataset: { task: task.TaskId } },
    el('td', {}, `${firmware.FirmwareName} → ${task.DestVersion}`, el('br'), el('small', { class: 'id' }, 'job ' + task.JobId)),
    el('td', { class: 'task-status' }, task.TaskStatus),
    el('td', {}, task.Progress),
    el('td', {}, task.TaskDesc),
    el('td', {}, dateTime(Date.parse(task.UtcModified))))));
}

// ------------------------------------------------------------------------------------------ the live stream

function listen() {
  const source = new EventSource('/console/events');
  const live = $('#stream-state');
  source.onopen = () => {
    live.textContent = 'stream: live';
    live.dataset.live = 'true';
    scheduleDevices();              // what changed while the stream was down
  };
  source.onerror = () => {          // EventSource reconnects by itself
    live.textContent = 'stream: reconnecting…';
    live.dataset.live = 'false';
  };
  source.onmessage = message => onEntry(JSON.parse(message.data));
}

function onEntry(entry) {
  const key = entry.productKey ? entry.productKey + '/' + entry.deviceName : null;
  if (key && entry.kind !== 'down') {
    state.lastSeen.set(key, entry.time);
    const row = rowOf(key);
    if (entry.kind === 'connected' || entry.kind === 'disconnected') {
      // Only a device the last list did not return is new; one listed past the rendered rows has no row to update.
      if (!row) { if (!state.knownDevices.has(key)) scheduleDevices(); }
      else {
        const status = $('.status', row);
        status.textContent = entry.kind === 'connected' ? 'ONLINE' : 'OFFLINE';
        status.className = 'status status-' + status.textContent;
      }
    }
    if (row) showLastSeen(row);
    if (entry.topic?.startsWith('/ota/device/inform/')) loadVersion(key);
  }
  scheduleStatus();
  const item = messageItem(entry, key);
  const list = $('#messages');
  list.prepend(item);
  while (list.childElementCount > MaxMessages) list.lastElementChild.remove();
  if (!item.hidden) scheduleDevice();
}

// One stream entry: direction, topic, the Alink method and reply code when the payload is Alink JSON, and the payload
// (JSON indented, other text as it is, binary as hex).
function messageItem(entry, key) {
  const item = el('li', { class: entry.kind + (entry.dropped ? ' dropped' : ''), dataset: { device: key ?? '', topic: entry.topic ?? '' } });
  const head = el('div', { class: 'head' }, el('time', {}, clock(entry.time)));
  item.append(head);
  if (entry.kind === 'connected') {
    head.append(el('span', { class: 'dir' }, 'connected'), el('span', {}, `${key} over ${entry.tls ? 'TLS' : 'TCP'}, clientId ${entry.clientId}`));
    return filtered(item);
  }
  if (entry.kind === 'disconnected') {
    head.append(el('span', { class: 'dir' }, 'disconnected'), el('span', {}, `${key} (${entry.reason})`));
    return filtered(item);
  }
  head.append(el('span', { class: 'dir' }, entry.kind === 'up' ? '↑ device → cloud' : '↓ cloud → device'), el('code', { class: 'topic' }, entry.topic));
  let body = entry.payload;
  if (entry.payloadBase64 !== undefined) {
    const bytes = fromBase64(entry.payloadBase64);
    body = `${bytes.length} bytes: ` + Array.from(bytes.slice(0, 256), b => pad(b.toString(16))).join(' ') + (bytes.length > 256 ? ' …' : '');
  } else {
    const json = parseObject(entry.payload);
    if (json) {
      if (typeof json.method === 'string') head.append(el('span', { class: 'method' }, json.method));
      if (json.code !== undefined) head.append(el('span', { class: 'code ' + (json.code === 200 || json.code === '200' ? 'ok' : 'bad') }, 'code ' + json.code));
      body = indent(entry.payload);
    }
  }
  if (entry.dropped) head.append(el('span', { class: 'note' }, 'dropped: ' + entry.dropped));
  if (entry.qos) head.append(el('span', { class: 'method' }, 'QoS ' + entry.qos));
  item.append(el('pre', { class: 'payload' }, body));
  return filtered(item);
}

// Indents JSON text without parsing it into values and writing them again: every literal stays as the device wrote it
// (a float posted as 23 is refused where 23.0 is accepted; JSON.stringify would show both as 23).
function indent(json) {
  let out = '', depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      out += json.slice(i, end + 1);
      i = end;
    } else if (c === '{' || c === '[') {
      const next = json.slice(i + 1).trimStart()[0];
      if (next === '}' || next === ']') { out += c + next; i = json.indexOf(next, i + 1); }
      else { depth++; out += c + newline(); }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += ',' + newline();
    else if (c === ':') out += ': ';
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}

function parseObject(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// Shown when "all devices" is ticked, or when it is the selected device's: by the device it came from, else by its topic
// (the cloud's downlinks name their device's product key and name as two levels of the topic).
function filtered(item) {
  const key = state.selected?.key;
  item.hidden = !$('#all-devices').checked &&
    !(key && (item.dataset.device ? item.dataset.device === key : (item.dataset.topic + '/').includes('/' + key + '/')));
  return item;
}

function filterMessages() {
  for (const item of $('#messages').children) filtered(item);
}

// ------------------------------------------------------------------------------------------ cloud actions

// Each form's fields as the action's parameters (ProductKey and DeviceName are the selected device's).
const actionParameters = {
  SetDeviceProperty: f => ({ Items: f.Items }),
  InvokeThingService: f => ({ Identifier: f.Identifier, Args: f.Args || '{}', CallType: f.CallType || undefined }),
  RRpc: f => ({ RequestBase64Byte: toBase64(f.Request), Topic: f.Topic || undefined, Timeout: Number(f.Timeout) || undefined }),
  Pub: f => ({ TopicFullName: f.TopicFullName, MessageContent: toBase64(f.Message), Qos: Number(f.Qos) }),
  UpdateDeviceShadow: f => ({ ShadowMessage: `{"method":"update","state":{"desired":${f.Desired}},"version":${Number(f.Version) || 0}}` }),
};

async function submit(form) {
  const action = form.dataset.action;
  const fields = Object.fromEntries(new FormData(form));
  const output = $('output', form);
  const button = $('button', form);
  button.disabled = true;
  output.replaceChildren(el('pre', {}, `${action}…`));
  try {
    const answer = await api(action, { ...deviceParameters(), ...actionParameters[action](fields) });
    const lines = [];
    if (answer.PayloadBase64Byte) lines.push('device answered: ' + new TextDecoder().decode(fromBase64(answer.PayloadBase64Byte)));
    lines.push(JSON.stringify(answer, null, 2));
    output.replaceChildren(el('pre', { class: answer.Success ? 'ok' : 'bad' }, lines.join('\n')));
  } catch (error) {
    output.replaceChildren(el('pre', { class: 'bad' }, String(error)));
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------------------------------ start

for (const form of document.querySelectorAll('form[data-action]')) {
  form.addEventListener('submit', event => { event.preventDefault(); submit(form); });
}
$('#all-devices').addEventListener('change', filterMessages);
$('#clear').addEventListener('click', () => $('#messages').replaceChildren());
$('#refresh').addEventListener('click', () => { state.versions.clear(); scheduleDevices(); scheduleDevice(); });
scheduleDevices();
listen();
