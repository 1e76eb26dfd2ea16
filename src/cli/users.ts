import { InvalidArgumentError, type Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { buildServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { OpenDatabase } from '../db/open.js';
import type { Caller } from '../http/caller.js';
import { ROLE_LABELS, ROLES, type Role } from '../shared/vocabulary.js';
import { passwordProblems, roleUsesScopes, SCOPE_LEVELS, type ScopeLevel } from '../users/users.rules.js';
import { USER_STATUSES, type ScopeInput, type User, type UserStatus } from '../users/users.schema.js';
import { formatTable } from './format.js';

// `securepath users …`: user accounts from a terminal, over the same service as the Users page,
// audited as the command-line operator.

interface Helpers {
  withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>): Promise<T>;
  operator: Caller;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const roleArg = (v: string): Role => {
  if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return v as Role;
};

/** `ward:12` for every role given that takes scopes, or `ward-manager@ward:12` for one of them. */
export function parseScopes(specs: readonly string[], roles: readonly Role[]): ScopeInput[] {
  return specs.flatMap((spec) => {
    const m = /^(?:([a-z-]+)@)?([a-z]+):(\d+)$/.exec(spec.trim());
    if (!m) throw new InvalidArgumentError(`--scope ${spec}: write level:id, e.g. ward:12, or role@level:id, e.g. ward-manager@ward:12`);
    const [, role, level, id] = m as unknown as [string, string | undefined, string, string];
    if (!(SCOPE_LEVELS as readonly string[]).includes(level)) throw new InvalidArgumentError(`--scope ${spec}: the level must be one of ${SCOPE_LEVELS.join(', ')}`);
    const forRoles = role ? [roleArg(role)] : roles.filter(roleUsesScopes);
    if (forRoles.length === 0) throw new InvalidArgumentError(`--scope ${spec}: none of the roles given takes scopes; name the role, e.g. ward-clinician@${level}:${id}`);
    return forRoles.map((r) => ({ role: r, level: level as ScopeLevel, refId: Number(id) }));
  });
}

/** A strong random password (about 144 bits), for handing to the user once. */
export function generatePassword(username: string): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (passwordProblems(candidate, username).length === 0) return candidate;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const scopeText = (u: User) => u.scopes.map((s) => `${s.level} ${s.refId}${s.name ? ` (${s.name})` : ''} as ${s.role}`).join('; ');
const statusText = (u: User) => (!u.active ? 'deactivated' : u.locked ? `locked until ${u.lockedUntil}` : 'active');
const summary = (u: User) => `${u.username} (${u.displayName}): ${u.roles.map((r) => ROLE_LABELS[r]).join(', ')}${u.scopes.length > 0 ? `; scopes: ${scopeText(u)}` : ''}; ${statusText(u)}`;

export function registerUserCommands(program: Command, helpers: Helpers): void {
  const users = program.command('users').description('User accounts: roles, scopes, deactivation (every change audited)');
  const service = (d: OpenDatabase) => buildServices(d.db, loadConfig()).users;
  /**
   * The account an operator names, as it stands now: its id and the version the command acts on
   * (If-Match, as the web app sends the version on screen), so a change made meanwhile is refused.
   */
  const named = async (users: ReturnType<typeof service>, username: string): Promise<[number, string]> => {
    const id = await users.idOf(helpers.operator, username);
    return [id, `"${(await users.get(helpers.operator, id)).version}"`];
  };

  users
    .command('list')
    .description('List user accounts (active ones unless --status says otherwise)')
    .option('--q <text>', 'part of the user name or name')
    .option('--role <role>', 'only users holding this role', roleArg)
    .option('--status <status>', `${USER_STATUSES.join(', ')}`, (v: string) => {
      if (!(USER_STATUSES as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${USER_STATUSES.join(', ')}`);
      return v as UserStatus;
    })
    .option('--json', 'print JSON')
    .action((o: { q?: string; role?: Role; status?: UserStatus; json?: boolean }) =>
      helpers.withDatabase(async (d) => {
        const page = await service(d).list(helpers.operator, { q: o.q, role: o.role, status: o.status, limit: 200 });
        if (o.json) console.log(JSON.stringify(page, null, 2));
        else {
          console.log(
            formatTable(
              ['user name', 'name', 'roles', 'scopes', 'status', 'last sign-in'],
              page.items.map((u) => [u.username, u.displayName, u.roles.join(', '), scopeText(u), statusText(u), u.lastSignInAt ?? 'never']),
            ),
          );
          if (page.total > page.items.length) console.log(`(${page.items.length} of ${page.total} shown: narrow with --q, --role or --status)`);
        }
      }),
    );

  users
    .command('add <username>')
    .description('Create an account; the password is read from standard input, or generated and printed once')
    .requiredOption('--name <name>', 'the name people see, e.g. "Dr Jane Smith"')
    .option('--role <role>', `a role (repeat for several): ${ROLES.join(', ')}`, collect, [])
    .option('--scope <scope>', 'where a role applies (repeat for several): level:id for every role given that takes scopes, or role@level:id', collect, [])
    .option('--password-stdin', 'read the first password from standard input instead of generating one')
    .action((username: string, o: { name: string; role: string[]; scope: string[]; passwordStdin?: boolean }) =>
      helpers.withDatabase(async (d) => {
        const roles = o.role.map(roleArg);
        if (roles.length === 0) throw new InvalidArgumentError('give at least one --role');
        const password = o.passwordStdin ? await readStdin() : generatePassword(username);
        const user = await service(d).create(helpers.operator, { username, displayName: o.name, roles, scopes: parseScopes(o.scope, roles), password });
        console.log(`Created ${summary(user)}. They choose their own password when they first sign in.`);
        if (!o.passwordStdin) console.log(`First password (shown only now; give it to ${user.displayName} by a safe route): ${password}`);
      }),
    );

  const action = (name: 'deactivate' | 'reactivate' | 'unlock' | 'resetSecondFactor' | 'unlinkProvider', description: string, done: string, command: string = name) =>
    users
      .command(`${command} <username>`)
      .description(description)
      .action((username: string) =>
        helpers.withDatabase(async (d) => {
          const users = service(d);
          const user = await users[name](helpers.operator, ...(await named(users, username)));
          console.log(`${done}: ${summary(user)}.`);
        }),
      );
  action('deactivate', 'Deactivate an account: it can no longer sign in, and its sessions end at once', 'Deactivated');
  action('reactivate', 'Reactivate a deactivated account', 'Reactivated');
  action('unlock', 'Clear failed sign-ins and lift a lock', 'Unlocked');
  action('resetSecondFactor', 'Take away a lost authenticator: the user sets up a new one; their sessions end', 'Two-step sign-in reset', 'reset-second-factor');
  action('unlinkProvider', 'Remove the binding to an identity at the identity provider: the next sign-in through it binds again; their sessions end', 'Identity provider binding removed', 'unlink-provider');

  users
    .command('reset-password <username>')
    .description("Set a new password (read from standard input, or generated and printed once); ends the user's sessions")
    .option('--password-stdin', 'read the new password from standard input instead of generating one')
    .action((username: string, o: { passwordStdin?: boolean }) =>
      helpers.withDatabase(async (d) => {
        const users = service(d);
        const password = o.passwordStdin ? await readStdin() : generatePassword(username);
        const user = await users.resetPassword(helpers.operator, ...(await named(users, username)), { password });
        console.log(`New password set for ${user.username}; their sessions have ended, and they choose their own when they next sign in.`);
        if (!o.passwordStdin) console.log(`New password (shown only now; give it to ${user.displayName} by a safe route): ${password}`);
      }),
    );
}
