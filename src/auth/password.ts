import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../http/errors.js';
import { passwordProblems } from '../users/users.rules.js';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so a wrong user name takes as long as a wrong password. */
export const DUMMY_HASH = await hashPassword('no-such-user-placeholder');

/** Refuses a password that breaks the policy (length, variety, not the user name), saying why, on `field`. */
export function checkNewPassword(password: string, username: string, field = 'password') {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError('weak_password', `The password ${problems.join(', and ')}.`, { details: problems.map((message) => ({ field, message })) });
  }
}
