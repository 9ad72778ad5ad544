import { pdf, type DocumentProps } from '@react-pdf/renderer';
import type { ReactElement } from 'react';

/**
 * Renders one document to PDF bytes. react-pdf 4.9's `pdf()` makes a React root that is never
 * unmounted, so each render would stay in memory: once the bytes are read, the root is emptied (its
 * tree unmounted) and the container lets go of the laid-out document.
 */
export async function renderToBytes(document: ReactElement): Promise<Uint8Array> {
  // A component that draws a <Document> is what pdf() takes, whatever its props are called.
  const instance = pdf(document as ReactElement<DocumentProps>);
  try {
    const stream = await instance.toBuffer();
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(chunk);
    // A fresh buffer of its own (never Node's shared pool), so it can be handed to another thread.
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  } finally {
    // null unmounts the tree (the typings say an element is needed; react-pdf accepts null).
    instance.updateContainer(null as unknown as ReactElement);
    (instance.container as { document: unknown }).document = null;
  }
}
