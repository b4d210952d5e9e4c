import { useCallback, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * Which rows of a very long list are on screen, over @tanstack/react-virtual.
 *
 * Browsers cap an element's height (Chromium about 33.5 million px, Firefox
 * about 17.9 million), and a million customers at 36 px is 36 million px. Up
 * to MAX_SCROLL_PX the virtualizer works as usual, one slot per row. Above it
 * the scroll area stays MAX_SCROLL_PX tall, each slot is thinner than a row,
 * and the scroll position is mapped onto the whole list: the rows are drawn in
 * a layer that stays in view (position: sticky) and moves a row at a time, as
 * a spreadsheet does. Both ends of the list stay reachable with the scrollbar,
 * the wheel and the keyboard.
 */
const MAX_SCROLL_PX = 15_000_000;
const OVERSCAN_ROWS = 8;

export interface ListWindow {
  /** Height of the scrollable area in px. */
  totalHeight: number;
  /** True when rows are drawn in the sticky layer (lists too long for the browser). */
  scaled: boolean;
  firstIndex: number;
  lastIndex: number;
  /** Where row `index` is drawn: inside the spacer (plain) or inside the sticky layer (scaled). */
  rowTop(index: number): number;
  /** Height of the visible area in px. */
  viewportHeight: number;
  scrollToIndex(index: number): void;
  scrollOffset(): number;
}

export function useListWindow(options: {
  count: number;
  rowHeight: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  initialOffset: number;
}): ListWindow {
  const { count, rowHeight, scrollRef, initialOffset } = options;
  const fullHeight = count * rowHeight;
  const scaled = fullHeight > MAX_SCROLL_PX;
  const slot = scaled ? MAX_SCROLL_PX / count : rowHeight;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => slot,
    overscan: scaled ? 0 : OVERSCAN_ROWS,
    initialOffset,
    initialRect: { width: 1000, height: 600 },
  });

  const viewportHeight = virtualizer.scrollRect?.height ?? 600;
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const totalHeight = virtualizer.getTotalSize();

  // Scaled: the fraction scrolled, applied to the full height of the list.
  const maxScroll = Math.max(1, totalHeight - viewportHeight);
  const maxPosition = Math.max(0, fullHeight - viewportHeight);
  const position = scaled ? Math.min(maxPosition, (scrollTop / maxScroll) * maxPosition) : scrollTop;

  let firstIndex = 0;
  let lastIndex = -1;
  if (count > 0) {
    if (scaled) {
      const first = Math.floor(position / rowHeight);
      firstIndex = Math.max(0, first - OVERSCAN_ROWS);
      lastIndex = Math.min(count - 1, first + Math.ceil(viewportHeight / rowHeight) + OVERSCAN_ROWS);
    } else {
      const items = virtualizer.getVirtualItems();
      firstIndex = items[0]?.index ?? 0;
      lastIndex = items[items.length - 1]?.index ?? -1;
    }
  }

  const scrollToIndex = useCallback(
    (index: number) => {
      if (!scaled) {
        virtualizer.scrollToIndex(index, { align: 'auto' });
        return;
      }
      const top = index * rowHeight;
      let target = position;
      if (top < position) target = top;
      else if (top + rowHeight > position + viewportHeight) target = top + rowHeight - viewportHeight;
      else return;
      virtualizer.scrollToOffset((target / Math.max(1, maxPosition)) * maxScroll);
    },
    [scaled, virtualizer, rowHeight, position, viewportHeight, maxPosition, maxScroll],
  );

  return {
    totalHeight,
    scaled,
    firstIndex,
    lastIndex,
    viewportHeight,
    rowTop: (index) => (scaled ? index * rowHeight - position : index * rowHeight),
    scrollToIndex,
    scrollOffset: () => virtualizer.scrollOffset ?? 0,
  };
}
