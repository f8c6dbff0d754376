import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.chat.completions.create(
    model="austen-mini",
    messages=[
        {
            "role": "user",
            "content": "In which year was \"Pride and Prejudice\" published?",
        },
    ],
    max_tokens=12,
    seed=2,
    stop=["\n"],
    stream=False,
    extra_body={
        "policy": {
            "sampling": {"method": "guided-generation", "temperature": 0.2, "top_k": 40},
            "constraints": {"regex_pattern": "1[0-9]{3}"},
            "verifiers": {"enabled": ["regex"], "repair_on_failure": True},
        },
    },
)
print(response.choices[0].message.content)
