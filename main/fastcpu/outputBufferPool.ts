import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendValues, DataId, DataType } from '@tensorflow/tfjs-core';

/**
 * Float arrays of native kernel outputs, reused once the tensor holding one is disposed. A training
 * step allocates the same sizes every time (the CNN about 30 MB a step); new ArrayBuffers of that
 * much count as external memory, and V8 answers with a full mark-compact every 64 MB (5–9 ms each,
 * about a tenth of a CNN step's time).
 *
 * An array goes back to the pool only when nothing else can still see it:
 * - the tensor data holding it was deleted by the cpu backend (its reference count reached 0);
 * - it was never read out (`read`/`readSync`, which return the array itself to the caller, and
 *   everything built on them: `data()`, `dataSync()`, `buffer()`, `array()`);
 * - no other tensor data was written with it or with a view of its memory (a kernel returning a
 *   `subarray` of its input).
 * Whatever fails one of these is left to the garbage collector, as before.
 */

interface Tracked {
  array: Float32Array;
  /** Live tensor data holding the array. */
  holders: number;
  /** Seen outside the kernels, or shared: never reused. */
  escaped: boolean;
}

/** At most this much memory waits in the pool; arrays beyond it are dropped. */
const MAX_POOLED_BYTES = 256 * 1024 * 1024;

export class OutputBufferPool {
  readonly #free = new Map<number, Float32Array[]>();
  #freeBytes = 0;
  readonly #tracked = new WeakMap<ArrayBuffer, Tracked>();
  readonly #attached = new WeakSet<MathBackendCPU>();

  /** An array of `length` floats whose contents are undefined (a kernel writes all of it). */
  take(length: number): Float32Array {
    const reused = this.#free.get(length)?.pop();
    if (reused) {
      this.#freeBytes -= reused.byteLength;
      return reused;
    }
    const bytes = Buffer.allocUnsafeSlow(length * Float32Array.BYTES_PER_ELEMENT);
    const array = new Float32Array(bytes.buffer, bytes.byteOffset, length);
    this.#tracked.set(array.buffer as ArrayBuffer, { array, holders: 0, escaped: false });
    return array;
  }

  /** Arrays waiting to be reused, and their bytes. */
  stats(): { arrays: number; bytes: number } {
    let arrays = 0;
    for (const list of this.#free.values()) arrays += list.length;
    return { arrays, bytes: this.#freeBytes };
  }

  /** Follows the backend's tensor data (idempotent): writes, reads and deletions. */
  attach(backend: MathBackendCPU): void {
    if (this.#attached.has(backend)) return;
    this.#attached.add(backend);
    const write = backend.write.bind(backend);
    const move = backend.move.bind(backend);
    const readSync = backend.readSync.bind(backend);
    const disposeData = backend.disposeData.bind(backend);
    backend.write = (values: BackendValues, shape: number[], dtype: DataType): DataId => {
      this.#held(values);
      return write(values, shape, dtype);
    };
    backend.move = (dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void => {
      const before = backend.data.has(dataId) ? backend.data.get(dataId).values : undefined;
      move(dataId, values, shape, dtype, refCount);
      if (before !== undefined) this.#released(before);
      this.#held(values);
    };
    // `read` resolves with readSync's result, so marking there covers both.
    backend.readSync = (dataId: DataId) => {
      this.#escape(backend.data.get(dataId)?.values);
      return readSync(dataId);
    };
    backend.disposeData = (dataId: DataId, force?: boolean): boolean => {
      const values = backend.data.has(dataId) ? backend.data.get(dataId).values : undefined;
      const released = disposeData(dataId, force);
      if (values !== undefined && !backend.data.has(dataId)) this.#released(values);
      return released;
    };
  }

  #trackedOf(values: BackendValues | undefined): Tracked | undefined {
    if (!(values instanceof Float32Array)) return undefined;
    return this.#tracked.get(values.buffer as ArrayBuffer);
  }

  #held(values: BackendValues): void {
    const t = this.#trackedOf(values);
    if (!t) return;
    // A view of the memory, or the array held twice: lifetimes this pool cannot follow.
    if (values !== t.array || t.holders > 0) t.escaped = true;
    t.holders++;
  }

  #escape(values: BackendValues | undefined): void {
    const t = this.#trackedOf(values);
    if (t) t.escaped = true;
  }

  #released(values: BackendValues): void {
    const t = this.#trackedOf(values);
    if (!t) return;
    t.holders--;
    if (t.holders > 0 || t.escaped || values !== t.array) return;
    if (this.#freeBytes + t.array.byteLength > MAX_POOLED_BYTES) {
      t.escaped = true; // dropped: the garbage collector frees it
      return;
    }
    const list = this.#free.get(t.array.length) ?? [];
    list.push(t.array);
    this.#free.set(t.array.length, list);
    this.#freeBytes += t.array.byteLength;
  }
}

/** The pool of the native kernels' outputs in this process. */
export const outputBufferPool = new OutputBufferPool();
