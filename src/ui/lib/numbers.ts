const count = new Intl.NumberFormat('id-ID');
const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** 1.234.567 (id-ID grouping, as the branch's reports are written). */
export function formatCount(value: number): string {
  return count.format(value);
}

/** 12,3 MB (binary multiples, id-ID decimal comma). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? count.format(value) : decimal.format(value)} ${units[unit]}`;
}
