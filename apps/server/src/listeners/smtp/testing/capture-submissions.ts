import type { INestApplication } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import { vi } from 'vitest';
import type { SubmissionEnvelope, SubmissionResult } from '@estafette/transport';
import { SmtpMessageSink } from '../message-sink';

export interface CapturedSubmission {
  envelope: SubmissionEnvelope;
  data: Buffer;
  result: SubmissionResult;
}

/**
 * Records what the SMTP listeners hand to the transport (envelope and exact bytes) while the
 * real MessageSubmission stores it: a pass-through recorder in front of the transport's stream.
 */
export function captureSubmissions(app: INestApplication): CapturedSubmission[] {
  const sink = app.get(SmtpMessageSink);
  const original = sink.submit.bind(sink);
  const captured: CapturedSubmission[] = [];
  vi.spyOn(sink, 'submit').mockImplementation(async (envelope, data: Readable, options) => {
    const chunks: Buffer[] = [];
    const recorder = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback(null, chunk);
      },
    });
    // pipeline passes a failure of the listener's stream on to the transport's reader.
    pipeline(data, recorder, () => undefined);
    const result = await original(envelope, recorder, options);
    captured.push({ envelope, data: Buffer.concat(chunks), result });
    return result;
  });
  return captured;
}
