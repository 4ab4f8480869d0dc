// Runs `npm ci` when node_modules is missing or older than package-lock.json, so repeated builds (and browser tests
// running beside them) don't reinstall for nothing; a fresh clone always gets exactly the locked versions.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(web, 'package-lock.json');
const installed = join(web, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log('web: npm ci');
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: web, stdio: 'inherit' });
}
