import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["AXIONIC_API_KEY"], base_url="http://127.0.0.1:8420/v1")

response = client.completions.create(
    model="austen-mini",
    prompt="Anne looked up from her letter, and said, ",
    max_tokens=24,
    seed=2,
    stream=False,
    extra_body={"behavior_names": ["dialogue"], "force_steering": ["exclamation"]},
)
print(response.choices[0].text)
# axionic.behaviors: one summary per behavior (max score, drift, correction)
for b in (getattr(response, "axionic", None) or {}).get("behaviors", []):
    drift = ", corrected" if b.get("corrected") else ", drift" if b.get("drift_detected") else ""
    print(f"{b['name']} ({b['mode']}): max score {b.get('max_score', '-')}{drift}")
