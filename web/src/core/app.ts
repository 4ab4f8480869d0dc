import { LitElement, html, css, nothing } from 'lit';
import { Api } from './api';
import { loadConfig, type AppConfig } from './config';
import {
  cognitoSignOutUrl,
  currentSession,
  finishCognitoSignIn,
  isRequester,
  localSignIn,
  signOut,
  startCognitoSignIn,
  type Session,
} from './session';
import { href, navigate, parseRoute, type Route } from './router';
import { baseStyles } from './styles';
import '../worker/index';
import '../console/index';

/** The page: loads the configuration, signs the user in, and shows the worker portal or the requester console. */
export class VerityApp extends LitElement {
  static properties = {
    config: { state: true },
    session: { state: true },
    route: { state: true },
    error: { state: true },
    expired: { state: true },
  };

  declare config: AppConfig | null;
  declare session: Session | null;
  declare route: Route;
  declare error: string | null;
  declare expired: boolean;
  private api: Api | null = null;
  private readonly onHashChange = () => (this.route = parseRoute(location.hash));

  constructor() {
    super();
    this.config = null;
    this.session = null;
    this.error = null;
    this.expired = false;
    this.route = parseRoute(location.hash);
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: #f5f7fa;
      }
      header {
        display: flex;
        align-items: center;
        gap: 20px;
        padding: 10px 20px;
        background: #1d2433;
        color: #fff;
      }
      header a {
        color: #cfd8e6;
        text-decoration: none;
      }
      header a.active {
        color: #fff;
        font-weight: 600;
      }
      .brand {
        font-weight: 700;
        letter-spacing: 0.04em;
      }
      .spacer {
        flex: 1;
      }
      main {
        padding: 20px;
        max-width: 1400px;
        margin: 0 auto;
      }
      .expired {
        margin: 12px 20px 0;
      }
      form.signin {
        max-width: 380px;
        margin: 60px auto;
        display: grid;
        gap: 12px;
      }
    `,
  ];

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHashChange);
    void this.start();
  }

  disconnectedCallback(): void {
    removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private async start(): Promise<void> {
    try {
      const config = await loadConfig();
      let session = currentSession();
      if (!session && config.auth.kind === 'cognito') {
        session = await finishCognitoSignIn(config.auth);
      }
      this.api = new Api(
        config.apiUrl,
        () => this.session?.idToken ?? null,
        undefined,
        () => this.sessionExpired(),
      );
      this.config = config;
      this.session = session;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const role = String(form.get('role'));
    try {
      this.expired = false;
      this.session = password
        ? await localSignIn(this.config!, username, [], password)
        : await localSignIn(this.config!, username, role === 'requester' ? ['requesters', 'workers'] : ['workers']);
      this.error = null;
      navigate(role === 'requester' ? { page: 'job-list' } : { page: 'worker-home' });
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private signOut(): void {
    signOut();
    this.session = null;
    if (this.config?.auth.kind === 'cognito') {
      location.assign(cognitoSignOutUrl(this.config.auth));
      return;
    }
    navigate({ page: 'signin' });
  }

  /**
   * The API refused the token. The page stays as it is (a task's unsaved work is not thrown away); a banner says
   * why requests fail and offers to sign in again.
   */
  private sessionExpired(): void {
    this.expired = true;
  }

  render() {
    if (!this.config) {
      return html`<main>${this.error ? html`<p class="error">${this.error}</p>` : html`<p class="muted">Loading…</p>`}</main>`;
    }
    if (!this.session) {
      return this.renderSignIn(this.config);
    }
    const route = this.route.page === 'signin' ? ({ page: isRequester(this.session) ? 'job-list' : 'worker-home' } as Route) : this.route;
    const inConsole = ['job-list', 'create-job', 'job', 'data'].includes(route.page);
    const inTeams = route.page === 'teams' || route.page === 'team';
    return html`
      <header>
        <span class="brand">VERITY</span>
        <a href=${href({ page: 'worker-home' })} class=${inConsole || inTeams || route.page === 'mailbox' ? '' : 'active'}>Work</a>
        ${isRequester(this.session)
          ? html`<a href=${href({ page: 'job-list' })} class=${inConsole ? 'active' : ''}>Console</a>
              <a href=${href({ page: 'teams' })} class=${inTeams ? 'active' : ''} data-testid="nav-teams">Teams</a>`
          : nothing}
        ${this.config.auth.kind === 'local'
          ? html`<a href=${href({ page: 'mailbox' })} class=${route.page === 'mailbox' ? 'active' : ''} data-testid="nav-mailbox">Mailbox</a>`
          : nothing}
        <span class="spacer"></span>
        <span data-testid="username">${this.session.username}</span>
        <button @click=${this.signOut}>Sign out</button>
      </header>
      ${this.expired
        ? html`<p class="error expired" data-testid="session-expired">
            Your sign-in has expired or was refused, so nothing more can be saved.
            <button @click=${this.signOut}>Sign in again</button>
          </p>`
        : nothing}
      <main>${this.renderPage(route)}</main>
    `;
  }

  private renderSignIn(config: AppConfig) {
    if (config.auth.kind === 'cognito') {
      const auth = config.auth;
      return html`<form class="signin card" @submit=${(e: Event) => (e.preventDefault(), startCognitoSignIn(auth))}>
        <h2>Sign in to Verity</h2>
        ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
        <button class="primary" type="submit">Sign in</button>
      </form>`;
    }
    return html`<form class="signin card" @submit=${this.signIn}>
      <h2>Sign in to Verity</h2>
      <p class="muted">Local runtime: pick a name and a role, or sign in as an invited worker with the password from the mailbox.</p>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      <label>Name <input name="username" required autocomplete="username" value="worker-1" /></label>
      <label>Password (invited workers) <input name="password" type="password" autocomplete="current-password" /></label>
      <label><input type="radio" name="role" value="worker" checked /> Worker</label>
      <label><input type="radio" name="role" value="requester" /> Requester</label>
      <button class="primary" type="submit">Sign in</button>
    </form>`;
  }

  private renderPage(route: Route) {
    const api = this.api!;
    switch (route.page) {
      case 'worker-home':
      case 'signin':
        return html`<verity-worker-home .api=${api}></verity-worker-home>`;
      case 'labeling':
        return html`<verity-labeling-session .api=${api} .job=${route.job}></verity-labeling-session>`;
      case 'job-list':
        return html`<verity-job-list .api=${api}></verity-job-list>`;
      case 'create-job':
        return html`<verity-create-job .api=${api}></verity-create-job>`;
      case 'job':
        return html`<verity-job-page .api=${api} .job=${route.job}></verity-job-page>`;
      case 'data':
        return html`<verity-data-browser .api=${api} .job=${route.job}></verity-data-browser>`;
      case 'teams':
        return html`<verity-teams .api=${api} .config=${this.config}></verity-teams>`;
      case 'team':
        return html`<verity-team-page .api=${api} .team=${route.team}></verity-team-page>`;
      case 'mailbox':
        return html`<verity-mailbox .config=${this.config}></verity-mailbox>`;
    }
  }
}

customElements.define('verity-app', VerityApp);
