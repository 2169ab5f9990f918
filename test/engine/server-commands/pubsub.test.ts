/**
 * Goal: SUBSCRIBE/UNSUBSCRIBE/PSUBSCRIBE/PUNSUBSCRIBE/PUBLISH/PUBSUB reply exactly as Redis
 * 7.0.15: one confirmation per channel with the running count, unsubscribe-all, the nil
 * channel when there is nothing to leave, the subscribed-context restriction, and delivery.
 * Method: engine harness; the expected bytes were recorded from a real redis-server 7.0.15.
 */
import { describe, expect, it } from 'vitest';
import { startServer, show } from '../../support/engine-harness.ts';
import { encodeCommand, encodeReply, type Reply } from '../../../src/engine/resp/reply.ts';

const wire = (replies: Reply[]) => replies.map(encodeReply).join('');

describe('pub/sub', () => {
  it('SUBSCRIBE confirms each channel, repeated ones included, with the count', () => {
    const c = startServer().client();
    expect(wire(c.sendRaw(encodeCommand(['SUBSCRIBE', 'a', 'b', 'a'])))).toBe(
      '*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:2\r\n',
    );
    expect(wire(c.sendRaw(encodeCommand(['PSUBSCRIBE', 'p*', 'p*'])))).toBe(
      '*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n',
    );
  });

  it('only (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET are allowed while subscribed', () => {
    const c = startServer().client();
    c.sendRaw(encodeCommand(['SUBSCRIBE', 'a']));
    expect(show(c.call('GET', 'a'))).toBe("(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
    expect(show(c.call('PUBSUB', 'NUMSUB', 'a'))).toBe(
      "(error) ERR Can't execute 'pubsub|numsub': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    );
    expect(encodeReply(c.call('PING'))).toBe('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
    expect(encodeReply(c.call('PING', 'x'))).toBe('*2\r\n$4\r\npong\r\n$1\r\nx\r\n');
  });

  it('UNSUBSCRIBE names channels (even unknown ones) or leaves all; nothing to leave gives a nil channel', () => {
    const c = startServer().client();
    expect(wire(c.sendRaw(encodeCommand(['UNSUBSCRIBE'])))).toBe('*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n');
    expect(wire(c.sendRaw(encodeCommand(['PUNSUBSCRIBE'])))).toBe('*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n');
    c.sendRaw(encodeCommand(['SUBSCRIBE', 'a', 'b']));
    c.sendRaw(encodeCommand(['PSUBSCRIBE', 'p*']));
    expect(wire(c.sendRaw(encodeCommand(['UNSUBSCRIBE', 'b', 'zz'])))).toBe(
      '*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$2\r\nzz\r\n:2\r\n',
    );
    expect(wire(c.sendRaw(encodeCommand(['PUNSUBSCRIBE'])))).toBe('*3\r\n$12\r\npunsubscribe\r\n$2\r\np*\r\n:1\r\n');
    expect(wire(c.sendRaw(encodeCommand(['UNSUBSCRIBE'])))).toBe('*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n');
    expect(show(c.call('GET', 'a'))).toBe('(nil)');
  });

  it('PUBLISH delivers to channel and pattern subscribers and counts them', () => {
    const s = startServer();
    const sub = s.client();
    const psub = s.client();
    const pub = s.client();
    sub.sendRaw(encodeCommand(['SUBSCRIBE', 'news', 'alerts']));
    psub.sendRaw(encodeCommand(['PSUBSCRIBE', 'n*']));
    expect(show(pub.call('PUBLISH', 'news', 'first message'))).toBe('(integer) 2');
    expect(show(pub.call('PUBLISH', 'alerts', 'second message'))).toBe('(integer) 1');
    expect(show(pub.call('PUBLISH', 'nobody', 'x'))).toBe('(integer) 1');
    expect(show(pub.call('PUBLISH', 'zzz', 'x'))).toBe('(integer) 0');
    expect(sub.take().map(show)).toEqual([
      ['message', 'news', 'first message'],
      ['message', 'alerts', 'second message'],
    ]);
    expect(psub.take().map(show)).toEqual([
      ['pmessage', 'n*', 'news', 'first message'],
      ['pmessage', 'n*', 'nobody', 'x'],
    ]);
    expect(show(pub.call('PUBLISH', 'a'))).toBe("(error) ERR wrong number of arguments for 'publish' command");
  });

  it('PUBSUB CHANNELS/NUMSUB/NUMPAT/HELP and their errors', () => {
    const s = startServer();
    const sub = s.client();
    sub.sendRaw(encodeCommand(['SUBSCRIBE', 'news', 'alerts']));
    sub.sendRaw(encodeCommand(['PSUBSCRIBE', 'n*', 'a*']));
    const c = s.client();
    expect(show(c.call('PUBSUB', 'CHANNELS'))).toEqual(['news', 'alerts']);
    expect(show(c.call('PUBSUB', 'CHANNELS', 'n*'))).toEqual(['news']);
    expect(show(c.call('PUBSUB', 'NUMSUB', 'news', 'zz'))).toEqual(['news', '(integer) 1', 'zz', '(integer) 0']);
    expect(show(c.call('PUBSUB', 'NUMSUB'))).toEqual([]);
    expect(show(c.call('PUBSUB', 'NUMPAT'))).toBe('(integer) 2');
    expect(show(c.call('PUBSUB', 'NUMPAT', 'x'))).toBe("(error) ERR wrong number of arguments for 'pubsub|numpat' command");
    expect(show(c.call('PUBSUB', 'foo'))).toBe("(error) ERR unknown subcommand 'foo'. Try PUBSUB HELP.");
    expect(show(c.call('PUBSUB', 'channels', 'a', 'b'))).toBe("(error) ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.");
    expect(show(c.call('PUBSUB'))).toBe("(error) ERR wrong number of arguments for 'pubsub' command");
    expect(show(c.call('SUBSCRIBE'))).toBe("(error) ERR wrong number of arguments for 'subscribe' command");
    const help = show(c.call('PUBSUB', 'HELP')) as string[];
    expect(help).toHaveLength(14);
    expect(help[1]).toBe('CHANNELS [<pattern>]');
    sub.close();
    expect(show(c.call('PUBSUB', 'CHANNELS'))).toEqual([]);
    expect(show(c.call('PUBSUB', 'NUMPAT'))).toBe('(integer) 0');
  });
});
