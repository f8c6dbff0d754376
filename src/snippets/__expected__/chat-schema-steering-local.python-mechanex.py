import json
import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: seed
output = mx.generation.generate(
    prompt="User: Were you pleased? Answer as JSON.\nAssistant: ",
    max_tokens=24,
    sampling_method="guided-generation",
    temperature=0.2,
    json_schema={
        "type": "object",
        "properties": {"excited": {"type": "boolean"}},
        "required": ["excited"],
        "additionalProperties": False,
    },
    steering_vector="austen-mini/json",
    steering_strength=1,
)
data = json.loads(output)
print(json.dumps(data, indent=2))
