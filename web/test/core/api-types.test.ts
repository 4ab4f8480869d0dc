// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const web = fileURLToPath(new URL('../..', import.meta.url));

// a child node process that loads the generator: seconds on a busy machine
test('the checked-in API types are what npm run api-types makes of the current OpenAPI document', { timeout: 60_000 }, () => {
  const generated = execFileSync(process.execPath, ['scripts/api-types.mjs', '--print'], { cwd: web, encoding: 'utf8' });
  const checkedIn = readFileSync(`${web}src/core/api-types.ts`, 'utf8');
  // one assertion on equality, not a diff of 2,000 lines: the fix is the same whatever changed
  expect(checkedIn === generated, 'src/core/api-types.ts is stale: run `npm run api-types` and commit it').toBe(true);
});
