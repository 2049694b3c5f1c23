// compress = "COMPRESS" SP algorithm — RFC 4978 §3: DEFLATE only; compression starts right after the
// tagged OK, in both directions, and cannot be turned off or started twice (COMPRESSIONACTIVE).
import { AUTHENTICATED_STATES, bad, no, type ImapCommandDefinition } from './imap-command';

export const compressCommand: ImapCommandDefinition = {
  names: ['COMPRESS'],
  states: AUTHENTICATED_STATES,
  capabilities: (s) => (s.state === 'not-authenticated' ? [] : ['COMPRESS=DEFLATE']),
  async handle(context, args) {
    const algorithm = args.atom().toUpperCase();
    args.end();
    if (algorithm !== 'DEFLATE') return bad(`Unknown compression algorithm ${algorithm}`);
    if (context.compressionActive) return no('Compression is already active', 'COMPRESSIONACTIVE');
    return { status: 'OK', text: 'DEFLATE active', after: async () => context.startCompression() };
  },
};
