import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.completions.create(
    model="austen-mini",
    prompt="It is a truth universally acknowledged",
    max_tokens=16,
    temperature=0.7,
    seed=2,
    stream=False,
    extra_body={
        "top_k": 40,
        "steering_vector_id": "austen-mini/json",
        "steering_strength": -0.5,
    },
)
print(response.choices[0].text)
