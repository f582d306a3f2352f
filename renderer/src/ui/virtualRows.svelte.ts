import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualItem } from '@tanstack/virtual-core';

export interface VirtualRowsOptions {
  count: number;
  /** Every row is this tall (px). */
  rowHeight: number;
  /** Rows rendered beyond the visible ones on each side. */
  overscan: number;
  /** Space above the first row inside the scroll element (a table's header), px. */
  headerHeight: number;
}

/**
 * The rows of a long list that are in (or near) view of a scroll element, through TanStack Virtual's
 * framework-free core: only these are rendered; spacers stand for the others.
 */
export class VirtualRows {
  items = $state.raw<VirtualItem[]>([]);
  totalSize = $state(0);
  readonly #virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  #element: HTMLElement | null = null;

  constructor(options: VirtualRowsOptions) {
    this.#virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: options.count,
      getScrollElement: () => this.#element,
      estimateSize: () => options.rowHeight,
      overscan: options.overscan,
      paddingStart: options.headerHeight,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: (instance) => this.#publish(instance),
    });
  }

  /** Starts following the scroll element; returns the function that stops. */
  attach(element: HTMLElement): () => void {
    this.#element = element;
    const stop = this.#virtualizer._didMount();
    this.#virtualizer._willUpdate();
    this.#publish(this.#virtualizer);
    return () => {
      stop();
      this.#element = null;
    };
  }

  setCount(count: number): void {
    if (this.#virtualizer.options.count === count) return;
    this.#virtualizer.setOptions({ ...this.#virtualizer.options, count });
    this.#virtualizer._willUpdate();
    this.#publish(this.#virtualizer);
  }

  scrollToTop(): void {
    this.#virtualizer.scrollToOffset(0);
  }

  /** Height of the spacer above the rendered rows, and below them. */
  get spaceAbove(): number {
    return this.items.length > 0 ? this.items[0].start - this.#virtualizer.options.paddingStart : 0;
  }

  get spaceBelow(): number {
    return this.items.length > 0 ? this.totalSize - this.items[this.items.length - 1].end : 0;
  }

  #publish(instance: Virtualizer<HTMLElement, HTMLElement>): void {
    this.items = instance.getVirtualItems();
    this.totalSize = instance.getTotalSize();
  }
}
