/**
 * A worker entry for test/runtime/ordering.test.ts: in this thread, a FIN between two nodes
 * (`null` posted on a link's port) — and the close of that port after it — leaves
 * {@link FIN_LATE_MS} real ms late, in order; then it loads the real worker. Per-port order is
 * all a platform promises, so this is a delivery the runtime must cope with: a node that closes
 * a connection and opens another to the same node asks the runtime for the new one at once,
 * and its FIN reaches the other node after the accept unless the runtime orders them.
 */
import { MessagePort } from 'node:worker_threads';

const FIN_LATE_MS = 150;

const proto = MessagePort.prototype as unknown as {
  postMessage(this: MessagePort, message: unknown, transfer?: unknown[]): void;
  close(this: MessagePort): void;
};
const post = proto.postMessage;
const close = proto.close;
const late = new WeakSet<MessagePort>();
proto.postMessage = function (message, transfer) {
  if (message === null || late.has(this)) {
    late.add(this);
    setTimeout(() => post.call(this, message, transfer), FIN_LATE_MS);
  } else post.call(this, message, transfer);
};
proto.close = function () {
  if (late.has(this)) setTimeout(() => close.call(this), FIN_LATE_MS);
  else close.call(this);
};

await import(new URL('../../workers/node.worker.ts', import.meta.url).href);
