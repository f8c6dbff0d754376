import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { describeError } from './describe-error.ts';

describe('describeError', () => {
  it('a connection lost mid-stream says how much of the reply is kept', () => {
    const e = new ApiError(0, 'x', 'connection_lost');
    expect(describeError(e, { chars: 854 }).message).toBe(
      'Connection lost after 854 characters; the partial reply is kept.',
    );
    expect(describeError(e, { chars: 0 }).message).toMatch(/before the reply began/);
    expect(describeError(e, { chars: 0 }).reached).toBe(false);
  });

  it('a 422 maps to its field, in words', () => {
    const d = describeError(
      new ApiError(422, 'max_tokens: Too big: expected number to be <=4096', 'validation_error', 'max_tokens'),
      {
        chars: 0,
      },
    );
    expect(d.field).toBe('max_tokens');
    expect(d.message).toBe('The server refused max_tokens: Too big: expected number to be <=4096');
    expect(d.reached).toBe(true);
  });

  it('keys, busy servers and unknown models get plain messages', () => {
    expect(describeError(new ApiError(401, 'Invalid API key'), { chars: 0 }).message).toMatch(
      /did not accept the API key/,
    );
    expect(describeError(new ApiError(429, 'full'), { chars: 0 }).message).toMatch(/busy/);
    expect(describeError(new ApiError(404, "The model 'x' does not exist"), { chars: 0 }).field).toBe('model');
  });
});
