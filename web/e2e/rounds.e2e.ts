import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiGet, baseUrl, launch, newPage, screenshot, signIn, token } from './harness';

/** A completed automated-labeling job the Java side ran before the specs (BrowserEndToEndIT). */
const autoJob = process.env.VERITY_AUTO_JOB ?? '';

describe('automated labeling in the console', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the job page draws the rounds, lists them and names the final model', async () => {
    expect(autoJob, 'VERITY_AUTO_JOB').not.toBe('');
    const requester = await token('e2e-auto-requester', ['requesters']);
    const described = await apiGet(`/jobs/${encodeURIComponent(autoJob)}`, requester);
    const { rounds } = await apiGet(`/jobs/${encodeURIComponent(autoJob)}/rounds`, requester);
    expect(described.LabelCounters.MachineLabeled).toBeGreaterThan(0);

    const page = await newPage(browser);
    await signIn(page, 'e2e-requester', 'requester');
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(autoJob)}`);
    const section = page.getByTestId('auto-labeling');
    await section.getByTestId('rounds-chart').waitFor();
    expect(await section.locator('[data-testid^=round-group-]').count()).toBe(rounds.length);
    expect(await section.getByTestId('rounds-table').locator('tbody tr').count()).toBe(rounds.length);
    // the first round's bars are laid out, the machine bar as tall as its share of the largest count
    const human = await section.getByTestId('bar-human-1').locator('rect').boundingBox();
    const machine = await section.getByTestId('bar-machine-1').locator('rect').boundingBox();
    expect(human?.height ?? 0).toBeGreaterThan(0);
    expect(machine?.height ?? 0).toBeGreaterThan(0);
    expect((machine!.height / human!.height)).toBeCloseTo(rounds[0].machineLabeled / rounds[0].humanBatch, 1);
    await expect.poll(() => section.getByTestId('final-model').textContent())
      .toContain(described.LabelingJobOutput.FinalActiveLearningModelArn);
    await screenshot(page, '23-auto-labeling-rounds');

    // the data browser's filter keeps the machine labels
    await page.goto(`${baseUrl}#/console/jobs/${encodeURIComponent(autoJob)}/data`);
    await page.locator('[data-testid^=object-]').first().waitFor();
    await page.locator('select[name=annotatedBy]').selectOption('machine');
    await expect.poll(async () => new Set(await page.getByTestId('annotated-by').allTextContents()))
      .toEqual(new Set(['machine']));
    await screenshot(page, '24-data-machine-labels');
  });
});
