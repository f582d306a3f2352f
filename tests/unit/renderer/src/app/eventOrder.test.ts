import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventOrder } from '../../../../../renderer/src/app/eventOrder.js';

describe('EventOrder: a request’s reply versus events about the same run', () => {
  it('keeps a reply when no event about its run came while the request was under way', () => {
    const order = new EventOrder();
    order.event(1);
    const mark = order.mark();
    order.event(2); // another run
    assert.equal(order.replyIsCurrent(1, mark), true);
    assert.equal(order.replyIsCurrent(3, mark), true, 'a run never heard of');
  });

  it('drops a reply overtaken by an event about its run (cancelled before the reply to cancelRun)', () => {
    const order = new EventOrder();
    order.event(1);
    const mark = order.mark();
    order.event(1);
    assert.equal(order.replyIsCurrent(1, mark), false);
    assert.equal(order.replyIsCurrent(1, order.mark()), true, 'a later request is current again');
  });

  it('drops the reply to createRun when the new run’s first events came first', () => {
    const order = new EventOrder();
    const mark = order.mark();
    order.event(7);
    assert.equal(order.replyIsCurrent(7, mark), false);
  });
});
