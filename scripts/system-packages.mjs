/**
 * The Debian packages GRADIENT's own scripts need, and the one way they are checked and
 * installed: `npm start` (VS Code's native modules, built once), `npm test` (scipy / sklearn /
 * pandas / pytest for the golden and pattern tests, Chromium for the workbench, PostgreSQL for
 * the database tier) and `.ci/run`
 * all call `ensureSystemPackages`. Nothing else in the repository names a package.
 *
 * When packages are missing:
 * - as root with apt-get: says what it will install, runs `apt-get update` when the package lists
 *   are empty, then `apt-get install -y`, the log in a file and one line on failure;
 * - not root, but `sudo -n` works (no password asked): the same through sudo;
 * - otherwise, or with GRADIENT_SYSTEM_PACKAGES=off (people who manage their own packages):
 *   stops with the single command to run and the feature that needs it.
 *
 * Plain Node (no dependencies): `.ci/run` calls it before `npm ci`.
 *   node scripts/system-packages.mjs test      # check, and install what `npm test` needs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The opt-out: set to `off` and GRADIENT never runs apt-get; it says what is missing instead. */
export const OPT_OUT_VARIABLE = 'GRADIENT_SYSTEM_PACKAGES';

/**
 * Each package, how to tell it is there without dpkg (a command or a file, so a machine that got
 * it another way passes too), and what needs it.
 */
const PACKAGES = {
  'build-essential': { commands: ['cc', 'c++', 'make'], why: "a C/C++ compiler to build VS Code's native modules (once)" },
  'pkg-config': { commands: ['pkg-config'], why: "VS Code's native modules find their libraries with it" },
  python3: { files: ['/usr/bin/python3'], why: "node-gyp builds VS Code's native modules with it" },
  'python3-scipy': { python: 'scipy', why: 'the golden statistics and the pattern tests' },
  'python3-sklearn': { python: 'sklearn', why: 'the golden calibration values and the pattern tests' },
  'python3-pandas': { python: 'pandas', why: 'the pattern tests and the examples' },
  'python3-pytest': { python: 'pytest', why: 'runs every Python snippet of patterns/ (npm run test:python)' },
  'python3-yaml': { python: 'yaml', why: 'the YAML snippets are parsed by the pattern tests' },
  chromium: { files: ['/usr/bin/chromium'], why: 'the browser the integration and UI tests open VS Code in' },
  // The server programs live in a folder named by the major version (/usr/lib/postgresql/15/bin).
  postgresql: { under: ['/usr/lib/postgresql', 'bin/initdb'], why: 'the database tier starts a throwaway PostgreSQL server (npm run test:database)' },
};

/** What each entry point needs. */
export const FEATURES = {
  // No libkrb5-dev: VS Code's kerberos module (proxy authentication only) is not built
  // (vscode-runtime.mjs, skipKerberosBuild).
  start: { label: 'npm start', packages: ['build-essential', 'pkg-config', 'python3'] },
  test: {
    label: 'npm test',
    packages: ['build-essential', 'pkg-config', 'python3', 'python3-scipy', 'python3-sklearn', 'python3-pandas', 'python3-pytest', 'python3-yaml', 'chromium', 'postgresql'],
  },
};

/** How the module touches the machine; tests replace it with a stub. */
export const realSystem = {
  env: process.env,
  isRoot: () => process.getuid?.() === 0,
  commandExists: (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0,
  fileExists: (file) => existsSync(file),
  fileExistsUnder: (folder, file) => {
    try {
      return readdirSync(folder).some((name) => existsSync(join(folder, name, file)));
    } catch {
      return false;
    }
  },
  // find_spec looks the module up without importing it (importing sklearn takes a second).
  pythonModuleExists: (module) =>
    spawnSync('/usr/bin/python3', ['-c', 'import importlib.util, sys; sys.exit(importlib.util.find_spec(sys.argv[1]) is None)', module], { stdio: 'ignore' }).status === 0,
  aptListsEmpty: () => {
    try {
      return !readdirSync('/var/lib/apt/lists').some((name) => name.endsWith('_Packages') || name.endsWith('_Packages.lz4'));
    } catch {
      return true;
    }
  },
  /** Runs a command with its output appended to `logFile`; returns its exit status. */
  run: (command, args, logFile) => {
    const shell = `"$0" "$@" </dev/null >>'${logFile.replace(/'/g, "'\\''")}' 2>&1`;
    return spawnSync('sh', ['-c', shell, command, ...args], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1;
  },
  log: (line) => console.log(line),
};

/** A missing package the user has to install; the message is the one line to show. */
export class SystemPackagesError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SystemPackagesError';
  }
}

