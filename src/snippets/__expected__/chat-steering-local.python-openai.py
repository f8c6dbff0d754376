import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

stream = client.chat.completions.create(
    model="austen-mini",
    messages=[{"role": "user", "content": "How did you like the ball?"}],
    max_tokens=16,
    temperature=0.8,
    seed=1,
    stream=True,
    extra_body={"steering_vector_id": "austen-mini/exclamation", "steering_strength": 1},
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()
