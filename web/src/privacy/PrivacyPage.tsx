import type { ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import { Tabs, Text } from '@mantine/core';
import { PageHeading } from '../ui/PageHeading';
import { AuditTrailCheck } from './AuditTrailCheck';
import { EmergencyClaims } from './EmergencyClaims';
import { PatientTrail } from './PatientTrail';
import { PRIVACY_TABS, type PrivacyTab } from './privacy-tabs';
import { RefusedAttempts } from './RefusedAttempts';

const PANELS: Record<PrivacyTab, ComponentType> = {
  claims: EmergencyClaims,
  patient: PatientTrail,
  refused: RefusedAttempts,
  check: AuditTrailCheck,
};

/** The privacy officer's page: emergency access to review, who has looked at a patient, refusals, and the audit trail's integrity. */
export function PrivacyPage() {
  const [params, setParams] = useSearchParams();
  const tab = PRIVACY_TABS.find((t) => t.value === params.get('tab'))?.value ?? 'claims';

  return (
    <>
      <PageHeading title="Privacy" />
      <Text mb="md">Review emergency access to patient records, see who has looked at a patient, and check that the audit trail is intact.</Text>
      <Tabs value={tab} onChange={(value) => value && setParams({ tab: value })} keepMounted={false}>
        <Tabs.List aria-label="Privacy checks">
          {PRIVACY_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PRIVACY_TABS.map(({ value }) => {
          const Panel = PANELS[value];
          return (
            <Tabs.Panel key={value} value={value} pt="md">
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}
