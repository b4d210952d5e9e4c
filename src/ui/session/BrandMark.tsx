/** The Simpul wordmark: a knot of two loops ("simpul" is Indonesian for knot). */
export function BrandMark({ compact }: { compact?: boolean }) {
  return (
    <span className={`brand ${compact ? 'brand--compact' : ''}`}>
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" fill="#0f766e" />
        <path
          d="M10 11.5a4.5 4.5 0 1 1 6 4.24V16a4.5 4.5 0 1 0 6 4.24"
          fill="none"
          stroke="#ffffff"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
      </svg>
      <span className="brand__name">Simpul</span>
    </span>
  );
}
