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
  // Before Directory: the privacy officer's home page is the first item their role may see.
  { to: '/privacy', label: 'Privacy', permission: 'audit:read' },
  { to: '/directory', label: 'Directory', permission: 'directory:read' },
];
