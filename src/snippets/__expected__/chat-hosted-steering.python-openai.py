import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="https://api.axioniclabs.ai/v1")

response = client.chat.completions.create(
    model="your-model-name",
    messages=[{"role": "user", "content": "Describe a sunset."}],
    max_tokens=256,
    extra_body={
        "steering_vector_id": "sv_abc123",
        "steering_strength": 1.5,
        "policy": {
            "sampling": {"method": "guided-generation", "temperature": 0.2},
            "constraints": {"json_mode": True},
        },
    },
)
data = json.loads(response.choices[0].message.content)
print(json.dumps(data, indent=2))
