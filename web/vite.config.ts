import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev` only: serves config.json for a running `verity up` (VERITY_API_URL, default http://127.0.0.1:8700)
 * with its sign-in secret, read from its state directory (VERITY_STATE_DIR, default ../.verity) on every load, as the
 * secret changes each time Verity starts. Verity accepts this page's calls when started with
 * `--dev-origin http://localhost:5173`.
 */
function localRuntimeConfig(): Plugin {
  return {
    name: 'verity-local-runtime-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/config.json', (_request, response) => {
        const stateDir = process.env.VERITY_STATE_DIR ?? resolve(process.cwd(), '../.verity');
        let signInSecret: string | undefined;
        try {
          signInSecret = readFileSync(resolve(stateDir, 'sign-in-secret'), 'utf8').trim();
        } catch {
          server.config.logger.warn(`no sign-in secret in ${stateDir}: is ./verity up running there?`);
        }
        const apiUrl = process.env.VERITY_API_URL ?? 'http://127.0.0.1:8700';
        response.setHeader('content-type', 'application/json');
        response.setHeader('cache-control', 'no-store');
        response.end(JSON.stringify({ apiUrl, auth: { kind: 'local', signInSecret } }));
      });
    },
  };
}

// The built UI is served from the root of the local runtime and of the CloudFront distribution: the portal and
// console (index.html) and the public crowd's task page, which Mechanical Turk frames (mturk.html).
export default defineConfig({
  base: './',
  plugins: [localRuntimeConfig()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), mturk: resolve(import.meta.dirname, 'mturk.html') },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
  },
});
