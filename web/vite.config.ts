import { defineConfig } from 'vitest/config';

// The built UI is served from the root of the local runtime and of the CloudFront distribution.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
  },
});
