import { html, LitElement, nothing } from 'lit';
import { SIGN_IN_SECRET_HEADER } from '../core/session';
import type { AppConfig } from '../core/config';
import { baseStyles } from '../core/styles';
import { formatTime } from './job-status';
import { consoleStyles, errorText } from './widgets';

/** One mail the local runtime's mail sink received. */
export interface Mail {
  Id: string;
  From: string;
  To: string[];
  Subject: string;
  Body: string;
  Received: number;
}

/** How often the mailbox looks for new mail. */
export const MAILBOX_REFRESH_MS = 3000;

/**
 * The local runtime's mailbox: every mail Verity sent (invitations, job notices), newest first. Only the local
 * runtime has one; it is read with the run's sign-in secret, since invitations carry temporary passwords.
 */
export class VerityMailbox extends LitElement {
  static properties = {
    config: { attribute: false },
    mails: { state: true },
    open: { state: true },
    error: { state: true },
  };

  declare config: AppConfig | null;
  declare mails: Mail[];
  declare open: string | null;
  declare error: string | null;
  private timer: ReturnType<typeof setInterval> | null = null;

  static styles = [baseStyles, consoleStyles];

  constructor() {
    super();
    this.config = null;
    this.mails = [];
    this.open = null;
    this.error = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.reload(), MAILBOX_REFRESH_MS);
  }

  disconnectedCallback(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
    }
    super.disconnectedCallback();
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('config') && this.config) {
      void this.reload();
    }
  }

  async reload(): Promise<void> {
    const config = this.config;
    if (!config || config.auth.kind !== 'local') {
      return;
    }
    try {
      const headers: Record<string, string> = {};
      if (config.auth.signInSecret) {
        headers[SIGN_IN_SECRET_HEADER] = config.auth.signInSecret;
      }
      const response = await fetch(`${config.apiUrl}/local-mail/messages`, { headers, cache: 'no-store' });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(body.message ?? `HTTP ${response.status}`);
      }
      this.mails = [...(body.Messages as Mail[])].reverse();
      this.error = null;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  render() {
    if (this.config && this.config.auth.kind !== 'local') {
      return html`<p class="muted">Only the local runtime has a mailbox: in AWS, mail goes to the real addresses.</p>`;
    }
    return html`
      <div class="toolbar">
        <h1>Mailbox</h1>
        <span class="muted">Every mail the local runtime sent: invitations and job notices.</span>
      </div>
      ${this.error ? html`<p class="error" data-testid="mailbox-error">${this.error}</p>` : nothing}
      <div class="card">
        <table data-testid="mailbox-table">
          <thead>
            <tr><th>Received</th><th>To</th><th>Subject</th></tr>
          </thead>
          <tbody>
            ${this.mails.map(
              (m) => html`<tr data-testid="mail-row" @click=${() => (this.open = this.open === m.Id ? null : m.Id)}>
                  <td>${formatTime(m.Received)}</td>
                  <td data-testid="mail-to">${m.To.join(', ')}</td>
                  <td data-testid="mail-subject"><a href="javascript:void 0">${m.Subject}</a></td>
                </tr>
                ${this.open === m.Id
                  ? html`<tr>
                      <td colspan="3"><pre data-testid="mail-body">${m.Body}</pre></td>
                    </tr>`
                  : nothing}`,
            )}
          </tbody>
        </table>
        ${this.mails.length === 0 ? html`<p class="muted" data-testid="no-mail">No mail yet.</p>` : nothing}
      </div>
    `;
  }
}

if (!customElements.get('verity-mailbox')) {
  customElements.define('verity-mailbox', VerityMailbox);
}
