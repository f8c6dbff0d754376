import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

stream = client.chat.completions.create(
    model="austen-mini",
    messages=[{"role": "user", "content": "How did you like the ball?"}],
    max_tokens=16,
    seed=1,
    stream=True,
    extra_body={"behavior_names": ["dialogue", "question"]},
)
scores = {}
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="", flush=True)
    # axionic.tokens: [{index, attempt, behaviors: {name: {score, drift}}}]
    for token in (getattr(chunk, "axionic", None) or {}).get("tokens", []):
        for name, r in token["behaviors"].items():
            scores.setdefault(name, []).append(f"{r['score']:.2f}{'*' if r['drift'] else ''}")
print()
# each behavior's score at each token (* inside a drift run)
for name, values in scores.items():
    print(f"{name}: {' '.join(values)}")
