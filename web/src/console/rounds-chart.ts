import { css, html, nothing, svg } from 'lit';
import { formatFraction } from './job-status';
import type { LabelingRound } from './types';

/** The accuracy machine labels must reach (Ground Truth's target, which the server calibrates thresholds against). */
export const ACCURACY_TARGET = 0.95;

const COLOURS = { human: '#4363d8', machine: '#2f9e5b', threshold: '#f58231', accuracy: '#1d2433', grid: '#e3e7ee', axis: '#8a94a3' };

// Layout in CSS pixels: the SVG is drawn at its natural size (text stays readable) and scrolls sideways if wide.
/** Width per round: two bars with their values, and the round's threshold below. */
const GROUP = 84;
/** Tick labels, and the name of the threshold row. */
const LEFT = 64;
const RIGHT = 12;
const MIN_WIDTH = 480;
/** Counts panel (bars); the room above it takes the tallest bar's value. */
const COUNT_TOP = 18;
const COUNT_HEIGHT = 150;
const ROUND_Y = COUNT_TOP + COUNT_HEIGHT + 16;
/** Rates panel: thresholds and validation accuracy, on a 0–1 scale cut to the values' range. */
const RATE_TOP = ROUND_Y + 18;
const RATE_HEIGHT = 90;
const THRESHOLD_Y = RATE_TOP + RATE_HEIGHT + 18;
const HEIGHT = THRESHOLD_Y + 8;

/** A threshold with three decimals, or "none" when no threshold reached the target. */
export function formatThreshold(threshold: number | null | undefined): string {
  return typeof threshold === 'number' && Number.isFinite(threshold) ? threshold.toFixed(3) : 'none';
}

/** "98.9% (≥ 95.1%)": the validation accuracy with its lower bound, or "—" before anything was machine-labeled. */
export function formatAccuracy(round: LabelingRound): string {
  if (typeof round.validationAccuracy !== 'number') {
    return '—';
  }
  const bound = typeof round.validationLowerBound === 'number' ? ` (≥ ${formatFraction(round.validationLowerBound)})` : '';
  return `${formatFraction(round.validationAccuracy)}${bound}`;
}

