import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import type { BedState, ScopeQuery } from '../../../src/beds/beds.schema.js';
import { paramOfLevel, scopeHref } from './bed-scope';
import classes from './breadcrumb.module.css';

/** All nations → nation → region → provider → unit → ward; every step but the last links back up. */
export function ScopeBreadcrumb({ breadcrumb }: { breadcrumb: BedState['scope']['breadcrumb'] }) {
  let scope: ScopeQuery = {};
  const steps = breadcrumb.map((crumb) => {
    const param = paramOfLevel(crumb.level);
    if (param && crumb.id !== null) scope = { ...scope, [param]: crumb.id };
    return { ...crumb, href: scopeHref(scope) };
  });
  return (
    <nav aria-label="Breadcrumb" className={classes.nav}>
      <ol className={classes.list}>
        {steps.map((step, i) => (
          <li key={`${step.level}-${step.id ?? 'all'}`}>
            {i < steps.length - 1 ? (
              <Anchor component={Link} to={step.href}>
                {step.name}
              </Anchor>
            ) : (
              <span aria-current="page">{step.name}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
