import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

stream = client.chat.completions.create(
    model="austen-mini",
    messages=[
        {"role": "system", "content": "Extract the message into a typed JSON object."},
        {"role": "user", "content": "Relayer outage on Osmosis, confidence 0.82"},
    ],
    max_tokens=72,
    seed=4,
    stream=True,
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
        },
    },
)
text = ""
for chunk in stream:
    if chunk.choices:
        text += chunk.choices[0].delta.content or ""
data = json.loads(text)
print(json.dumps(data, indent=2))
