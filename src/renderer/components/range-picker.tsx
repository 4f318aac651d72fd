/** 1 h / 24 h / 7 d as native radio buttons styled as a segmented control (arrow keys for free). */
import type { HistoryRange } from '../../shared/snapshot';
import { RANGE_LABELS } from '../lib/chart-data';

const RANGES: readonly { value: HistoryRange; short: string }[] = [
  { value: '1h', short: '1 h' },
  { value: '24h', short: '24 h' },
  { value: '7d', short: '7 d' },
];

interface RangePickerProps {
  value: HistoryRange;
  onChange: (range: HistoryRange) => void;
}

export function RangePicker({ value, onChange }: RangePickerProps) {
  return (
    <fieldset className="segmented" data-testid="history-range">
      <legend className="visually-hidden">Time range</legend>
      {RANGES.map((range) => (
        <label key={range.value} className="segment" title={RANGE_LABELS[range.value]}>
          <input
            type="radio"
            name="history-range"
            value={range.value}
            checked={value === range.value}
            onChange={() => onChange(range.value)}
            aria-label={RANGE_LABELS[range.value]}
          />
          <span aria-hidden="true">{range.short}</span>
        </label>
      ))}
    </fieldset>
  );
}
