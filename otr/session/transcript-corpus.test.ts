import { describe, expect, it } from 'vitest';
import { recordTranscript, renderCorpusModule } from '../test-support/transcript';

describe('the transcript corpus of the fuzzer', () => {
  // A stale corpus still fuzzes, but its duplicates would no longer be replays of live messages.
  it('is what the scripted session records today (if not: npx vitest run otr/session/transcript-corpus.test.ts -u)', async () => {
    await expect(renderCorpusModule(recordTranscript())).toMatchFileSnapshot('../test-support/corpus/transcript.ts');
  });
});
