// The load benchmark: the published shop on SQLite with the embedded Stripe emulator, a 20-page master bought
// over HTTP, the download gate and the catalogue pages under wrk next to nginx serving the same bytes, memory and
// cold start. Node 20, no packages. Run through run.sh, which publishes the binary first.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { twentyPageMaster } from './master.mjs';
import { writeReport } from './report.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const smoke = process.env.SMOKE === '1';
const cfg = {
  publish: process.env.PUBLISH_DIR,
  work: process.env.WORK_DIR,
  results: process.env.RESULTS,
  duration: Number(process.env.DURATION ?? (smoke ? 1 : 10)),
  rounds: Number(process.env.ROUNDS ?? (smoke ? 1 : 5)),
  settle: Number(process.env.SETTLE_SECONDS ?? (smoke ? 2 : 60)),
  coldStarts: Number(process.env.COLD_STARTS ?? (smoke ? 1 : 5)),
  samples: smoke ? 2 : 4,
};
const slug = 'bench-field-guide';
const gateConnections = [1, 8, 32];
const failures = [];
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const fail = (what) => { failures.push(what); log('FAILED:', what); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

// ---- the shop ----
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const scrapeToken = [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');
const shopLog = path.join(cfg.work, 'shop.log');
const env = {
  ...process.env,
  ASPNETCORE_ENVIRONMENT: 'Development',
  ASPNETCORE_URLS: base,
  ConnectionStrings__Storefront: `Data Source=${path.join(cfg.work, 'storefront.db')}`,
  Storage__Root: path.join(cfg.work, 'storage'),
  Setup__Recipe: path.join(cfg.work, 'recipe', 'bench.recipe.json'),
  Site__BaseUrl: base,
  Stripe__Emulator__Enabled: 'true',
  Stripe__SecretKey: 'sk_test_emulator',
  Stripe__WebhookSecret: 'whsec_emulator_local',
  Email__From: 'shop@example.com',
  Email__PickupDirectory: path.join(cfg.work, 'mail'),
  Metrics__ScrapeToken: scrapeToken,
  // Many copies of one purchase run at once under load; the default (2) would answer most of them 429.
  Downloads__MaxConcurrentStreams: '100',
  // One client address stands in for many buyers, each of whom would have their own per-address budget.
  RateLimits__Enabled: 'false',
};

function startShop() {
  const out = fs.openSync(shopLog, 'a');
  const started = process.hrtime.bigint();
  const child = spawn(path.join(cfg.publish, 'StorefrontHost'), ['serve', `--contentRoot=${cfg.publish}`],
    { cwd: cfg.work, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.exited = once(child, 'exit');
  return { child, started };
}

async function waitReady({ child, started }, seconds) {
  let exited = false;
  child.exited.then(() => { exited = true; });
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && !exited) {
    try {
      const r = await fetch(`${base}/health/ready`);
      await r.arrayBuffer();
      if (r.status === 200) return Number(process.hrtime.bigint() - started) / 1e6;
    } catch { /* not listening yet */ }
    await sleep(10);
  }
  return null;
}

async function stopShop({ child }) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([child.exited, sleep(20000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const rssMb = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
};

// ---- buying over HTTP, as a browser without JavaScript does ----
async function buy(n) {
  const product = await fetch(`${base}/products/${slug}`);
  const html = await product.text();
  if (product.status !== 200 || !html.includes(`action="/checkout/${slug}"`)) throw new Error(`product page: ${product.status}`);
  // The Buy form carries no token: the shop checks that it comes from its own page, as a browser says.
  const checkout = await fetch(`${base}/checkout/${slug}`, {
    method: 'POST', redirect: 'manual', body: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  });
  await checkout.arrayBuffer();
  if (checkout.status !== 303) throw new Error(`checkout answered ${checkout.status}`);
  const payPage = new URL(checkout.headers.get('location'), base);
  const email = `buyer-${n}@example.com`;
  const paid = await fetch(payPage, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'pay', email, name: `Buyer ${n}` }).toString(),
  });
  await paid.arrayBuffer();
  if (paid.status !== 303) throw new Error(`the emulator's pay page answered ${paid.status}`);
  return email;
}

// The receipt .eml, whatever transfer encoding each part uses: its recipient and its download link.
function readReceipt(text) {
  const decoded = [text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))];
  for (const part of text.split(/\r?\n--/)) {
    if (/Content-Transfer-Encoding:\s*base64/i.test(part)) {
      const body = part.split(/\r?\n\r?\n/).slice(1).join('\n').replace(/[^A-Za-z0-9+/=]/g, '');
      decoded.push(Buffer.from(body, 'base64').toString('utf8'));
    }
  }
  const link = decoded.map((d) => /https?:\/\/\S+?\/download\/[A-Za-z0-9_-]+/.exec(d)?.[0]).find(Boolean);
  const to = /^To:.*?([\w.+-]+@[\w.-]+)/mi.exec(text)?.[1];
  return link && to ? { link, email: to.toLowerCase() } : null;
}

