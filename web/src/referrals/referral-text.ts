import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import type { ReferralSummary } from './referrals.api';

/** "Medium secure", or "Does not need secure care" for an assessment's 'not_required'. */
export const tierLabel = (tier: keyof typeof TIER_LABELS | 'not_required') => (tier === 'not_required' ? 'Does not need secure care' : TIER_LABELS[tier]);

/** The panel a referral sits with: "Ash Unit (North Trust)" or "London regional panel". */
export const panelName = (r: Pick<ReferralSummary, 'targetUnit' | 'targetRegion'>) =>
  r.targetUnit ? `${r.targetUnit.name} (${r.targetUnit.organisationName})` : `${r.targetRegion.name} regional panel`;

/** The tiers an assessment or a declining panel may recommend, including "does not need secure care". */
export const RECOMMENDED_TIER_OPTIONS = (['high', 'medium', 'low', 'not_required'] as const).map((value) => ({ value, label: tierLabel(value) }));
