import { html, LitElement, nothing } from 'lit';
import type { Api } from '../core/api';
import type { AppConfig } from '../core/config';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import { formatTime } from './job-status';
import type { ListWorkteamsResponse, Workteam } from './types';
import { consoleStyles, errorText } from './widgets';

/** Who a team admits, in words: its Cognito groups or its identity provider's groups. */
export function membersOf(team: Workteam): string {
  return team.MemberDefinitions.map((d) =>
    d.CognitoMemberDefinition ? `group ${d.CognitoMemberDefinition.UserGroup}` : `IdP groups ${(d.OidcMemberDefinition?.Groups ?? []).join(', ')}`,
  ).join('; ');
}

/** The user pool a new team's group lives in: the deployment's, or the local runtime's stand-in. */
export function userPoolOf(config: AppConfig | null): { UserPool: string; ClientId: string } {
  return config?.auth.kind === 'cognito'
    ? { UserPool: config.auth.userPoolId, ClientId: config.auth.clientId }
    : { UserPool: LOCAL_USER_POOL, ClientId: 'verity-local' };
}

/** The local runtime's user pool id. */
export const LOCAL_USER_POOL = 'us-east-1_verity';

/** The work teams: their members' groups and ARNs (what a job's WorkteamArn names), and a form to create one. */
export class VerityTeams extends LitElement {
  static properties = {
    api: { attribute: false },
    config: { attribute: false },
    teams: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare api: Api | null;
  declare config: AppConfig | null;
  declare teams: Workteam[];
  declare error: string | null;
  declare busy: boolean;

  static styles = [baseStyles, consoleStyles];

  constructor() {
    super();
    this.api = null;
    this.config = null;
    this.teams = [];
    this.error = null;
    this.busy = false;
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('api') && this.api) {
      void this.reload();
    }
  }

  async reload(): Promise<void> {
    try {
      const teams: Workteam[] = [];
      let token: string | undefined;
      do {
        const page = await this.api!.get<ListWorkteamsResponse>('/workteams', {
          SortBy: 'Name',
          MaxResults: 100,
          NextToken: token,
        });
        teams.push(...page.Workteams);
        token = page.NextToken;
      } while (token);
      this.teams = teams;
      this.error = null;
    } catch (e) {
      this.error = errorText(e);
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    this.busy = true;
    try {
      await this.api!.post('/workteams', {
        WorkteamName: name,
        Description: String(data.get('description') ?? '').trim() || `Work team ${name}`,
        MemberDefinitions: [{ CognitoMemberDefinition: { ...userPoolOf(this.config), UserGroup: name } }],
      });
      form.reset();
      location.hash = href({ page: 'team', team: name });
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <div class="toolbar"><h1>Work teams</h1></div>
      ${this.error ? html`<p class="error" data-testid="teams-error">${this.error}</p>` : nothing}
      <div class="card">
        <table data-testid="teams-table">
          <thead>
            <tr><th>Name</th><th>Members</th><th>Created</th><th>ARN (a job's WorkteamArn)</th></tr>
          </thead>
          <tbody>
            ${this.teams.map(
              (t) => html`<tr data-testid="team-row-${t.WorkteamName}">
                <td><a href=${href({ page: 'team', team: t.WorkteamName })}>${t.WorkteamName}</a></td>
                <td>${membersOf(t)}</td>
                <td>${formatTime(t.CreateDate)}</td>
                <td><code>${t.WorkteamArn}</code></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <form class="card" data-testid="create-team" @submit=${this.create}>
        <h2>New team</h2>
        <p class="muted">Its members are the workers you invite to it (a user group of its own name).</p>
        <label>Name <input name="name" required pattern="[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}" /></label>
        <label>Description <input name="description" maxlength="200" /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Create team</button>
      </form>
    `;
  }
}

if (!customElements.get('verity-teams')) {
  customElements.define('verity-teams', VerityTeams);
}
