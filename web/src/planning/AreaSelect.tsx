import { NativeSelect } from '@mantine/core';
import { useNations, useRegions } from '../directory/directory.api';
import type { OptionGroup } from '../ui/options';

interface Props {
  value: string;
  onChange(code: string): void;
  label?: string;
  description?: string;
  error?: string;
}

/** A region, a whole nation, or everywhere, by code (what the planning API takes). */
export function AreaSelect({ value, onChange, label = 'Area', description, error }: Props) {
  const nations = useNations();
  const regions = useRegions();
  const groups: (OptionGroup | { value: string; label: string })[] = [
    { value: '', label: 'All nations' },
    ...(nations.data ?? []).map((n) => ({
      group: n.name,
      items: [{ value: n.code, label: `${n.name} (all regions)` }, ...(regions.data ?? []).filter((r) => r.nationId === n.id).map((r) => ({ value: r.code, label: r.name }))],
    })),
  ];
  return <NativeSelect label={label} description={description} error={error} data={groups} value={value} onChange={(e) => onChange(e.currentTarget.value)} />;
}