/** The chart in words, for its aria-label. */
export function roundsSummary(rounds: readonly LabelingRound[]): string {
  const parts = rounds.map((r) => {
    const accuracy =
      typeof r.validationAccuracy === 'number'
        ? `validation accuracy ${formatFraction(r.validationAccuracy)}${typeof r.validationLowerBound === 'number' ? ` (lower bound ${formatFraction(r.validationLowerBound)})` : ''}`
        : 'no validation accuracy yet';
    return `Round ${r.iteration}: ${r.humanBatch} labeled by humans, ${r.machineLabeled} by machine, threshold ${formatThreshold(r.threshold)}, ${accuracy}.`;
  });
  return `Automated labeling, ${rounds.length} ${rounds.length === 1 ? 'round' : 'rounds'}. ${parts.join(' ')} The table below lists every figure.`;
}

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at or above `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value - 1e-9) {
      return step * power;
    }
  }
  return 10 * power;
}

/** The bottom of the rates panel: the lowest value (or 0.9) rounded down to a tenth, so that close values stay apart. */
export function rateFloor(rounds: readonly LabelingRound[]): number {
  const values = rounds
    .flatMap((r) => [r.threshold, r.validationAccuracy, r.validationLowerBound])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lowest = Math.min(0.9, ACCURACY_TARGET, ...values);
  return Math.max(0, Math.floor(lowest * 10 + 1e-9) / 10);
}

/** Human- and machine-labeled objects per round as bars, with each round's threshold and validation accuracy. */
export function roundsChart(rounds: readonly LabelingRound[]) {
  const width = Math.max(MIN_WIDTH, LEFT + RIGHT + rounds.length * GROUP);
  const group = (width - LEFT - RIGHT) / Math.max(1, rounds.length);
  const bar = Math.min(30, group / 2 - 8);
  const countMax = niceCeiling(Math.max(0, ...rounds.flatMap((r) => [r.humanBatch, r.machineLabeled])));
  const countY = (value: number) => COUNT_TOP + COUNT_HEIGHT - (Math.max(0, value) / countMax) * COUNT_HEIGHT;
  const floor = rateFloor(rounds);
  const rateY = (value: number) => RATE_TOP + RATE_HEIGHT - ((Math.min(1, Math.max(floor, value)) - floor) / (1 - floor)) * RATE_HEIGHT;
  const countTicks = [0, countMax / 2, countMax];
  const rateTicks = [floor, (floor + 1) / 2, 1];
  const right = width - RIGHT;

  const barOf = (round: LabelingRound, kind: 'human' | 'machine', x: number) => {
    const value = kind === 'human' ? round.humanBatch : round.machineLabeled;
    const top = countY(value);
    return svg`<g class="bar ${kind}" data-testid="bar-${kind}-${round.iteration}">
      <rect x=${x} y=${top} width=${bar} height=${COUNT_TOP + COUNT_HEIGHT - top} fill=${COLOURS[kind]}>
        <title>Round ${round.iteration}: ${value} labeled by ${kind === 'human' ? 'humans' : 'machine'}</title>
      </rect>
      <text x=${x + bar / 2} y=${top - 4} text-anchor="middle" class="value">${value}</text>
    </g>`;
  };

  const ratesOf = (round: LabelingRound, centre: number) => {
    const threshold = round.threshold;
    const accuracy = round.validationAccuracy;
    const bound = round.validationLowerBound ?? accuracy;
    const half = Math.min(group * 0.3, bar + 10);
    return svg`${
      typeof threshold === 'number'
        ? svg`<line data-testid="threshold-${round.iteration}" x1=${centre - half} x2=${centre + half} y1=${rateY(threshold)}
            y2=${rateY(threshold)} stroke=${COLOURS.threshold} stroke-width="3">
            <title>Round ${round.iteration}: threshold ${formatThreshold(threshold)}</title>
          </line>`
        : nothing
    }${
      typeof accuracy === 'number' && typeof bound === 'number'
        ? svg`<g data-testid="accuracy-${round.iteration}" stroke=${COLOURS.accuracy}>
            <title>Round ${round.iteration}: validation accuracy ${formatAccuracy(round)}</title>
            <line x1=${centre} x2=${centre} y1=${rateY(bound)} y2=${rateY(accuracy)} stroke-width="1.5"></line>
            <line x1=${centre - 5} x2=${centre + 5} y1=${rateY(bound)} y2=${rateY(bound)} stroke-width="1.5"></line>
            <circle cx=${centre} cy=${rateY(accuracy)} r="4" fill=${COLOURS.accuracy} stroke="#fff"></circle>
          </g>`
        : nothing
    }`;
  };

  return html`<ul class="legend" data-testid="rounds-legend">
      <li><span class="swatch" style="background:${COLOURS.human}"></span>Labeled by humans</li>
      <li><span class="swatch" style="background:${COLOURS.machine}"></span>Labeled by machine</li>
      <li><span class="line" style="border-top:3px solid ${COLOURS.threshold}"></span>Confidence threshold</li>
      <li><span class="dot" style="background:${COLOURS.accuracy}"></span>Validation accuracy, whisker to its lower bound</li>
      <li><span class="line" style="border-top:1px dashed ${COLOURS.axis}"></span>${percent(ACCURACY_TARGET)} accuracy target</li>
    </ul>
    <div class="chart">
      <svg
        data-testid="rounds-chart"
        role="img"
        aria-label=${roundsSummary(rounds)}
        width=${width}
        height=${HEIGHT}
        viewBox="0 0 ${width} ${HEIGHT}"
      >
        ${countTicks.map(
          (tick) => svg`<line x1=${LEFT} x2=${right} y1=${countY(tick)} y2=${countY(tick)} stroke=${tick === 0 ? COLOURS.axis : COLOURS.grid}></line>
            <text x=${LEFT - 6} y=${countY(tick) + 4} text-anchor="end" class="tick">${tick}</text>`,
        )}
        ${rateTicks.map(
          (tick) => svg`<line x1=${LEFT} x2=${right} y1=${rateY(tick)} y2=${rateY(tick)} stroke=${tick === floor ? COLOURS.axis : COLOURS.grid}></line>
            <text x=${LEFT - 6} y=${rateY(tick) + 4} text-anchor="end" class="tick">${tick.toFixed(2)}</text>`,
        )}
        <line x1=${LEFT} x2=${right} y1=${rateY(ACCURACY_TARGET)} y2=${rateY(ACCURACY_TARGET)} stroke=${COLOURS.axis} stroke-dasharray="4 3">
          <title>Target: ${percent(ACCURACY_TARGET)} accuracy (the lower bound must reach it)</title>
        </line>
        <text x=${LEFT - 6} y=${THRESHOLD_Y} text-anchor="end" class="tick">threshold</text>
        ${rounds.map((round, i) => {
          const centre = LEFT + group * (i + 0.5);
          return svg`<g data-testid="round-group-${round.iteration}">
            ${barOf(round, 'human', centre - bar - 2)} ${barOf(round, 'machine', centre + 2)}
            <text x=${centre} y=${ROUND_Y} text-anchor="middle" class="round">Round ${round.iteration}</text>
            ${ratesOf(round, centre)}
            <text x=${centre} y=${THRESHOLD_Y} text-anchor="middle" class="tick" data-testid="threshold-label-${round.iteration}"
              >${formatThreshold(round.threshold)}</text
            >
          </g>`;
        })}
      </svg>
    </div>`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** The rounds' precise figures: the chart's accessible alternative. */
export function roundsTable(rounds: readonly LabelingRound[]) {
  return html`<table data-testid="rounds-table">
    <thead>
      <tr>
        <th>Round</th>
        <th>Human batch</th>
        <th>Trained on</th>
        <th>Threshold</th>
        <th>Validation accuracy (lower bound)</th>
        <th>Machine-labeled</th>
        <th>Sent to humans next</th>
      </tr>
    </thead>
    <tbody>
      ${rounds.map(
        (r) => html`<tr data-testid="round-${r.iteration}">
          <td>${r.iteration}</td>
          <td>${r.humanBatch}</td>
          <td>${r.trainingObjects}</td>
          <td>${formatThreshold(r.threshold)}</td>
          <td>${formatAccuracy(r)}</td>
          <td>${r.machineLabeled}</td>
          <td>${r.nextHumanBatch}${r.done && r.nextHumanBatch > 0 ? ' (last batch)' : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export const roundsStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    list-style: none;
    padding: 0;
    margin: 0 0 6px;
    font-size: 12px;
    color: #3b4656;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .legend .swatch {
    width: 12px;
    height: 12px;
    border-radius: 2px;
  }
  .legend .line {
    width: 16px;
  }
  .legend .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
  }
  .chart {
    overflow-x: auto;
    margin-bottom: 12px;
  }
  .chart svg {
    display: block;
  }
  .chart text {
    font-size: 11px;
    fill: #3b4656;
  }
  .chart text.value {
    font-size: 10px;
  }
  .chart text.round {
    font-weight: 600;
  }
`;
