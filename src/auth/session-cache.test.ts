import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import type { Db } from '../db/connection.js';
import { AuthService, SESSION_CACHE_MS, sessionIdOf } from './auth.service.js';
import * as repo from './auth.repo.js';

// How an app server keeps the sessions it has checked: one read of a session for all its requests
// in flight, and nothing kept that a sign-out or an account change on this server has overtaken.
// The database is replaced by reads this test answers when it chooses.

vi.mock('./auth.repo.js', () => ({ findLiveSession: vi.fn(), touchSession: vi.fn(), deleteSession: vi.fn() }));
const find = vi.mocked(repo.findLiveSession);
const remove = vi.mocked(repo.deleteSession);

type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findLiveSession>>>;
const row = (userId: number, id: string): SessionRow => ({
  id,
  active_role: 'ward-clinician',
  csrf_token: 'csrf',
  user_id: userId,
  username: `user${userId}`,
  display_name: `User ${userId}`,
  roles: ['ward-clinician'],
  second_factor_at: null,
  scopes: [['ward', 1]],
  totp_enrolled: false,
  password_must_change: false,
  signed_in_with: 'password',
  stale_touch: false,
});

/** Reads of the session table, answered by the test: each resolves with the row it is given. */
let pending: { answer: (r: SessionRow | undefined) => void; fail: (e: Error) => void }[] = [];
const settle = () => new Promise((r) => setImmediate(r));
/** Asks for a session again and says how many reads of the session table there have been by then. */
const readsAfterAsking = async (token: string) => {
  void auth.resolve(token);
  await settle();
  return find.mock.calls.length;
};

let auth: AuthService;
beforeEach(() => {
  pending = [];
  find.mockReset().mockImplementation(() => new Promise((answer, fail) => pending.push({ answer, fail })) as ReturnType<typeof repo.findLiveSession>);
  remove.mockReset().mockResolvedValue(undefined as never);
  auth = new AuthService({} as Db, loadConfig());
});
afterEach(() => vi.useRealTimers());

describe('checking sessions', () => {
  it('reads a session once for all the requests waiting on it, each answered', async () => {
    const callers = Array.from({ length: 20 }, () => auth.resolve('token-a'));
    await settle();
    expect(find).toHaveBeenCalledTimes(1);
    pending[0]!.answer(row(7, sessionIdOf('token-a')));
    expect((await Promise.all(callers)).map((c) => c?.userId)).toEqual(Array(20).fill(7));
  });

  it('reads two sessions separately', async () => {
    const a = auth.resolve('token-a');
    const b = auth.resolve('token-b');
    await settle();
    expect(find).toHaveBeenCalledTimes(2);
    pending[0]!.answer(row(1, sessionIdOf('token-a')));
    pending[1]!.answer(row(2, sessionIdOf('token-b')));
    expect([(await a)?.userId, (await b)?.userId]).toEqual([1, 2]);
  });

  it('reuses a checked session for SESSION_CACHE_MS, then reads it again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = auth.resolve('token-a');
    await settle();
    pending[0]!.answer(row(7, sessionIdOf('token-a')));
    await first;
    await auth.resolve('token-a');
    expect(find).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + SESSION_CACHE_MS + 1);
    expect(await readsAfterAsking('token-a')).toBe(2);
  });

  it('keeps nothing from a read that fails, and gives the failure to every request waiting on it', async () => {
    const callers = [auth.resolve('token-a'), auth.resolve('token-a')];
    await settle();
    pending[0]!.fail(new Error('connection ended'));
    for (const c of callers) await expect(c).rejects.toThrow('connection ended');
    expect(await readsAfterAsking('token-a')).toBe(2);
  });

  it('does not keep a session signed out while it was being read, nor join a request after to that read', async () => {
    const before = auth.resolve('token-a');
    await settle();
    await auth.logout(sessionIdOf('token-a'));
    // The read under way began before the sign-out and may see the session live: it answers the
    // request that was waiting for it, but a request after the sign-out makes a read of its own.
    const after = auth.resolve('token-a');
    await settle();
    expect(find).toHaveBeenCalledTimes(2);
    // The read after answers first; the one from before, finishing last, must not be kept.
    pending[1]!.answer(undefined);
    expect(await after).toBeUndefined();
    pending[0]!.answer(row(7, sessionIdOf('token-a')));
    expect((await before)?.userId).toBe(7);
    // Nothing was kept from the read that began before the sign-out.
    expect(await readsAfterAsking('token-a')).toBe(3);
  });

  it('forgets a signed-out session even when the delete fails', async () => {
    const first = auth.resolve('token-a');
    await settle();
    pending[0]!.answer(row(7, sessionIdOf('token-a')));
    await first;
    remove.mockRejectedValueOnce(new Error('connection ended'));
    await expect(auth.logout(sessionIdOf('token-a'))).rejects.toThrow('connection ended');
    expect(await readsAfterAsking('token-a')).toBe(2);
  });

  it("forgets every kept session of a user whose account changed, and no one else's", async () => {
    const reads = [auth.resolve('token-a'), auth.resolve('token-b'), auth.resolve('token-c')];
    await settle();
    pending[0]!.answer(row(7, sessionIdOf('token-a')));
    pending[1]!.answer(row(7, sessionIdOf('token-b')));
    pending[2]!.answer(row(8, sessionIdOf('token-c')));
    await Promise.all(reads);
    auth.forgetUser(7);
    void auth.resolve('token-a');
    void auth.resolve('token-b');
    expect((await auth.resolve('token-c'))?.userId).toBe(8);
    await settle();
    expect(find).toHaveBeenCalledTimes(5);
  });
});
