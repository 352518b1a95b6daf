import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { HandlerOptions } from '../server/handler';
import { createHandler } from '../server/handler';
import { hostPart } from './address';

export interface ShareListener {
  port: number;
  close(): Promise<void>;
}

/**
 * HTTPS on one address (issue 18): never a wildcard, never plain HTTP. The port takes TCP and looks
 * at the first byte: a TLS handshake (0x16) goes to the HTTPS server; anything else is answered
 * with a redirect to https://ADDRESS:PORT/ (a fixed address, never the Host it was sent) and
 * closed, and nothing else is served in plain text. Closing ends every open connection at once.
 */
export function listenShared(
  address: string,
  port: number,
  tls: { keyPem: string; certPem: string },
  handler: Omit<HandlerOptions, 'hosts' | 'origins'>,
): Promise<ShareListener> {
  let actual = port;
  const origin = () => `https://${hostPart(address)}:${actual}`;
  const secure = https.createServer(
    { key: tls.keyPem, cert: tls.certPem, minVersion: 'TLSv1.2' },
    createHandler({
      ...handler,
      hosts: () => new Set([`${hostPart(address)}:${actual}`]),
      origins: () => new Set([origin()]),
    }),
  );
  secure.keepAliveTimeout = 30_000;
  const plain = http.createServer((_req, res) => {
    res.writeHead(301, { Location: `${origin()}/`, Connection: 'close', 'Content-Type': 'text/plain' });
    res.end('Use HTTPS.\n');
  });
  const sockets = new Set<net.Socket>();
  // no Nagle: an answer goes out at once, not after the client's delayed ACK (tens of ms a call)
  const front = net.createServer({ noDelay: true }, (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(60_000, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen({ host: address, port, exclusive: true }, () => {
      actual = (front.address() as net.AddressInfo).port;
      resolve({
        port: actual,
        close: () =>
          new Promise<void>((r) => {
            front.close(() => r());
            for (const s of sockets) s.destroy();
            secure.close();
            plain.close();
          }),
      });
    });
  });
}
