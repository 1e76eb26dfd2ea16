import type { Permission } from './auth';

export interface NavItem {
  to: string;
  label: string;
  permission: Permission;
}

/** The main navigation, each item shown only to roles holding its permission. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Bed state', permission: 'beds:read' },
  { to: '/find-a-bed', label: 'Find a bed', permission: 'beds:read' },
  { to: '/patients', label: 'Patients', permission: 'patients:read' },
  // Every role that may read referrals may see the measures too; aggregate-only roles land on the measures.
  { to: '/referrals', label: 'Referrals', permission: 'referrals:measures' },
  { to: '/planning', label: 'Planning', permission: 'planning:run' },
  // Before Directory: the privacy officer's home page is the first item their role may see.
  { to: '/privacy', label: 'Privacy', permission: 'audit:read' },
  { to: '/directory', label: 'Directory', permission: 'directory:read' },
  { to: '/users', label: 'Users', permission: 'users:admin' },
];
