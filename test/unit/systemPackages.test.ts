/**
 * scripts/system-packages.mjs with the machine replaced by a stub: which packages are missing,
 * and each path when they are (root installs, sudo installs, otherwise the one command to run,
 * and the opt-out). The real path runs in `.ci/run` on a fresh machine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FEATURES, OPT_OUT_VARIABLE, SystemPackagesError, ensureSystemPackages, missingPackages, type SystemAccess } from '../../scripts/system-packages.mjs';

interface Stub {
  readonly system: SystemAccess;
  readonly runs: string[];
  readonly logs: string[];
}

/**
 * A machine that has `present` (commands, files, python modules), is root or not, may have sudo
 * without a password, and on `apt-get install` gets every package it was asked for.
 */
function machine(options: { present: string[]; root: boolean; sudo?: boolean; aptGet?: boolean; listsEmpty?: boolean; failInstall?: boolean; env?: Record<string, string> }): Stub {
  const present = new Set(options.present);
  const provides: Record<string, string[]> = {
    'build-essential': ['cc', 'c++', 'make'],
    'pkg-config': ['pkg-config'],
    python3: ['/usr/bin/python3'],
    'python3-scipy': ['scipy'],
    'python3-sklearn': ['sklearn'],
    'python3-pandas': ['pandas'],
    'python3-pytest': ['pytest'],
    'python3-yaml': ['yaml'],
    chromium: ['/usr/bin/chromium'],
    postgresql: ['/usr/lib/postgresql/15/bin/initdb'],
  };
  const runs: string[] = [];
  const logs: string[] = [];
  const system = {
    env: options.env ?? {},
    isRoot: () => options.root,
    commandExists: (command: string) => (command === 'apt-get' ? options.aptGet !== false : present.has(command)),
    fileExists: (file: string) => present.has(file),
    fileExistsUnder: (folder: string, file: string) => [...present].some((path) => path.startsWith(`${folder}/`) && path.endsWith(`/${file}`) && path.split('/').length === `${folder}/x/${file}`.split('/').length),
    pythonModuleExists: (module: string) => present.has(module),
    aptListsEmpty: () => options.listsEmpty ?? false,
    run: (command: string, args: string[]) => {
      runs.push([command, ...args].join(' '));
      if (command === 'sudo' && args.join(' ') === '-n true') return options.sudo ? 0 : 1;
      const apt = command === 'apt-get' ? args : command === 'sudo' ? args.slice(2) : [];
      if (apt[0] === 'install') {
        if (options.failInstall) return 100;
        for (const name of apt.slice(2)) for (const thing of provides[name] ?? []) present.add(thing);
      }
      return 0;
    },
    log: (line: string) => logs.push(line),
  };
  return { system, runs, logs };
}

const BUILD_TOOLS = ['cc', 'c++', 'make', 'pkg-config', '/usr/bin/python3'];
const EVERYTHING = [...BUILD_TOOLS, 'scipy', 'sklearn', 'pandas', 'pytest', 'yaml', '/usr/bin/chromium', '/usr/lib/postgresql/15/bin/initdb'];

