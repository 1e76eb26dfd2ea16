import { Suspense } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../../src/shared/vocabulary.js';
import { ChooseOwnPassword } from '../account/ChooseOwnPassword';
import { SecondFactorGate } from '../account/SecondFactorGate';
import { Loading } from '../ui/Loading';
import { useAuth } from './auth';
import classes from './layout.module.css';
import { NAV_ITEMS } from './nav-items';

/**
 * Header (name, navigation, who is signed in), then the page. While the password is one an
 * administrator set, there is no navigation and the page is the form to choose one's own.
 */
export function AppLayout() {
  const { me, can, signOut } = useAuth();
  if (!me) return null;
  const held = me.mustChangePassword;

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <Box component="header" className={classes.header}>
        <Container size="xl">
          <Group justify="space-between" py="sm" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" className={classes.brand}>
              SecurePath
            </Anchor>
            <Group gap="sm" wrap="wrap">
              <Text className={classes.user}>
                {me.displayName}
                <span className={classes.role}> · {ROLE_LABELS[me.activeRole]}</span>
              </Text>
              {!held && (
                <Anchor component={Link} to="/account" className={classes.accountLink}>
                  Your account
                </Anchor>
              )}
              <Button variant="white" size="xs" onClick={() => void signOut()}>
                Sign out
              </Button>
            </Group>
          </Group>
          {!held && (
          <nav aria-label="Main">
            <ul className={classes.nav}>
              {NAV_ITEMS.filter((item) => can(item.permission)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} className={classes.navLink}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          )}
        </Container>
      </Box>
      <main id="main-content" tabIndex={-1} className={classes.main}>
        <Container size="xl" py="lg">
          {held ? (
            <ChooseOwnPassword />
          ) : (
            <>
              <SecondFactorGate />
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </>
          )}
        </Container>
      </main>
      <ScrollRestoration />
    </>
  );
}
