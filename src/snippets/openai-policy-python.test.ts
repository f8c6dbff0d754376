// @vitest-environment node
// The seed page's "OpenAI client with an inline policy" Python example, as the page prints it (only the key, base
// URL and model name differ), run through the project's stand-in for the `openai` Python package against the real
// server: it parses the content with json.loads and prints topic and confidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/testing.ts';
import { runProcess, snippetEnv } from './testing/run-code.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ workers: 1 });
});
afterAll(() => server.close());

const SEED_EXAMPLE = `import json
from openai import OpenAI

client = OpenAI(
    api_key="ax_your_key_here",
    base_url="https://api.axioniclabs.ai/v1",
)

response = client.chat.completions.create(
    model="your-model-name",
    messages=[
        {
            "role": "system",
            "content": "Extract the message into a typed JSON object.",
        },
        {
            "role": "user",
            "content": "Relayer outage on Osmosis, confidence 0.82",
        },
    ],
    extra_body={
        "policy": {
            "sampling": {
                "method": "guided-generation",
                "temperature": 0.2,
                "top_p": 0.9,
            },
            "constraints": {
                "json_mode": True,
                "json_schema": {
                    "type": "object",
                    "properties": {
                        "topic": {"type": "string"},
                        "confidence": {"type": "number"},
                    },
                    "required": ["topic", "confidence"],
                    "additionalProperties": False,
                },
            },
            "verifiers": {
                "enabled": ["syntax", "json_schema"],
                "repair_on_failure": True,
            },
        }
    },
)

data = json.loads(response.choices[0].message.content)
print(data["topic"], data["confidence"])
`;

describe("the seed page's inline-policy Python example", () => {
  it('runs as printed against the local server and prints topic and confidence', async () => {
    const code = SEED_EXAMPLE.replace('ax_your_key_here', server.key)
      .replace('https://api.axioniclabs.ai/v1', `${server.url}/v1`)
      .replace('your-model-name', 'austen-mini');
    const r = await runProcess('python3', ['-c', code], snippetEnv(server.key), 60_000);
    expect(r.code, r.stderr).toBe(0);
    // "<topic> <confidence>": the last word is the number
    expect(r.stdout.trim()).toMatch(/ -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/);
  });
});