function isPresent(name, system) {
  const spec = PACKAGES[name];
  if (spec.commands) return spec.commands.every((command) => system.commandExists(command));
  if (spec.files) return spec.files.every((file) => system.fileExists(file));
  if (spec.under) return system.fileExistsUnder(spec.under[0], spec.under[1]);
  return system.fileExists('/usr/bin/python3') && system.pythonModuleExists(spec.python);
}

/** The packages of `feature` that this machine lacks. */
export function missingPackages(feature, system = realSystem) {
  const wanted = FEATURES[feature];
  if (!wanted) throw new Error(`unknown feature ${feature}: one of ${Object.keys(FEATURES).join(', ')}`);
  return wanted.packages.filter((name) => !isPresent(name, system));
}

/** The one command a user without root runs. */
export function installCommand(packages) {
  return `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
}

/**
 * Makes sure the packages of `feature` are installed, installing them when it may (see the
 * module comment). Returns what it installed (empty when nothing was missing); throws a
 * `SystemPackagesError` whose message says what to run when it cannot.
 */
export function ensureSystemPackages(feature, system = realSystem, logFile = join(tmpdir(), 'gradient-apt.log')) {
  const missing = missingPackages(feature, system);
  if (missing.length === 0) return [];
  const { label } = FEATURES[feature];
  const needs = missing.map((name) => `${name} (${PACKAGES[name].why})`).join('; ');
  const tell = (why) =>
    new SystemPackagesError(`${label} needs Debian packages this machine lacks: ${needs}. ${why}Install them with:\n  ${installCommand(missing)}`);

  if (system.env[OPT_OUT_VARIABLE] === 'off') throw tell(`${OPT_OUT_VARIABLE}=off, so GRADIENT does not install them itself. `);
  if (!system.commandExists('apt-get')) throw tell('This machine has no apt-get. ');
  const sudo = system.isRoot() ? [] : system.run('sudo', ['-n', 'true'], logFile) === 0 ? ['sudo', '-n'] : null;
  if (sudo === null) throw tell('Installing them needs root, and sudo asks for a password. ');

  const asAdmin = (args) => (sudo.length === 0 ? system.run(args[0], args.slice(1), logFile) : system.run(sudo[0], [...sudo.slice(1), ...args], logFile));
  system.log(`${label}: installing ${missing.join(' ')}${sudo.length ? ' (through sudo)' : ''}, for ${needs}; log: ${logFile}`);
  if (system.aptListsEmpty() && asAdmin(['apt-get', 'update']) !== 0) {
    throw new SystemPackagesError(`apt-get update failed (log: ${logFile}): check the network or the apt sources, then run: ${installCommand(missing)}`);
  }
  if (asAdmin(['apt-get', 'install', '-y', ...missing]) !== 0) {
    throw new SystemPackagesError(`apt-get install ${missing.join(' ')} failed (log: ${logFile}); run it yourself: ${installCommand(missing)}`);
  }
  const still = missingPackages(feature, system);
  if (still.length > 0) throw new SystemPackagesError(`apt-get installed, but ${still.join(', ')} still not usable (log: ${logFile})`);
  return missing;
}

// node scripts/system-packages.mjs FEATURE: check and install, exit 1 with the one line when it cannot.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const feature = process.argv[2] ?? 'test';
  try {
    const installed = ensureSystemPackages(feature);
    console.log(installed.length ? `system packages installed: ${installed.join(' ')}` : `system packages for ${FEATURES[feature].label}: all present`);
  } catch (error) {
    console.error(`✖ ${error instanceof SystemPackagesError ? error.message : error}`);
    process.exit(1);
  }
}
