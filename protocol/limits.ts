// Limits the server enforces and the client can show.
export const MAX_TOKENS_CAP = 4096;
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_PROMPT_CHARS = 200_000;
