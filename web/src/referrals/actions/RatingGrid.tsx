import { Fieldset, Group, Radio, Table, Text } from '@mantine/core';
import type { Instrument } from '../referrals.api';

export type RatingsForm = Record<string, number | undefined>;

interface Props {
  instrument: Instrument;
  ratings: RatingsForm;
  onChange(ratings: RatingsForm): void;
  error?: string;
}

const scaleOf = ({ scale }: Instrument) => Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);

/** Every item of a structured instrument rated on its scale (0–4 for DUNDRUM), one row each, with the running total. */
export function RatingGrid({ instrument, ratings, onChange, error }: Props) {
  const scale = scaleOf(instrument);
  const rated = instrument.items.filter((i) => ratings[i.code] !== undefined);
  const total = rated.reduce((sum, i) => sum + (ratings[i.code] ?? 0), 0);
  return (
    <Fieldset legend={`${instrument.name} (rate each item ${instrument.scale.min} to ${instrument.scale.max})`}>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={4} aria-label={`${instrument.name} ratings`}>
          <Table.Tbody>
            {instrument.items.map((item) => (
              <Table.Tr key={item.code}>
                <Table.Td w="60%">
                  <Text size="sm" id={`rating-${item.code}`}>
                    <strong>{item.code}</strong> {item.label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Radio.Group
                    aria-labelledby={`rating-${item.code}`}
                    value={ratings[item.code] === undefined ? '' : String(ratings[item.code])}
                    onChange={(v) => onChange({ ...ratings, [item.code]: Number(v) })}
                  >
                    <Group gap="md" wrap="nowrap">
                      {scale.map((n) => (
                        <Radio key={n} value={String(n)} label={String(n)} aria-label={`${item.code} rated ${n}`} />
                      ))}
                    </Group>
                  </Radio.Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" mt="xs" fw={600} aria-live="polite">
        {rated.length === instrument.items.length ? `Total ${total}` : `${rated.length} of ${instrument.items.length} items rated`}
      </Text>
      {error && (
        <Text c="red.9" size="sm" fw={700}>
          {error}
        </Text>
      )}
    </Fieldset>
  );
}

/** The ratings as the API takes them, or null while any item is unrated. */
export function completeRatings(instrument: Instrument | undefined, ratings: RatingsForm): Record<string, number> | null {
  if (!instrument) return {};
  const out: Record<string, number> = {};
  for (const item of instrument.items) {
    const r = ratings[item.code];
    if (r === undefined) return null;
    out[item.code] = r;
  }
  return out;
}
