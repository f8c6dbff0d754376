import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.chat.completions.create(
    model="austen-mini",
    messages=[{"role": "user", "content": "Were you pleased? Answer as JSON."}],
    max_tokens=24,
    seed=5,
    stream=False,
    extra_body={
        "policy": {
            "sampling": {"method": "guided-generation", "temperature": 0.2},
            "constraints": {
                "json_mode": True,
                "json_schema": {
                    "type": "object",
                    "properties": {"excited": {"type": "boolean"}},
                    "required": ["excited"],
                    "additionalProperties": False,
                },
            },
            "verifiers": {
                "enabled": ["syntax", "json_schema"],
                "repair_on_failure": True,
            },
            "steering": {
                "enabled": True,
                "vector_id": "austen-mini/json",
                "strength": 1,
            },
        },
    },
)
data = json.loads(response.choices[0].message.content)
print(json.dumps(data, indent=2))