describe('system packages (scripts/system-packages.mjs)', () => {
  test('nothing missing: nothing run, nothing installed', () => {
    const { system, runs } = machine({ present: EVERYTHING, root: true });
    assert.deepEqual(ensureSystemPackages('test', system, '/tmp/log'), []);
    assert.deepEqual(runs, []);
  });

  test('what each entry point needs: npm start only the native-module build, npm test also Python, Chromium and PostgreSQL', () => {
    const { system } = machine({ present: ['/usr/bin/python3', 'pytest'], root: true });
    assert.deepEqual(missingPackages('start', system), ['build-essential', 'pkg-config']);
    assert.deepEqual(missingPackages('test', system), ['build-essential', 'pkg-config', 'python3-scipy', 'python3-sklearn', 'python3-pandas', 'python3-yaml', 'chromium', 'postgresql']);
    assert.ok(FEATURES.test.packages.length > FEATURES.start.packages.length);
  });

  test('as root with apt-get: says what it installs, updates empty package lists first, then installs', () => {
    const { system, runs, logs } = machine({ present: BUILD_TOOLS, root: true, listsEmpty: true });
    const installed = ensureSystemPackages('test', system, '/tmp/log');
    assert.deepEqual(installed, ['python3-scipy', 'python3-sklearn', 'python3-pandas', 'python3-pytest', 'python3-yaml', 'chromium', 'postgresql']);
    assert.deepEqual(runs, ['apt-get update', 'apt-get install -y python3-scipy python3-sklearn python3-pandas python3-pytest python3-yaml chromium postgresql']);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^npm test: installing python3-scipy .* chromium postgresql, for .*; log: \/tmp\/log$/);
  });

  test('package lists present: no apt-get update', () => {
    const { system, runs } = machine({ present: EVERYTHING.filter((p) => p !== 'pkg-config'), root: true });
    assert.deepEqual(ensureSystemPackages('start', system, '/tmp/log'), ['pkg-config']);
    assert.deepEqual(runs, ['apt-get install -y pkg-config']);
  });

  test('PostgreSQL is found under any major version folder (/usr/lib/postgresql/<version>/bin/initdb)', () => {
    const without = EVERYTHING.filter((p) => !p.startsWith('/usr/lib/postgresql/'));
    assert.deepEqual(missingPackages('test', machine({ present: without, root: true }).system), ['postgresql']);
    assert.deepEqual(missingPackages('test', machine({ present: [...without, '/usr/lib/postgresql/17/bin/initdb'], root: true }).system), []);
    // The client alone (postgresql-client) has no initdb: the server is still missing.
    assert.deepEqual(missingPackages('test', machine({ present: [...without, '/usr/lib/postgresql/15/bin/psql'], root: true }).system), ['postgresql']);
  });

  test('not root, sudo without a password: the same through sudo -n', () => {
    const { system, runs, logs } = machine({ present: EVERYTHING.filter((p) => p !== '/usr/bin/chromium'), root: false, sudo: true, listsEmpty: true });
    assert.deepEqual(ensureSystemPackages('test', system, '/tmp/log'), ['chromium']);
    assert.deepEqual(runs, ['sudo -n true', 'sudo -n apt-get update', 'sudo -n apt-get install -y chromium']);
    assert.match(logs[0], /through sudo/);
  });

  test('not root and sudo asks a password: stops with the one command to run and what needs it, installs nothing', () => {
    const { system, runs } = machine({ present: EVERYTHING.filter((p) => p !== 'pkg-config'), root: false, sudo: false });
    assert.throws(
      () => ensureSystemPackages('start', system, '/tmp/log'),
      (error: unknown) => {
        assert.ok(error instanceof SystemPackagesError);
        assert.equal(
          error.message,
          "npm start needs Debian packages this machine lacks: pkg-config (VS Code's native modules find their libraries with it). " +
            'Installing them needs root, and sudo asks for a password. Install them with:\n  sudo apt-get update && sudo apt-get install -y pkg-config',
        );
        return true;
      },
    );
    assert.deepEqual(runs, ['sudo -n true']);
  });

  test(`${OPT_OUT_VARIABLE}=off: never runs apt-get, even as root; says what is missing`, () => {
    const { system, runs } = machine({ present: BUILD_TOOLS, root: true, env: { [OPT_OUT_VARIABLE]: 'off' } });
    assert.throws(() => ensureSystemPackages('test', system, '/tmp/log'), /GRADIENT_SYSTEM_PACKAGES=off, so GRADIENT does not install them itself\. Install them with:\n {2}sudo apt-get update && sudo apt-get install -y python3-scipy/);
    assert.deepEqual(runs, []);
  });

  test('no apt-get (not Debian): the command to run, nothing attempted', () => {
    const { system, runs } = machine({ present: BUILD_TOOLS, root: true, aptGet: false });
    assert.throws(() => ensureSystemPackages('test', system, '/tmp/log'), /This machine has no apt-get\./);
    assert.deepEqual(runs, []);
  });

  test('a failed install is one line naming the log and the command', () => {
    const { system } = machine({ present: BUILD_TOOLS, root: true, failInstall: true });
    assert.throws(() => ensureSystemPackages('test', system, '/tmp/log'), (error: unknown) => {
      assert.ok(error instanceof SystemPackagesError);
      assert.match(error.message, /^apt-get install python3-scipy .* failed \(log: \/tmp\/log\); run it yourself: sudo apt-get update && sudo apt-get install -y python3-scipy/);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  });
});