async function receipts(count, seconds) {
  const folder = env.Email__PickupDirectory;
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = new Map();
    for (const f of fs.existsSync(folder) ? fs.readdirSync(folder) : []) {
      if (f.endsWith('.eml')) {
        const r = readReceipt(fs.readFileSync(path.join(folder, f), 'utf8'));
        if (r) found.set(r.link, r.email);
      }
    }
    if (found.size >= count || Date.now() > deadline) return found;
    await sleep(200);
  }
}

// ---- wrk and nginx ----
function wrk(url, pathsFile, connections, seconds) {
  const threads = Math.min(connections, 2);
  try {
    const out = execFileSync('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s',
      '-s', path.join(here, 'wrk.lua'), url, '--', pathsFile], { encoding: 'utf8' });
    const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
    const r = JSON.parse(line);
    r.rps = r.requests / (r.duration_us / 1e6);
    return r;
  } catch (e) {
    fail(`wrk on ${url} (${connections} connections): ${e.message}`);
    return null;
  }
}

async function startNginx(www) {
  const nginxPort = await freePort();
  const conf = path.join(cfg.work, 'nginx.conf');
  fs.writeFileSync(conf, `worker_processes auto;
daemon off;
pid ${cfg.work}/nginx.pid;
error_log ${cfg.work}/nginx-error.log warn;
${process.getuid() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${cfg.work}/nginx-tmp;
  proxy_temp_path ${cfg.work}/nginx-tmp;
  fastcgi_temp_path ${cfg.work}/nginx-tmp;
  uwsgi_temp_path ${cfg.work}/nginx-tmp;
  scgi_temp_path ${cfg.work}/nginx-tmp;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${www};
    default_type text/html;
    location = / { try_files /index.html =404; }
    location / { try_files $uri.html =404; }
  }
}
`);
  fs.mkdirSync(`${cfg.work}/nginx-tmp`, { recursive: true });
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', cfg.work], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.exited = once(child, 'exit');
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${nginxPort}/`);
      await r.arrayBuffer();
      if (r.status === 200) return { child, base: `http://127.0.0.1:${nginxPort}` };
    } catch { /* starting */ }
    await sleep(25);
  }
  throw new Error('nginx did not start');
}

// ---- copies: every page stamped, the file sound ----
async function fetchCopy(link, file) {
  const r = await fetch(link);
  const bytes = Buffer.from(await r.arrayBuffer());
  fs.writeFileSync(file, bytes);
  return r.status;
}

function checkCopy(file, email) {
  try {
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  } catch (e) {
    return `qpdf --check failed (exit ${e.status}): ${String(e.stdout ?? '').slice(0, 300)}`;
  }
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim().length > 0);
  if (pages.length !== 20) return `${pages.length} pages instead of 20`;
  // The default stamp shows the buyer's name and licence code, not the email: buyer-N@example.com paid as "Buyer N".
  const name = `Buyer ${email.match(/^buyer-(\d+)@/)[1]}`;
  const unstamped = pages.filter((p) => !p.includes(`Licensed to ${name} · Order `)).length;
  return unstamped ? `${unstamped} of 20 pages without the stamp for ${name}` : null;
}

