// Regenerates the README's pictures of the console (docs/screenshots/*.png) from a realistic local run, not from the
// browser test's edge cases: `npm run screenshots` (in web/).
//
// 1. `verity demo` labels generated datasets (shapes, texts; the demo's fixed seeds) with five simulated workers,
//    three per object, in a fresh state directory: bounding boxes, image and text classification, named entities,
//    semantic segmentation, and an image-classification job with automated labeling.
// 2. `verity up` serves that state; a second image-classification job over the same images is started and left in
//    progress after a share of its tasks (the same five workers answer through the worker API, mostly as the first
//    job's consolidated labels say).
// 3. Chromium (playwright-core, 1280×800) signs in as a requester and saves the job list, the job page with each
//    worker's answers and estimated accuracy, the data browser's consolidated boxes and the automated-labeling rounds.
//
// Needs the runtime jar (../verity builds it when missing or stale) and Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
// SCREENSHOT_DIR changes where the pictures go (default: ../docs/screenshots); KEEP_STATE=1 keeps the state directory.
// The worker tools, team page and mailbox pictures come from the browser test (BrowserEndToEndIT), not from here.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..');
const verity = join(repo, 'verity');
const outDir = process.env.SCREENSHOT_DIR ?? join(repo, 'docs', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const WORKERS = 5;
/** Of the second image-classification job's tasks (300 objects × 3 workers), how many are answered. */
const LIVE_ANSWERS = 380;

/** The demos, in the order they run (the console lists the newest first). */
const DEMOS = {
  auto: ['--task-type', 'image-classification', '--auto-label', '--objects', '1250', '--batch-size', '250'],
  segmentation: ['--task-type', 'semantic-segmentation', '--objects', '40'],
  entities: ['--task-type', 'named-entity-recognition', '--objects', '60'],
  text: ['--task-type', 'text-classification', '--objects', '200'],
  classification: ['--task-type', 'image-classification', '--objects', '300'],
  boxes: ['--task-type', 'bounding-box', '--objects', '60'],
};

if (!existsSync(chromiumPath)) {
  console.error(`No Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}

const stateDir = mkdtempSync(join(tmpdir(), 'verity-screenshots-'));
const port = await freePort();
const common = ['--state-dir', stateDir, '--port', String(port)];
let up = null;
try {
  const jobs = {};
  for (const [key, args] of Object.entries(DEMOS)) {
    jobs[key] = await demo(key, args);
  }
  up = spawn(verity, ['up', ...common], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const info = await runtimeInfo();
  const api = info.apiUrl.replace(/\/?$/, '/');
  const requester = info.requesterToken;
  jobs.live = await startLiveJob(api, requester, jobs.classification);
  mkdirSync(outDir, { recursive: true });
  await takePictures(api, jobs);
  console.log(`Pictures written to ${outDir}`);
} finally {
  if (up) {
    try {
      process.kill(-up.pid, 'SIGTERM'); // the script and its java child
    } catch {
      // already gone
    }
    await new Promise((resolve) => (up.exitCode !== null ? resolve() : up.once('exit', resolve)));
  }
  if (process.env.KEEP_STATE) {
    console.log(`State kept in ${stateDir} (./verity up --state-dir ${stateDir})`);
  } else {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Runs one `verity demo` to its end; answers its job's name. */
async function demo(key, args) {
  console.log(`verity demo ${args.join(' ')}`);
  const output = await new Promise((resolve, reject) => {
    const child = spawn(verity, ['demo', ...common, '--workers', String(WORKERS), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`verity demo (${key}) exited ${code}:\n${text.slice(-3000)}`))));
  });
  const summary = output.slice(output.lastIndexOf('\nJob '));
  console.log(summary.split('\n').filter((line) => /^Job |consolidated|machine-labeled/.test(line.trim())).map((l) => `  ${l.trim()}`).join('\n'));
  const job = /\nJob (\S+): Completed/.exec(output)?.[1];
  if (!job) {
    throw new Error(`verity demo (${key}) did not complete a job:\n${output.slice(-3000)}`);
  }
  return job;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
}

/** Waits for `verity up` to write runtime.json and answer. */
async function runtimeInfo() {
  const file = join(stateDir, 'runtime.json');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (up.exitCode !== null) {
      throw new Error(`verity up exited ${up.exitCode}`);
    }
    if (existsSync(file)) {
      try {
        const info = JSON.parse(readFileSync(file, 'utf8'));
        const response = await fetch(`${info.apiUrl.replace(/\/?$/, '/')}openapi.json`);
        if (response.ok) {
          return info;
        }
      } catch {
        // not yet
      }
    }
    await sleep(500);
  }
  throw new Error('verity up did not start within 2 minutes');
}

async function call(api, method, path, bearer, body, headers = {}) {
  const response = await fetch(`${api}${path.replace(/^\//, '')}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  }
  return response.status === 204 ? null : response.json();
}

/** A worker's token from the local issuer, as the demo's simulated workers get theirs. */
async function workerToken(api, username) {
  const secret = readFileSync(join(stateDir, 'sign-in-secret'), 'utf8').trim();
  const { idToken } = await call(api, 'POST', '/local-auth/token', null, { username, groups: ['workers'] }, { 'x-verity-sign-in-secret': secret });
  return idToken;
}

/**
 * A second job over the classification demo's images (its request, another name), of which the demo's workers answer
 * LIVE_ANSWERS tasks: mostly the first job's consolidated label, another one now and then (a seeded draw).
 */
async function startLiveJob(api, requester, first) {
  const described = await call(api, 'GET', `/jobs/${first}`, requester);
  const name = `${first}-second-pass`;
  const request = Object.fromEntries(
    ['LabelAttributeName', 'InputConfig', 'OutputConfig', 'RoleArn', 'LabelCategoryConfigS3Uri', 'HumanTaskConfig']
      .filter((key) => described[key] !== undefined)
      .map((key) => [key, described[key]]),
  );
  await call(api, 'POST', '/jobs', requester, { ...request, LabelingJobName: name });
  const labels = new Map();
  for (let next = undefined; ; ) {
    const page = await call(api, 'GET', `/jobs/${first}/objects?maxResults=500${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`, requester);
    for (const object of page.objects) {
      labels.set(object.sourceRef, object.metadata['class-name']);
    }
    next = page.nextToken;
    if (!next || page.objects.length === 0) {
      break;
    }
  }
  const classes = [...new Set(labels.values())].sort();
  const workers = [];
  for (let i = 1; i <= WORKERS; i++) {
    workers.push(await workerToken(api, `demo-worker-${i}`));
  }
  const random = mulberry32(7);
  let answered = 0;
  const deadline = Date.now() + 120_000;
  for (let turn = 0; answered < LIVE_ANSWERS && Date.now() < deadline; turn++) {
    const worker = workers[turn % workers.length];
    const task = await call(api, 'POST', `/worker/jobs/${name}/tasks/next`, worker);
    if (!task) {
      await sleep(200);
      continue;
    }
    const truth = labels.get(task.taskInput.sourceRef);
    const label = random() < 0.85 || !truth ? truth ?? classes[0] : classes[(classes.indexOf(truth) + 1 + Math.floor(random() * 2)) % classes.length];
    await call(api, 'POST', `/worker/assignments/${task.assignmentId}`, worker, { answerContent: { 'crowd-image-classifier': { label } } });
    answered++;
  }
  console.log(`${name}: in progress, ${answered} answers`);
  return name;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds (bounded). */
async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every image in the page (through shadow roots) has loaded. */
async function imagesLoaded(page) {
  const images = page.locator('img');
  const count = await images.count();
  for (let i = 0; i < count; i++) {
    if (!(await images.nth(i).evaluate((img) => img.complete && img.naturalWidth > 0))) {
      return false;
    }
  }
  return true;
}

async function takePictures(api, jobs) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(api);
    await page.locator('input[name=username]').fill('requester');
    await page.locator('input[name=role][value=requester]').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('username').waitFor();
    const shot = async (name) => {
      await page.mouse.move(0, VIEWPORT.height - 1); // no hover highlight
      await sleep(300);
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      console.log(`  ${name}.png`);
    };

    // the jobs: several task types, one in progress
    await page.goto(`${api}#/console`);
    for (const job of Object.values(jobs)) {
      await page.getByTestId(`job-row-${job}`).waitFor();
    }
    await shot('console-jobs');

    // a finished job's page: progress, counters, each worker's answers and estimated accuracy
    await page.goto(`${api}#/console/jobs/${encodeURIComponent(jobs.classification)}`);
    await page.getByTestId('workers-table').waitFor();
    await page.getByTestId('job-cost').getByText('Lambda').waitFor();
    await shot('job-page');

    // the data browser: consolidated boxes with their confidences
    await page.goto(`${api}#/console/jobs/${encodeURIComponent(jobs.boxes)}/data`);
    await page.locator('[data-testid^=object-]').first().waitFor();
    await until('the images', () => imagesLoaded(page));
    await shot('data-bounding-box');

    // automated labeling's rounds
    await page.goto(`${api}#/console/jobs/${encodeURIComponent(jobs.auto)}`);
    await page.getByTestId('auto-labeling').getByTestId('rounds-chart').waitFor();
    await page.getByTestId('final-model').waitFor();
    await shot('auto-labeling-rounds');
  } finally {
    await browser.close();
  }
}
