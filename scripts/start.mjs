/**
 * `npm start`: packages GRADIENT, installs the .vsix into a persistent profile
 * (~/.cache/gradient-vscode/start-profile/) and serves VS Code with the repository's examples/
 * folder open, on 127.0.0.1, until Ctrl-C. Open the printed URL in a browser (from another
 * machine, forward the port first: ssh -L PORT:127.0.0.1:PORT host).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SystemPackagesError, ensureSystemPackages } from './system-packages.mjs';
import { CACHE_ROOT, installVsix, QUIET_SETTINGS, startServer, writeUserSettings } from './vscode-runtime.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(repo, 'dist', 'gradient.vsix');
const profile = join(CACHE_ROOT, 'start-profile');
const userDataDir = join(profile, 'user-data');
const extensionsDir = join(profile, 'extensions');

// VS Code's native modules are built on the first run: the packages for that come first.
try {
  ensureSystemPackages('start');
} catch (error) {
  console.error(`✖ ${error instanceof SystemPackagesError ? error.message : error}`);
  process.exit(1);
}

console.log('packaging GRADIENT (npm run package)');
if (spawnSync('npm', ['run', 'package'], { cwd: repo, stdio: 'inherit' }).status !== 0) {
  console.error('✖ npm run package failed');
  process.exit(1);
}

await installVsix({ vsix, extensionsDir, userDataDir });
// The profile persists between runs: settings are written once, and later changes are the user's.
if (!existsSync(join(userDataDir, 'User', 'settings.json'))) {
  writeUserSettings(userDataDir, { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': false });
}

const server = await startServer({ workspace: join(repo, 'examples'), userDataDir, extensionsDir, disableWorkspaceTrust: true });
const url = server.workbenchUrl();
const rule = '─'.repeat(Math.min(url.length + 4, 100));
console.log(`\n${rule}\n  GRADIENT in VS Code: open\n\n  ${url}\n\n  Ctrl-C to stop.\n${rule}\n`);
// The server keeps this process alive; vscode-runtime.mjs stops it cleanly on Ctrl-C.
process.on('SIGINT', () => console.log('\nstopping VS Code…'));
