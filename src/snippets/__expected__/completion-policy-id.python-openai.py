import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.completions.create(
    model="austen-mini",
    prompt="Is the sea salty? Answer: ",
    max_tokens=8,
    seed=1,
    stream=False,
    extra_body={"policy_id": "pol_5e0c2a9b7d14f3a86b21", "include_trace": True},
)
print(response.choices[0].text)
