import { NavLink } from 'react-router';
import type { Permission } from '../app/auth';
import { useAuth } from '../app/auth';
import classes from './referrals-nav.module.css';

export const MEASURES_PATH = '/referrals/measures';
export const PRISON_RETURNS_PATH = '/referrals/prison-returns';

const LINKS: { to: string; label: string; permission: Permission }[] = [
  { to: '/referrals', label: 'Referral board', permission: 'referrals:read' },
  { to: PRISON_RETURNS_PATH, label: 'Returns to prison', permission: 'referrals:read' },
  { to: MEASURES_PATH, label: 'Transfer measures', permission: 'referrals:measures' },
];

/** The referral pages side by side, for the roles that may see more than one of them. */
export function ReferralsNav() {
  const { can } = useAuth();
  const links = LINKS.filter((l) => can(l.permission));
  if (links.length < 2) return null;
  return (
    <nav aria-label="Referral pages">
      <ul className={classes.nav}>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end className={classes.link}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
