import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';
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

/**
 * The task frame's script (src/frame/main.ts) as one classic script, crowd-elements.js, beside the pages: the frame
 * is sandboxed with an opaque origin, so it could load module scripts from Verity only with CORS headers, and the
 * name must not change between builds (infra's Web.CROWD_ELEMENTS). `vite build` writes it after the pages; the dev
 * server builds it on each request.
 */
function taskFrameScript(): Plugin[] {
  const options = (outDir: string, write: boolean): InlineConfig => ({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      write,
      emptyOutDir: false,
      sourcemap: write,
      target: 'es2022',
      // Vite 8.3.8's minifier folds crowd-elements.js's long ['…'].join('\n') into a string with "(" for each newline,
      // which breaks its style sheet.
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'src/frame/main.ts'), formats: ['iife'], name: 'VerityTaskFrame', fileName: () => 'crowd-elements.js' },
    },
  });
  let outDir = 'dist';
  return [
    {
      name: 'verity-task-frame-script',
      apply: 'build',
      configResolved(config) {
        outDir = config.build.outDir;
      },
      async closeBundle() {
        await build(options(outDir, true));
      },
    },
    {
      name: 'verity-task-frame-script-dev',
      apply: 'serve',
      configureServer(server) {
        server.middlewares.use('/crowd-elements.js', async (_request, response) => {
          const result = await build(options(outDir, false));
          const output = (Array.isArray(result) ? result[0] : result) as { output: Array<{ code?: string }> };
          response.setHeader('content-type', 'text/javascript');
          response.end(output.output[0].code);
        });
      },
    },
  ];
}

// The built UI is served from the root of the local runtime and of the CloudFront distribution: the portal and
// console (index.html), the public crowd's task page, which Mechanical Turk frames (mturk.html), and the custom task
// frame (public/task-frame.html with crowd-elements.js, built by taskFrameScript).
export default defineConfig({
  base: './',
  plugins: [localRuntimeConfig(), ...taskFrameScript()],
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
