import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

interface Props {
  option: ChartOption;
  /** What the chart shows, for people who cannot see it; put a short text summary next to it too. */
  label: string;
  height?: number;
  /** Fill series with patterns as well as colours (for charts where series sit side by side). */
  patterns?: boolean;
}

/** One ECharts instance on a div: created on mount, updated when the option changes, disposed on unmount. */
export function EChart({ option, label, height = 300, patterns = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current!;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, aria: { enabled: true, label: { description: label }, decal: { show: patterns } } }, { notMerge: true });
  }, [option, label, patterns]);

  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
