import type { User, UserPage } from '../../../src/users/users.schema.js';
import { useApiQuery } from '../api/use-api-query';

// User accounts: every list and every look at an account is audited by the server.

export type { User, UserPage };

export const USERS_PATH = '/users';
export const userPath = (id: number) => `/users/${id}`;

export interface UserFilters {
  q?: string;
  role?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export const useUsers = (filters: UserFilters) => useApiQuery<UserPage>(USERS_PATH, { ...filters });
export const useUser = (id: number | undefined) => useApiQuery<User>(userPath(id ?? 0), {}, { enabled: id !== undefined });
