// Reads the six novels out of janeaustenr's R lazy-load database (data/Rdata.rdb) with node:zlib, no R needed.
// The file is a sequence of objects, each a 4-byte big-endian uncompressed length followed by a zlib stream
// of an XDR-serialised R object; each novel is a character vector (STRSXP) of its lines.
import { inflateSync } from 'node:zlib';

export interface RawBook {
  readonly title: string;
  readonly lines: readonly string[];
}

const STRSXP = 16;

export function readAustenRdb(bytes: Buffer): RawBook[] {
  const books: RawBook[] = [];
  let off = 0;
  while (off + 4 < bytes.length) {
    const r = inflateSync(bytes.subarray(off + 4), { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    off += 4 + r.engine.bytesWritten;
    const raw = r.buffer;
    if (raw.toString('latin1', 0, 2) !== 'X\n') throw new Error('Rdata.rdb: expected XDR serialisation');
    let p = 2;
    const version = raw.readInt32BE(p);
    p += 12;
    if (version === 3) p += 4 + raw.readInt32BE(p);
    const type = raw.readInt32BE(p) & 0xff;
    p += 4;
    if (type !== STRSXP) continue;
    const n = raw.readInt32BE(p);
    p += 4;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const flags = raw.readInt32BE(p);
      const len = raw.readInt32BE(p + 4);
      p += 8;
      if (len < 0) {
        lines.push('');
        continue;
      }
      // bit 3 of the CHARSXP's levels marks UTF-8, otherwise latin1
      const utf8 = (flags >> 12) & 8;
      lines.push(raw.toString(utf8 ? 'utf8' : 'latin1', p, p + len));
      p += len;
    }
    books.push({ title: (lines[0] ?? '').trim(), lines });
  }
  return books;
}
