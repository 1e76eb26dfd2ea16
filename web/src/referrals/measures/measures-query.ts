import { idFrom } from '../../patients/patient-format';
import type { MeasuresQuery } from '../referrals.api';

// The measures page's choices live in the URL, so a commissioner can send a colleague the same view.

export const GROUP_BYS = ['region', 'provider', 'nation'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const GROUP_BY_LABELS: Record<GroupBy, string> = { region: 'By region', provider: 'By provider', nation: 'By nation' };

const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function measuresQueryFrom(params: URLSearchParams): MeasuresQuery {
  const groupBy = GROUP_BYS.find((g) => g === params.get('groupBy')) ?? 'region';
  const from = params.get('from');
  const to = params.get('to');
  return {
    groupBy,
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
    regionId: idFrom(params.get('regionId')),
    prisonOnly: params.get('prisonOnly') === 'true' ? true : undefined,
  };
}
