import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './typed-emitter';

describe('TypedEmitter', () => {
  it('delivers to every listener until it unsubscribes', () => {
    const e = new TypedEmitter<{ n: number }>();
    const seen: number[] = [];
    const off = e.on('n', (v) => seen.push(v));
    e.on('n', (v) => seen.push(v * 10));
    e.emit('n', 1);
    off();
    e.emit('n', 2);
    expect(seen).toEqual([1, 10, 20]);
  });

  it('keeps delivering when a listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const e = new TypedEmitter<{ n: number }>((err) => errors.push(err));
    const seen: number[] = [];
    e.on('n', () => {
      throw new Error('boom');
    });
    e.on('n', (v) => seen.push(v));
    e.emit('n', 3);
    expect(seen).toEqual([3]);
    expect(errors).toHaveLength(1);
  });
});
