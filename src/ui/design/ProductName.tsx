import './productName.css';

/** Longer than this, a word may break anywhere rather than push the column wider. */
const LONGEST_UNBROKEN = 28;

/**
 * A product or service name as the catalogue has it ("Oli mesin 10W-40 1 L",
 * "Ban tubeless 80/90-14"). Browsers break lines after a hyphen or a slash,
 * which splits a size or a code ("10W-" / "40"); here each word stays whole,
 * so a name wraps only at its spaces. `lines` clamps it to one to three
 * lines with an ellipsis where a cell is narrow; the full name is always the
 * tooltip. The text itself is unchanged (copying or searching for it still works).
 */
export function ProductName({ name, lines, className }: { name: string; lines?: 1 | 2 | 3; className?: string }) {
  const classes = ['product-name', lines ? `product-name--lines-${lines}` : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <span className={classes} title={name}>
      {name.split(/(\s+)/).map((part, i) =>
        /^\s+$/.test(part) || part === '' ? (
          part === '' ? null : ' '
        ) : /[-/‐–]/.test(part) && part.length <= LONGEST_UNBROKEN ? (
          <span key={i} className="product-name__word">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </span>
  );
}