// ---- /metrics: the gate's phases ----
async function phases() {
  const r = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${scrapeToken}` } });
  const text = await r.text();
  const sums = {};
  for (const line of text.split('\n')) {
    const m = /^storefront_downloads_phase_duration(?:_seconds)?_(sum|count)\{[^}]*phase="([^"]+)"[^}]*\} ([0-9.eE+-]+)/.exec(line);
    if (m) (sums[m[2]] ??= { sum: 0, count: 0 })[m[1]] += Number(m[3]);
  }
  return sums;
}

function minus(after, before) {
  const d = {};
  for (const [k, v] of Object.entries(after)) d[k] = { sum: v.sum - (before[k]?.sum ?? 0), count: v.count - (before[k]?.count ?? 0) };
  return d;
}

// ---- the run ----
const run = { smoke, config: cfg, started: new Date().toISOString(), loadBefore: os.loadavg(), pages: [], gate: [], copies: [], memory: {}, coldStartsMs: [] };
fs.mkdirSync(path.join(cfg.work, 'recipe', 'media'), { recursive: true });
fs.writeFileSync(path.join(cfg.work, 'recipe', 'media', 'bench.pdf'), twentyPageMaster());
fs.writeFileSync(path.join(cfg.work, 'recipe', 'bench.recipe.json'), JSON.stringify({
  name: 'load-benchmark',
  steps: [
    { name: 'settings', siteName: 'Bench Guides', supportEmail: 'help@example.com' },
    { name: 'products', products: [{
      slug, title: 'Bench Field Guide', description: 'A 20-page handbook, the load benchmark\'s master.',
      price: 1900, currency: 'usd', master: 'media/bench.pdf', downloadUses: 1000, downloadExpiryHours: 48, published: true,
    }] },
  ],
}));

let shop = startShop();
let nginx = null;
try {
  run.firstStartMs = await waitReady(shop, 120);
  if (run.firstStartMs === null) throw new Error(`the shop did not become ready; see ${shopLog}`);
  log(`shop ready on ${base} in ${run.firstStartMs.toFixed(0)} ms (first start, recipe imported)`);
  run.memory.firstIdleSeconds = smoke ? 1 : 5;
  await sleep(run.memory.firstIdleSeconds * 1000);
  run.memory.idleAfterStartMb = rssMb(shop.child.pid);
  // And once the shop has been idle as long as the load is given to settle: the start is a burst of its own, whose
  // memory an idle shop hands back once it is quiet (IdleMemoryTrim).
  const idleFor = Math.max(cfg.settle, smoke ? 2 : 5);
  log(`waiting until the shop has been idle ${idleFor} s`);
  await sleep(Math.max(0, idleFor - run.memory.firstIdleSeconds) * 1000);
  run.memory.idleAfterSettleMb = rssMb(shop.child.pid);
  run.memory.idleSeconds = idleFor;

  // Enough uses for every copy wrk asks for, warm-up included: 1000 per purchase, at up to 1500 copies/s (a fast
  // host gives ~750 at 8 connections). One more purchase is kept apart for the copies checked under load, so wrk
  // can never spend their uses first.
  const gateSeconds = (smoke ? 1 : 3) + cfg.rounds * cfg.duration * gateConnections.length;
  const purchases = Math.ceil((gateSeconds * 1500) / 950) + 1;
  log(`buying ${purchases} purchase(s) through the emulator`);
  for (let n = 0; n < purchases; n += 8) {
    await Promise.all([...Array(Math.min(8, purchases - n)).keys()].map((k) => buy(n + k)));
  }
  const links = await receipts(purchases, 60 + purchases);
  if (links.size < purchases) throw new Error(`${links.size} of ${purchases} receipts with a download link arrived`);
  const [sampled, ...linkEmails] = [...links];
  const pathsFile = path.join(cfg.work, 'gate-paths.txt');
  fs.writeFileSync(pathsFile, linkEmails.map(([l]) => new URL(l).pathname).join('\n') + '\n');
  run.purchases = purchases;

  // The same bytes the shop serves, saved for nginx.
  const www = path.join(cfg.work, 'www');
  fs.mkdirSync(path.join(www, 'products'), { recursive: true });
  const pages = { home: '/', product: `/products/${slug}` };
  for (const [name, p] of Object.entries(pages)) {
    const r = await fetch(base + p);
    const body = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) fail(`${name} page answered ${r.status}`);
    fs.writeFileSync(path.join(www, name === 'home' ? 'index.html' : `${p.slice(1)}.html`), body);
    fs.writeFileSync(path.join(cfg.work, `${name}-path.txt`), `${p}\n`);
  }
  fs.chmodSync(cfg.work, 0o755);
  nginx = await startNginx(www);
  log(`nginx on ${nginx.base}`);

  // Warm-up: JIT, pools and caches, as in a shop that has been up for a while.
  for (const name of Object.keys(pages)) wrk(base, path.join(cfg.work, `${name}-path.txt`), 8, smoke ? 1 : 3);
  wrk(base, pathsFile, 8, smoke ? 1 : 3);

  let sample = 0;
  for (let round = 1; round <= cfg.rounds; round++) {
    for (const name of Object.keys(pages)) {
      for (const [server, url] of [['shop', base], ['nginx', nginx.base]]) {
        const r = wrk(url, path.join(cfg.work, `${name}-path.txt`), 32, cfg.duration);
        if (r) run.pages.push({ round, page: name, server, connections: 32, ...r });
        log(`round ${round} ${name} ${server}: ${r?.rps.toFixed(0)} req/s, p99 ${(r?.p99_us / 1000).toFixed(1)} ms, non-2xx ${r?.status_errors}`);
      }
    }
    for (const connections of gateConnections) {
      const before = connections === 8 ? await phases() : null;
      // A few copies fetched while wrk runs, checked afterwards: copies served under load.
      const fetching = (async () => {
        await sleep(cfg.duration * 400);
        return Promise.all([...Array(cfg.samples).keys()].map(async () => {
          const [link, email] = sampled;
          const file = path.join(cfg.work, `copy-${sample++}.pdf`);
          return { file, email, connections, round, status: await fetchCopy(link, file) };
        }));
      })();
      const r = wrk(base, pathsFile, connections, cfg.duration);
      run.copies.push(...await fetching);
      const split = before ? minus(await phases(), before) : null;
      if (r) run.gate.push({ round, connections, ...r, phases: split });
      log(`round ${round} gate c${connections}: ${r?.rps.toFixed(0)} copies/s, p50 ${(r?.p50_us / 1000).toFixed(1)} ms, p99 ${(r?.p99_us / 1000).toFixed(1)} ms, non-2xx ${r?.status_errors}`);
    }
  }
  run.memory.afterLoadMb = rssMb(shop.child.pid);
  log(`waiting ${cfg.settle} s for the memory a while after the load`);
  await sleep(cfg.settle * 1000);
  run.memory.afterSettleMb = rssMb(shop.child.pid);
  run.memory.settleSeconds = cfg.settle;

  for (const c of run.copies) {
    c.problem = c.status !== 200 ? `answered ${c.status}` : checkCopy(c.file, c.email);
    if (c.problem) fail(`copy ${path.basename(c.file)}: ${c.problem}`);
  }
  for (const r of [...run.pages, ...run.gate]) {
    if (r.status_errors || r.socket_errors || r.timeouts) {
      fail(`${r.page ?? 'gate'} ${r.server ?? ''} c${r.connections} round ${r.round}: ${r.status_errors} non-2xx, ${r.socket_errors} socket errors, ${r.timeouts} timeouts`);
    }
  }
  if (run.gate.length === 0) fail('no gate figures');

  await stopShop(shop);
  // The log up to here, and of each restart that became ready: a restart given up on is stopped while it starts,
  // which the host logs as an error of its own; that restart is already a failure.
  const logged = [fs.readFileSync(shopLog, 'utf8')];
  for (let i = 0; i < cfg.coldStarts; i++) {
    const from = fs.statSync(shopLog).size;
    shop = startShop();
    const ms = await waitReady(shop, 180);
    await stopShop(shop);
    if (ms === null) fail('the shop did not start again on its existing database within 180 s');
    else {
      run.coldStartsMs.push(ms);
      logged.push(fs.readFileSync(shopLog, 'utf8').slice(from));
    }
  }
  log(`cold starts: ${run.coldStartsMs.map((m) => m.toFixed(0)).join(', ')} ms`);
  const errors = logged.join('').split('\n').filter((l) => /^\s*(fail|crit):/.test(l));
  run.shopErrors = errors.length;
  if (errors.length) fail(`the shop logged ${errors.length} error(s), first: ${errors[0]}`);
} catch (e) {
  fail(e.stack ?? String(e));
} finally {
  await stopShop(shop);
  if (nginx) {
    nginx.child.kill('SIGTERM');
    await Promise.race([nginx.child.exited, sleep(5000)]);
  }
}

run.finished = new Date().toISOString();
run.loadAfter = os.loadavg();
run.failures = failures;
run.tools = {
  node: process.version,
  aspnetcore: version('dotnet', ['--list-runtimes']).split('\n').find((l) => l.startsWith('Microsoft.AspNetCore.App'))?.split(' ')[1] ?? null,
  wrk: version('wrk', ['--version']).split(' Copyright')[0],
  nginx: version('/usr/sbin/nginx', ['-v']).replace('nginx version: ', ''),
  qpdf: version('qpdf', ['--version']),
  pdftotext: version('pdftotext', ['-v']),
};
run.machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', nproc: os.availableParallelism(), ramGb: os.totalmem() / 2 ** 30, kernel: `${os.type()} ${os.release()}`,
};
writeReport(run, cfg.results);
log(`results: ${cfg.results}`);
if (failures.length) {
  console.error(`${failures.length} step(s) failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}

// Tools print their version on stdout or stderr, with or without a non-zero exit.
function version(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return cmd === 'dotnet' ? text : text.split('\n')[0].trim();
}
