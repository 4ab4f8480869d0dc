import { html, LitElement, nothing } from 'lit';
import type { Api } from '../core/api';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import { formatTime } from './job-status';
import { membersOf } from './teams';
import type { DescribeWorkteamResponse, InvitedMembersResponse, Member, MembersResponse, Workteam } from './types';
import { consoleStyles, errorText } from './widgets';

/** The addresses typed into the invitation box: one per line, or separated by commas or spaces. */
export function parseEmails(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean))];
}

/** One work team: who admits whom, its members (invite, disable, enable, remove) and its notification topic. */
export class VerityTeamPage extends LitElement {
  static properties = {
    api: { attribute: false },
    team: {},
    workteam: { state: true },
    members: { state: true },
    error: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  declare api: Api | null;
  declare team: string;
  declare workteam: Workteam | null;
  declare members: Member[];
  declare error: string | null;
  declare notice: string | null;
  declare busy: boolean;

  static styles = [baseStyles, consoleStyles];

  constructor() {
    super();
    this.api = null;
    this.team = '';
    this.workteam = null;
    this.members = [];
    this.error = null;
    this.notice = null;
    this.busy = false;
  }

  protected updated(changed: Map<string, unknown>): void {
    if ((changed.has('api') || changed.has('team')) && this.api && this.team) {
      void this.reload();
    }
  }

  private path(): string {
    return `/workteams/${encodeURIComponent(this.team)}`;
  }

  async reload(): Promise<void> {
    try {
      this.workteam = (await this.api!.get<DescribeWorkteamResponse>(this.path())).Workteam;
      const cognito = this.workteam.MemberDefinitions.some((d) => d.CognitoMemberDefinition);
      this.members = cognito ? (await this.api!.get<MembersResponse>(`${this.path()}/members`)).Members : [];
      this.error = null;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  private async run(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    try {
      this.notice = await action();
      this.error = null;
      await this.reload();
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  }

  private invite(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const emails = parseEmails(String(new FormData(form).get('emails') ?? ''));
    void this.run(async () => {
      const reply = await this.api!.post<InvitedMembersResponse>(`${this.path()}/members`, { Emails: emails });
      form.reset();
      const mailed = reply.Members.filter((m) => m.Invited).length;
      return `${reply.Members.length} added to ${this.team}; ${mailed} invitation mail${mailed === 1 ? '' : 's'} sent.`;
    });
  }

  private setEnabled(member: Member, enabled: boolean): void {
    void this.run(async () => {
      await this.api!.post(`${this.path()}/members/${encodeURIComponent(member.Email)}`, { Enabled: enabled });
      return `${member.Email} ${enabled ? 'enabled' : 'disabled'}.`;
    });
  }

  private removeMember(member: Member): void {
    void this.run(async () => {
      await this.api!.request('DELETE', `${this.path()}/members/${encodeURIComponent(member.Email)}`);
      return `${member.Email} removed from ${this.team}.`;
    });
  }

  render() {
    const team = this.workteam;
    return html`
      <div class="toolbar">
        <h1>Work team ${this.team}</h1>
        <span class="spacer"></span>
        <a href=${href({ page: 'teams' })}>All teams</a>
      </div>
      ${this.error ? html`<p class="error" data-testid="team-error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="notice" data-testid="team-notice">${this.notice}</p>` : nothing}
      ${team
        ? html`<div class="card">
            <dl class="settings">
              <dt>Members</dt>
              <dd>${membersOf(team)}</dd>
              <dt>ARN</dt>
              <dd><code data-testid="team-arn">${team.WorkteamArn}</code></dd>
              <dt>Notices</dt>
              <dd data-testid="team-topic">${team.NotificationConfiguration?.NotificationTopicArn ?? 'no topic yet (made at the first invitation)'}</dd>
              <dt>Description</dt>
              <dd>${team.Description}</dd>
            </dl>
          </div>`
        : nothing}
      ${team && team.MemberDefinitions.some((d) => d.CognitoMemberDefinition)
        ? html`<div class="card">
              <h2>Members</h2>
              <table data-testid="members-table">
                <thead>
                  <tr><th>E-mail</th><th>Status</th><th>Since</th><th></th></tr>
                </thead>
                <tbody>
                  ${this.members.map(
                    (m) => html`<tr data-testid="member-row-${m.Email}">
                      <td>${m.Email}</td>
                      <td data-testid="member-status-${m.Email}">${m.Enabled ? m.Status : 'DISABLED'}</td>
                      <td>${m.CreateDate ? formatTime(m.CreateDate) : ''}</td>
                      <td>
                        ${m.Enabled
                          ? html`<button data-testid="disable-${m.Email}" ?disabled=${this.busy} @click=${() => this.setEnabled(m, false)}>Disable</button>`
                          : html`<button data-testid="enable-${m.Email}" ?disabled=${this.busy} @click=${() => this.setEnabled(m, true)}>Enable</button>`}
                        <button data-testid="remove-${m.Email}" ?disabled=${this.busy} @click=${() => this.removeMember(m)}>Remove</button>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              ${this.members.length === 0 ? html`<p class="muted">No members yet.</p>` : nothing}
            </div>
            <form class="card" data-testid="invite-form" @submit=${this.invite}>
              <h2>Invite workers</h2>
              <p class="muted">Up to 50 addresses. Each new worker gets a mail with a temporary password and the portal link.</p>
              <textarea name="emails" rows="3" required placeholder="ann@example.com, bob@example.com"></textarea>
              <button class="primary" type="submit" ?disabled=${this.busy}>Invite</button>
            </form>`
        : team
          ? html`<p class="muted">This team's members come from your identity provider's groups: manage them there.</p>`
          : nothing}
    `;
  }
}

if (!customElements.get('verity-team-page')) {
  customElements.define('verity-team-page', VerityTeamPage);
}
