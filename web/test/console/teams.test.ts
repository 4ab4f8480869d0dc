import { describe, expect, it } from 'vitest';
import { parseEmails } from '../../src/console/team-page';
import { LOCAL_USER_POOL, membersOf, userPoolOf } from '../../src/console/teams';
import type { Workteam } from '../../src/console/types';

describe('team pages', () => {
  it('reads invitation addresses separated by lines, commas or spaces, each once', () => {
    expect(parseEmails('ann@example.com, bob@example.com\n  ann@example.com;cy@example.com  ')).toEqual([
      'ann@example.com',
      'bob@example.com',
      'cy@example.com',
    ]);
    expect(parseEmails('   ')).toEqual([]);
  });

  it("says whom a team admits: its Cognito groups or its identity provider's groups", () => {
    const team = {
      MemberDefinitions: [{ CognitoMemberDefinition: { UserGroup: 'crew' } }, { OidcMemberDefinition: { Groups: ['a', 'b'] } }],
    } as Workteam;
    expect(membersOf(team)).toBe('group crew; IdP groups a, b');
  });

  it("makes a new team's group in the deployment's user pool, or the local runtime's", () => {
    expect(userPoolOf({ apiUrl: '', auth: { kind: 'local' } })).toEqual({ UserPool: LOCAL_USER_POOL, ClientId: 'verity-local' });
    expect(
      userPoolOf({ apiUrl: '', auth: { kind: 'cognito', domain: 'd', clientId: 'client', region: 'eu-west-1', userPoolId: 'eu-west-1_abc' } }),
    ).toEqual({ UserPool: 'eu-west-1_abc', ClientId: 'client' });
  });
});
