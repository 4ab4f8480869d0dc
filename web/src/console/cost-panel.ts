import { css, html } from 'lit';
import type { JobCost } from './types';

/** Dollars to four significant figures (AWS costs of a job are fractions of a cent to a few dollars). */
export function formatDollars(dollars: number | null | undefined): string {
  if (dollars === null || dollars === undefined || !Number.isFinite(dollars)) {
    return '—';
  }
  if (dollars === 0) {
    return '$0';
  }
  if (Math.abs(dollars) >= 1) {
    return `$${dollars.toFixed(2)}`;
  }
  return `$${dollars.toPrecision(3)}`;
}

/** A count of units: whole numbers as such, fractions (GB-s, read units) to three significant figures. */
export function formatUnits(units: number): string {
  if (Number.isInteger(units)) {
    return units.toLocaleString('en-US');
  }
  return units >= 1000 ? Math.round(units).toLocaleString('en-US') : units.toPrecision(3);
}

export const costStyles = css`
  .cost-figures {
    display: flex;
    gap: 18px;
    flex-wrap: wrap;
  }
  .cost-figures div {
    display: grid;
  }
  .cost-figures b {
    font-size: 18px;
  }
  .cost-figures span {
    font-size: 12px;
    color: #5f6b7a;
  }
  table.cost td.number,
  table.cost th.number {
    text-align: right;
  }
`;

/** The job's AWS cost so far: the total, per labeled object and per 1,000, and one row per service. */
export function costPanel(cost: JobCost) {
  const perThousand = cost.dollarsPerObject === null ? null : cost.dollarsPerObject * 1000;
  return html`<div class="cost-figures" data-testid="cost-figures">
      <div><b data-testid="cost-total">${formatDollars(cost.totalDollars)}</b><span>AWS cost so far</span></div>
      <div><b data-testid="cost-per-object">${formatDollars(cost.dollarsPerObject)}</b><span>per labeled object</span></div>
      <div><b data-testid="cost-per-thousand">${formatDollars(perThousand)}</b><span>per 1,000 objects</span></div>
      <div><b>${cost.objects}</b><span>objects labeled</span></div>
    </div>
    <table class="cost" data-testid="cost-table">
      <thead>
        <tr>
          <th>Service</th>
          <th class="number">Requests</th>
          <th class="number">Billed units</th>
          <th class="number">Dollars</th>
        </tr>
      </thead>
      <tbody>
        ${cost.services.map(
          (s) => html`<tr data-testid="cost-${s.service.replace(/\s+/g, '-').toLowerCase()}" title=${s.detail}>
            <td>${s.service}</td>
            <td class="number">${s.requests.toLocaleString('en-US')}</td>
            <td class="number">${formatUnits(s.units)} ${s.unit}</td>
            <td class="number">${formatDollars(s.dollars)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted" data-testid="cost-note">
      At ${cost.prices.region} list prices read on ${cost.prices.checkedOn}, without free tiers; worker pay not included.
    </p>`;
}
