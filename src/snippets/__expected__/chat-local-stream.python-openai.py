import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

stream = client.chat.completions.create(
    model="austen-mini",
    messages=[
        {"role": "system", "content": "You are Miss Austen."},
        {"role": "user", "content": "Hello, what can you do?"},
    ],
    max_tokens=24,
    temperature=0.8,
    seed=1,
    stream=True,
    extra_body={"sampling_method": "top-k", "top_k": 40},
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
print()
